"""Where a page's time goes in process: cProfile of requests through Django's test client.

The same setup as `make bench` (DEBUG off, PostgreSQL, the shared Redis cache, `seed_demo`
with one person who has 10 entries and one who has 10,000, every exercise of the chapter
answered), without the web server, so the profile shows the app's own costs.

    python bench/inprocess.py --seed              # (re)create the database and seed it, once
    python bench/inprocess.py [--requests N] [--top N] [target ...]

Targets are named as in `make bench` (e.g. "chapter, signed in"); without any, each is
timed (ms a request) and none profiled. The database, cache and keys are fixed for this
tool (BENCH_DATABASE_URL and BENCH_CACHE_URL as for `make bench`), so a seeded database
can be profiled again and again.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import LARGE, ROOT, SMALL, Forms, prepare, say

if TYPE_CHECKING:
    from django.test import Client

STATE = ROOT / "var" / "bench" / "inprocess.json"


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        # Fixed, so the seeded journals stay readable between runs; a bench database only.
        "SECRET_KEY": "bench-profile-only-" + "k" * 40,
        "FIELD_ENCRYPTION_KEYS": "YmVuY2gtcHJvZmlsZS1vbmx5LWtleS0zMi1ieXRlcyE=",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/healing_bench"
        ),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "USE_X_FORWARDED_PROTO": "1",
    }


def targets(word: str, large: Client) -> dict[str, tuple[str, str]]:
    """Name: (who, path); who is "", "small" or "large". Answers every exercise of the
    chapter, as `make bench` does."""
    from healing.models import Chapter
    from journal.models import Entry

    chapter = list(Chapter.objects.order_by("order"))[1].get_absolute_url()
    entry = Entry.objects.filter(user__email=LARGE).order_by("-created_at").first()
    page = large.get(chapter).content.decode()
    parser = Forms()
    parser.feed(page)
    for action, fields in parser.forms:
        large.post(action, fields | {"autosave": "1"}, headers={"HX-Request": "true"})
    return {
        "floor": ("", "/healthz"),
        # A page with nothing of the person's on it: what signing in costs every page
        # (session, the person's row, last-active bookkeeping, base template).
        "privacy, signed in": ("large", "/privacy/"),
        "chapter, anonymous": ("", chapter),
        "chapter, signed in": ("large", chapter),
        "guide, signed in": ("large", "/guide/"),
        "reflections": ("large", "/reflections/"),
        "journal list, 10 entries": ("small", "/journal/"),
        "journal list, 10,000 entries": ("large", "/journal/"),
        "search, 10 entries": ("small", f"/journal/?q={word}"),
        "search, 10,000 entries": ("large", f"/journal/?q={word}"),
        "search finding nothing, 10,000": ("large", "/journal/?q=zzyzx"),
        "an entry": ("large", entry.get_absolute_url()),
        "today": ("large", "/"),
        "insights": ("large", "/insights/"),
    }


class Clock:
    """Time spent in SQL (each query's round trip, wall clock) and this process's CPU
    time in templates drawn by views (the outermost render: partials and includes count
    in it). CPU time, not wall: the machine is shared, and CPU time moves less."""

    def __init__(self) -> None:
        from django.template.backends.django import Template

        self.reset()
        drawing = Template.render

        def timed(template: Template, *args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            start = time.process_time()
            try:
                return drawing(template, *args, **kwargs)
            finally:
                self.depth -= 1
                if not self.depth:
                    self.templates += time.process_time() - start

        Template.render = timed  # type: ignore[method-assign]

    def reset(self) -> None:
        self.sql = self.templates = 0.0
        self.queries = self.depth = 0

    def query(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql += time.perf_counter() - start
            self.queries += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="recreate and seed the database")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--top", type=int, default=40, help="rows of the profile to print")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("names", nargs="*")
    options = parser.parse_args()
    env = environment()
    if options.seed:
        STATE.parent.mkdir(parents=True, exist_ok=True)
        STATE.write_text(json.dumps({"word": prepare(env)}))
        say("seeded")
        if not options.names:
            return
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healing.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    clients = {"": Client(secure=True, headers={"X-Forwarded-Proto": "https"})}
    for who, email in (("small", SMALL), ("large", LARGE)):
        clients[who] = Client(secure=True, headers={"X-Forwarded-Proto": "https"})
        clients[who].force_login(User.objects.get(email=email))
    chosen = targets(json.loads(STATE.read_text())["word"], clients["large"])
    clock = Clock()
    connection.execute_wrappers.append(clock.query)  # for the whole run
    if not options.names:
        print("| page | CPU ms | of which templates | Python calls | queries | SQL ms (wall) |")
        print("|---|---:|---:|---:|---:|---:|")
    for name in options.names or chosen:
        who, path = chosen[name]
        client = clients[who]
        for _ in range(5):  # warm: the per-process copies, the connection
            assert client.get(path).status_code == 200, (name, path)
        profile = cProfile.Profile()
        if options.names:
            profile.enable()
        runs = options.requests // 5
        batches = []  # the fastest of five batches: the machine is shared
        for _ in range(5):
            clock.reset()
            start = time.process_time()
            for _ in range(runs):
                client.get(path)
            total = time.process_time() - start
            batches.append((total, clock.sql, clock.queries, clock.templates))
        total, sql, queries, templates = (value / runs * 1000 for value in min(batches))
        counting = cProfile.Profile()  # Python calls a request: steady where time is not
        counting.enable()
        client.get(path)
        counting.disable()
        calls = pstats.Stats(counting).total_calls
        if options.names:
            profile.disable()
            pstats.Stats(profile).sort_stats(options.sort).print_stats(options.top)
            print(f"{name}: {total:.2f} ms CPU a request (fastest of 5 batches)", flush=True)
        else:
            print(
                f"| {name} | {total:.2f} | {templates:.2f} | {calls:,} | {queries / 1000:.0f}"
                f" | {sql:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
