from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from healing.loader import ContentError, load_guide


class Command(BaseCommand):
    help = "Load the guide's chapters and exercises from healing/content/ (safe to repeat)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also overwrite chapters that staff edited in the admin.",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        try:
            report = load_guide(force=force)
        except ContentError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Guide loaded — {report}")
