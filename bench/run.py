"""`make bench`: the app served as production serves it, measured against its own floor.

gunicorn (2 workers, DEBUG off, persistent connections) on PostgreSQL with the shared
Redis cache, seeded by `seed_demo` with one person who has 10 entries and one who has
10,000. For each target, wrk runs for BENCH_SECONDS against the target and then
against /healthz (the framework's floor: a view that asks the database one question),
three rounds alternating; the report is the median round. Every target is first
checked to answer 200, so a redirect is never timed.

Settings, all optional, from the environment:
  BENCH_DATABASE_URL  a PostgreSQL database to use as it is (its two demo people are replaced)
                      (default postgres://postgres@127.0.0.1:5432/healing_bench, recreated)
  BENCH_CACHE_URL     default redis://127.0.0.1:6379/3
  BENCH_PORT          default 8300
  BENCH_SECONDS       seconds per wrk run (default 5)
  BENCH_ONLY          target names separated by ";", to run only those
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import asdict, dataclass, field

from bench import serving
from bench.serving import ROOT, Client, manage

PASSWORD = "a bench passphrase, long enough"
SMALL, LARGE = "ten@bench.example", "ten-thousand@bench.example"
THREADS, CLIENTS = 2, 16
ROUNDS = 3


def say(message: str) -> None:
    serving.say("bench", message)


def environment() -> dict[str, str]:
    return serving.environment(
        port=int(os.environ.get("BENCH_PORT", "8300")),
        database_url=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/healing_bench"
        ),
        cache_url=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3"),
        workers=2,
    )


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str]) -> str:
    """An empty database, the guide, static files and two seeded people; the search word."""
    if "BENCH_DATABASE_URL" not in os.environ:
        recreate_database(env["DATABASE_URL"])
    say("migrating and loading the guide")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    word = ""
    for email, entries in ((SMALL, "10"), (LARGE, "10000")):
        say(f"seeding {email} with {entries} entries")
        printed = manage(
            env, "seed_demo", "--email", email, "--entries", entries,
            "--password", PASSWORD, "--replace", "--force", "--seed", "7",
        )  # fmt: skip
        found = re.search(r"Search word: (\w+)", printed)
        if not found:
            sys.exit(f"seed_demo did not name its search word:\n{printed}")
        word = found.group(1)
    return word


# -- A person's browser, by hand -----------------------------------------------------


class Forms(html.parser.HTMLParser):
    """Every autosaving form on a page, with its fields filled as a person would."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self.text_boxes: dict[str, list[str]] = {}  # each form's text boxes, by its action
        self._fields: dict[str, str] | None = None
        self._boxes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "data-autosave" in a:
            self._fields = {}
            self.forms.append((a["action"], self._fields))
            self._boxes = self.text_boxes.setdefault(a["action"], [])
        if self._fields is None or "name" not in a:
            return
        name, kind = a["name"], a.get("type", "text")
        if tag == "textarea":
            self._fields[name] = "Some words about trust, written for the bench."
            self._boxes.append(name)
        elif tag == "input" and kind in ("checkbox", "radio"):
            self._fields.setdefault(name, a.get("value", "on"))
        elif tag == "input" and kind == "hidden":
            self._fields[name] = a.get("value", "")
        elif tag == "input" and kind in ("text", "search", "date", "time", "number"):
            self._fields.setdefault(name, a.get("value") or "A few words")
        elif tag == "select":
            self._fields.setdefault(name, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None


def autosave_form(page: str) -> tuple[str, dict[str, str], str]:
    """The page's first autosaving form with a text box: its action, its fields filled,
    and the text box each timed request writes anew."""
    parser = Forms()
    parser.feed(page)
    for action, fields in parser.forms:
        if parser.text_boxes[action]:
            return action, fields, parser.text_boxes[action][0]
    sys.exit("no autosaving form with a text box on the page")


def answer_every_exercise(client: Client, chapter: str) -> None:
    _, page = client.get(chapter)
    parser = Forms()
    parser.feed(page)
    for action, fields in parser.forms:
        body = urllib.parse.urlencode(fields | {"autosave": "1"})
        status, _ = client.request("POST", action, body, **{"HX-Request": "true"})
        if status != 200:
            sys.exit(f"answering {action} answered {status}")


# -- Measuring -----------------------------------------------------------------------


@dataclass
class Target:
    name: str
    path: str
    cookie: str = ""
    body: str = ""  # a POST body: each request appends a counter to the text field
    text_field: str = ""
    csrf: str = ""


@dataclass
class Run:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int


@dataclass
class Result:
    name: str
    path: str
    runs: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)

    def median(self, runs: list[Run]) -> Run:
        return sorted(runs, key=lambda run: run.rps)[len(runs) // 2]

    @property
    def ratio(self) -> float:
        return self.median(self.runs).rps / max(self.median(self.floors).rps, 0.001)


def wrk(base: str, target: Target, seconds: int) -> Run:
    env = {
        **os.environ,
        "BENCH_COOKIE": target.cookie,
        "BENCH_BODY": target.body,
        "BENCH_FIELD": target.text_field,
        "BENCH_CSRF": target.csrf,
    }
    done = subprocess.run(
        [
            "wrk", f"-t{THREADS}", f"-c{CLIENTS}", f"-d{seconds}s", "--latency",
            "-s", str(ROOT / "bench" / "wrk.lua"), base + target.path,
        ],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    report = json.loads(done.stdout.rsplit("BENCH_JSON", 1)[1])
    return Run(**report)


def check(client: Client, target: Target) -> None:
    if target.body:  # as wrk sends it (bench/wrk.lua)
        body = f"{target.body}&{urllib.parse.urlencode({target.text_field: 'Checking'})}"
        headers = {"HX-Request": "true", "X-CSRFToken": target.csrf}
        status, _ = client.request("POST", target.path, body, **headers)
    else:
        status, _ = client.get(target.path)
    if status != 200:
        sys.exit(f"{target.name} ({target.path}) answered {status}, not 200: nothing was timed")


def targets(host: str, port: int, word: str) -> list[Target]:
    anonymous = Client(host, port)
    small, large = Client(host, port), Client(host, port)
    small.sign_in(SMALL, PASSWORD)
    large.sign_in(LARGE, PASSWORD)
    _, guide = anonymous.get("/guide/")
    chapter = re.findall(r'href="(/guide/[\w-]+/)"', guide)[1]
    answer_every_exercise(large, chapter)

    _, listing = large.get("/journal/")
    entry = re.search(r'href="(/journal/[0-9a-f-]{36}/)"', listing).group(1)
    _, editor = large.get(entry + "edit/")
    _, chapter_page = large.get(chapter)
    token = large.csrf(chapter_page)

    def saving(name: str, page: str) -> Target:
        action, fields, text = autosave_form(page)
        rest = {key: value for key, value in fields.items() if key != text}
        body = urllib.parse.urlencode(rest | {"autosave": "1"})
        return Target(name, action, large.cookie_header(), body, text, token)

    cookie = large.cookie_header()
    chosen = [
        Target("chapter, anonymous", chapter),
        Target("chapter, signed in", chapter, cookie),
        Target("guide, signed in", "/guide/", cookie),
        Target("reflections", "/reflections/", cookie),
        Target("journal list, 10 entries", "/journal/", small.cookie_header()),
        Target("journal list, 10,000 entries", "/journal/", cookie),
        Target("search, 10 entries", f"/journal/?q={word}", small.cookie_header()),
        Target("search, 10,000 entries", f"/journal/?q={word}", cookie),
        Target("search finding nothing, 10,000", "/journal/?q=zzyzx", cookie),
        Target("an entry", entry, cookie),
        Target("today", "/", cookie),
        Target("insights", "/insights/", cookie),
        saving("autosave, entry", editor),
        saving("autosave, answer", chapter_page),
    ]
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(";") if name.strip()}
    chosen = [target for target in chosen if not only or target.name in only]
    for target in chosen:
        check(large, target)
    return chosen


def table(results: list[Result]) -> str:
    lines = [
        "| target | req/s | p50 ms | p95 ms | p99 ms | /healthz req/s | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        run, floor = result.median(result.runs), result.median(result.floors)
        lines.append(
            f"| {result.name} | {run.rps:.0f} | {run.p50:.1f} | {run.p95:.1f} | {run.p99:.1f}"
            f" | {floor.rps:.0f} | {result.ratio:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: sudo apt-get install wrk")
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    env = environment()
    word = prepare(env)
    server = serving.start_server(env, ROOT / "var" / "bench" / "gunicorn.log")
    try:
        host, port = env["BIND"].split(":")
        base = f"http://{env['BIND']}"
        chosen = targets(host, int(port), word)
        floor = Target("floor", "/healthz")
        results = [Result(target.name, target.path) for target in chosen]
        for round_ in range(1, ROUNDS + 1):
            for target, result in zip(chosen, results, strict=True):
                say(f"round {round_}/{ROUNDS}: {target.name}")
                result.runs.append(wrk(base, target, seconds))
                result.floors.append(wrk(base, floor, seconds))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    report = table(results)
    print("\n" + report)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    payload = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seconds": seconds,
        "clients": CLIENTS,
        "search_word": word,
        "results": [asdict(result) | {"ratio": result.ratio} for result in results],
    }
    (out / "latest.json").write_text(json.dumps(payload, indent=2))
    say(f"written to {out / 'latest.json'}")


if __name__ == "__main__":
    main()
