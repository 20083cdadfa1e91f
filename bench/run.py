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
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "a bench passphrase, long enough"
SMALL, LARGE = "ten@bench.example", "ten-thousand@bench.example"
THREADS, CLIENTS = 2, 16
ROUNDS = 3


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# -- The server ----------------------------------------------------------------------


def environment() -> dict[str, str]:
    from cryptography.fernet import Fernet

    port = os.environ.get("BENCH_PORT", "8300")
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/healing_bench"
        ),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3"),
        "USE_X_FORWARDED_PROTO": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


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


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "healing.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(ROOT / "var" / "bench" / "gunicorn.log").open("w"),
        start_new_session=True,
    )
    host, port = env["BIND"].split(":")
    for _ in range(100):
        try:
            Client(host, int(port)).get("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


# -- A person's browser, by hand -----------------------------------------------------


class Client:
    """Just enough of a browser: cookies kept by name (they are Secure, and this is
    plain HTTP behind a pretend TLS proxy), CSRF tokens read from pages."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        origin = f"https://{self.host}:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers | (extra or {})

    def request(self, method: str, path: str, body: str = "", **extra: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = self.headers(extra)
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body.encode() or None, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def csrf(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            sys.exit("no CSRF token on the page")
        return found.group(1)

    def sign_in(self, email: str) -> None:
        _, page = self.get("/accounts/login/")
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            urllib.parse.urlencode(
                {"csrfmiddlewaretoken": self.csrf(page), "login": email, "password": PASSWORD}
            ),
        )
        if status != 302:
            sys.exit(f"signing in as {email} answered {status}")

    def cookie_header(self) -> str:
        return self.headers()["Cookie"]


class Forms(html.parser.HTMLParser):
    """Every autosaving form on a page, with its fields filled as a person would."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._fields: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "data-autosave" in a:
            self._fields = {}
            self.forms.append((a["action"], self._fields))
        if self._fields is None or "name" not in a:
            return
        name, kind = a["name"], a.get("type", "text")
        if tag == "textarea":
            self._fields[name] = "Some words about trust, written for the bench."
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


def autosave_form(page: str) -> tuple[str, dict[str, str]]:
    parser = Forms()
    parser.feed(page)
    if not parser.forms:
        sys.exit("no autosaving form on the page")
    return parser.forms[0]


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
    if target.body:
        status, _ = client.request(
            "POST", target.path, target.body, **{"HX-Request": "true", "X-CSRFToken": target.csrf}
        )
    else:
        status, _ = client.get(target.path)
    if status != 200:
        sys.exit(f"{target.name} ({target.path}) answered {status}, not 200: nothing was timed")


def targets(host: str, port: int, word: str) -> list[Target]:
    anonymous = Client(host, port)
    small, large = Client(host, port), Client(host, port)
    small.sign_in(SMALL)
    large.sign_in(LARGE)
    _, guide = anonymous.get("/guide/")
    chapter = re.findall(r'href="(/guide/[\w-]+/)"', guide)[1]
    answer_every_exercise(large, chapter)

    _, listing = large.get("/journal/")
    entry = re.search(r'href="(/journal/[0-9a-f-]{36}/)"', listing).group(1)
    _, editor = large.get(entry + "edit/")
    entry_action, entry_fields = autosave_form(editor)
    _, chapter_page = large.get(chapter)
    answer_action, answer_fields = autosave_form(chapter_page)
    token = large.csrf(chapter_page)

    def saving(name: str, action: str, fields: dict[str, str]) -> Target:
        text = next(key for key in fields if key not in ("base", "editor", "csrfmiddlewaretoken"))
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
        saving("autosave, entry", entry_action, entry_fields),
        saving("autosave, answer", answer_action, answer_fields),
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
    server = start_server(env)
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
