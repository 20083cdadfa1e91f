from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def load_guide_after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # Every migrate (make run, the compose start, the test database, and the
    # flushes between live-server tests) leaves the whole guide in place.
    from django.db import connections

    from healing.loader import load_guide

    if "healing_chapter" in connections[using].introspection.table_names():
        load_guide()


class HealingConfig(AppConfig):
    name = "healing"
    verbose_name = "Healing Hearts"

    def ready(self) -> None:
        from healing import (
            checks,  # noqa: F401  (registers the system checks)
            export,
            guide_cache,  # noqa: F401  (forgets the cached guide when it changes)
        )

        export.register()
        post_migrate.connect(load_guide_after_migrate, sender=self)
