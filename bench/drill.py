"""`make drill`: people writing while the servers fail, and not one acknowledged word lost.

50 made-up people write at once for 60 seconds, in pages that follow the autosave
engine's contract (static/js/autosave.js) as a browser does: every save carries the
page's save counter (`base`) and editor id, a save with no answer is retried with the
same editor id after 5 s, 10 s, 20 s… (at most 60 s), a stale CSRF token is read again
from the page, and a 409 (another page saved first) shows both texts, from which the
person chooses: the other page's, their own, or a combination. Each person has a journal
tab, writing new entries one after another, and a guide tab answering one exercise; one
person in five also has a second tab that now and then opens the same entry and the same
exercise and writes there too, so conflicts are raised and settled.

Meanwhile one gunicorn worker is killed (SIGKILL) every 10 seconds and PostgreSQL is
restarted once (pg_ctl restart -m fast). The database is a private cluster made for the
drill (initdb in a temporary directory, as the postgres user when run as root) on its
own port, removed at the end, whatever happens. Then every tab stops typing and waits
until what it holds is saved, and each acknowledged save is compared with what the
database holds, decrypted (bench/ledger.py says how). Exits 1 unless nothing was lost,
nothing duplicated, and conflicts were raised. See docs/reliability.md.

Settings, all optional, from the environment:
  DRILL_SECONDS   how long people write (default 60)
  DRILL_PEOPLE    default 50
  DRILL_PORT      gunicorn's port (default 8400)
  DRILL_PG_PORT   the private PostgreSQL's port (default 55433)
  DRILL_PG_BIN    where initdb and pg_ctl are (default: the newest /usr/lib/postgresql/*/bin)
  DRILL_CACHE_URL default redis://127.0.0.1:6379/5
  DRILL_WORKERS   gunicorn workers (default 4)
  DRILL_SEED      the seed of what people do and when (default 17)
"""

from __future__ import annotations

import contextlib
import glob
import html.parser
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import serving
from bench.ledger import Ack, KeptAside, Stored, Tally, lost_saves, missing_asides
from bench.serving import ROOT, Client, Reply, manage

DATABASE = "healing_drill"
SHARED_EVERY = 5  # one person in five writes in two tabs at once
KILL_EVERY = 10.0
DEBOUNCE = 1.2  # the engine's pause in typing before it saves
RETRY, MAX_RETRY = 5.0, 60.0
TIMEOUT = 30.0
SETTLE_FOR = 100.0  # how long tabs may take to save what they hold once people stop
WORDS = (
    "trust", "slowly", "again", "morning", "walk", "quiet", "tea", "letter", "honest", "small",
    "step", "breath", "kind", "garden", "friend", "rain", "window", "patience", "hope", "light",
)  # fmt: skip


def say(message: str) -> None:
    serving.say("drill", message)


# -- The private PostgreSQL ------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster of the drill's own, in a temporary directory."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.bin = self.find_binaries()
        self.root = Path(tempfile.mkdtemp(prefix="healing-drill-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"

    @staticmethod
    def find_binaries() -> Path:
        if chosen := os.environ.get("DRILL_PG_BIN"):
            return Path(chosen)
        found = sorted(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
        )
        if found:
            return Path(found[-1]).parent
        if initdb := shutil.which("initdb"):
            return Path(initdb).parent
        sys.exit(
            "PostgreSQL's initdb was not found: apt-get install postgresql, or set DRILL_PG_BIN"
        )

    def run(self, *args: str) -> None:
        # initdb refuses to run as root: then the cluster belongs to the postgres user.
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        # Output to a file, never a pipe: a server started here would hold a pipe open.
        with tempfile.TemporaryFile("w+") as output:
            done = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT)
            if done.returncode:
                output.seek(0)
                raise RuntimeError(f"{args[0]} failed:\n{output.read()[-3000:]}")

    def start(self) -> str:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--no-instructions")  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
        )
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log),
                 "-o", options, "-w", "start")  # fmt: skip
        import psycopg

        admin = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def restart(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "restart")

    def remove(self) -> None:
        """Stop the server (if it still runs: Ctrl-C reaches it too) and delete it all."""
        try:
            if (self.data / "postmaster.pid").exists():
                self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except RuntimeError:
            # pg_ctl could not stop it: end the server by its own process id.
            pid = (self.data / "postmaster.pid").read_text().split("\n", 1)[0]
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# -- Pages, as a browser reads them --------------------------------------------------


@dataclass
class Form:
    action: str
    attrs: dict[str, str]
    fields: list[tuple[str, str]] = field(default_factory=list)  # what the browser would send
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    def value(self, name: str) -> str:
        return next(value for key, value in self.fields if key == name)

    def has(self, name: str, value: str | None = None) -> bool:
        return any(key == name and value in (None, item) for key, item in self.fields)

    def with_value(self, name: str, value: str) -> list[tuple[str, str]]:
        return [(key, value if key == name else item) for key, item in self.fields]


class Forms(html.parser.HTMLParser):
    """Every form on a page, with the values a browser would submit (FormData)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a)
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))
        name = a.get("name")
        if not name or "disabled" in a or "data-autosave-pending" in a:
            return
        kind = a.get("type", "text").lower()
        if tag == "textarea":
            self._textarea = (name, [])
        elif tag == "select":
            self._select = (name, [])
        elif tag == "button" or (tag == "input" and kind == "submit"):
            self._form.buttons.append((name, a.get("value", "")))
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in a:
                self._form.fields.append((name, a.get("value", "on")))
        elif tag == "input" and kind not in ("button", "image", "file", "reset"):
            self._form.fields.append((name, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            name, parts = self._textarea
            text = "".join(parts)
            # A browser drops one line break just after <textarea> (Django writes one).
            text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self._form.fields.append((name, text))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [
                value for value, _ in options[:1]
            ]
            self._form.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return found.group(1) if found else ""


# -- What everyone did -------------------------------------------------------------------


class Record:
    """Shared by every tab; one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acks: list[Ack] = []
        self.asides: list[KeptAside] = []
        self.settled: Counter[str] = Counter()
        self.times: list[float] = []  # every request's round trip, in seconds
        self.problems: Counter[str] = Counter()  # requests without a usable answer
        self.saves = 0
        self.unsaved = 0
        self.broken = 0  # tabs that met a page they could not read

    def answered(self, seconds: float, problem: str) -> None:
        with self.lock:
            if seconds:
                self.times.append(seconds)
            if problem:
                self.problems[problem] += 1

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, count in counts.items():
                setattr(self, name, getattr(self, name) + count)


@dataclass
class Person:
    email: str
    cookies: dict[str, str]
    chapter: str  # the chapter page with the exercise they answer
    exercise: str
    text_field: str = ""  # the exercise's text they write (its first)
    entry: str = ""  # the entry the journal tab is writing, once it is saved
    codes: set[str] = field(default_factory=set)  # every entry their tabs started


class Stop(Exception):
    """The drill is over before this page could do what it was doing."""


class Tab:
    """One open page: its form, the text the person is typing into one field of it, and
    the autosave engine's state for it (static/js/autosave.js)."""

    def __init__(self, name: str, person: Person, drill: Drill, what: str) -> None:
        self.name, self.person, self.drill, self.what = name, person, drill, what
        self.record = drill.record
        self.rng = random.Random(f"{drill.seed}:{name}")  # noqa: S311 (made-up behaviour)
        self.client = Client(drill.host, drill.port, timeout=TIMEOUT)
        self.client.cookies = dict(person.cookies)  # the same browser: the same session
        self.url = ""  # the page's address, where a fresh CSRF token is read
        self.form: Form | None = None
        self.token = ""
        self.text_field = ""
        self.thing = ""
        self.text = ""
        self.saved: str | None = None  # what the server is known to hold from this page
        self.rejected: str | None = None  # what it refused as it stands (400)
        self.failures = 0
        self.retry_at = 0.0
        self.kind = ""  # the last failure's kind, until a save succeeds
        self.typed = 0

    # -- The engine --------------------------------------------------------------

    def request(
        self, path: str, fields: list[tuple[str, str]] | None = None, htmx: bool = False
    ) -> Reply | None:
        """GET, or POST `fields` with this page's CSRF token; None when no answer came."""
        body, headers = "", {}
        if fields is not None:
            fields = [(k, v) for k, v in fields if k != "csrfmiddlewaretoken"]
            body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", self.token)])
            headers["X-CSRFToken"] = self.token
        if htmx:
            headers["HX-Request"] = "true"
        started = time.monotonic()
        try:
            reply = self.client.send("POST" if body else "GET", path, body, **headers)
        except (OSError, http.client.HTTPException):
            reply = None
        if reply is None:
            problem = "no answer"
        elif reply.status >= 500:
            problem = str(reply.status)
        elif self.signed_out(reply):
            problem = "signed out"
        else:
            problem = ""
        self.record.answered(time.monotonic() - started, problem)
        return reply

    def get(self, path: str) -> Reply | None:
        reply = self.request(path)
        return reply if reply is not None and reply.status == 200 else None

    def failed(self, kind: str) -> None:
        self.failures += 1
        self.kind = kind
        self.retry_at = time.monotonic() + min(RETRY * 2 ** (self.failures - 1), MAX_RETRY)

    def succeeded(self) -> None:
        self.failures, self.retry_at, self.kind = 0, 0.0, ""

    def signed_out(self, reply: Reply) -> bool:
        return reply.status in (401, 403) or "/accounts/login/" in reply.location

    def refresh_token(self) -> None:
        reply = self.get(self.url)
        if reply is not None and (token := csrf_token(reply.text)):
            self.token = token

    def needs_save(self) -> bool:
        return self.form is not None and self.text not in (self.saved, self.rejected)

    def fields(self) -> list[tuple[str, str]]:
        assert self.form is not None
        return [*self.form.with_value(self.text_field, self.text), ("autosave", "1")]

    def save(self) -> None:
        """One autosave, when there is something to save and the back-off allows it."""
        if not self.needs_save() or time.monotonic() < self.retry_at:
            return
        if self.kind == "session":
            self.refresh_token()
        assert self.form is not None
        sent = self.text
        self.record.add(saves=1)
        started = time.monotonic()
        reply = self.request(self.form.action, self.fields(), htmx=True)
        # Words typed while the reply was on its way (until people stop typing).
        if not self.drill.stop.is_set() and self.rng.random() < 0.2:
            self.type()
        if reply is None:
            self.failed("network")
            return
        status = re.search(r'data-save-status[^>]*?data-base="(\d+)"', reply.text)
        if self.signed_out(reply):
            self.failed("session")
        elif reply.status == 409:
            self.conflicted(sent, reply.text)
        elif reply.status == 400 and status is not None:
            self.succeeded()  # refused as it stands: not sent again until it changes
            self.rejected = sent
            self.record.answered(0, "400")
        elif reply.status != 200 or status is None:
            self.failed("server")
        else:
            self.succeeded()
            self.saved, self.rejected = sent, None
            self.form = Form(
                self.form.action, self.form.attrs, self.form.with_value("base", status.group(1))
            )
            self.acknowledge(sent, started, int(status.group(1)))

    def acknowledge(self, text: str, started: float, counter: int | None) -> None:
        ack = Ack(self.name, self.thing, text, started, time.monotonic(), counter)
        with self.record.lock:
            self.record.acks.append(ack)
        if self.what == "entry":
            self.person.entry = self.thing.removeprefix("entry ")

    def conflicted(self, sent: str, view: str) -> None:
        """409: the server kept this page's text aside. Words typed while the reply was
        on its way are sent first, so what is kept aside is everything on the page; then
        the person sees both texts and chooses."""
        self.succeeded()
        if self.text != sent:
            self.saved = None
            self.retry_at = 0.0
            self.save()
            return
        with self.record.lock:
            self.record.asides.append(KeptAside(self.name, self.thing, sent))
        self.settle_conflict(view)

    def settle_conflict(self, view: str) -> None:
        forms = Forms(view).forms
        choices = next(f for f in forms if f.has("resolve") and not f.has("keep"))
        merge = next(f for f in forms if f.has("keep", "merged"))
        how = self.rng.choice(["theirs", "mine", "merged"])
        mine = self.text
        if how == "merged":
            written = merge.value(self.text_field) + f"\n[{self.name} combined]"
            fields = [*merge.with_value(self.text_field, written), *merge.buttons[-1:]]
        else:
            written = mine
            fields = [*choices.fields, ("keep", how)]
        htmx = self.what == "answer"  # the entry's choices are plain forms
        started = time.monotonic()  # the write may happen in any attempt
        while True:
            reply = self.request(choices.action, fields, htmx=htmx)
            if reply is not None and self.signed_out(reply):
                self.refresh_token()
            if reply is not None and reply.status == 409:  # saved elsewhere again meanwhile
                self.text = written
                with self.record.lock:
                    self.record.asides.append(KeptAside(self.name, self.thing, written))
                self.settle_conflict(reply.text)
                return
            if reply is not None and reply.status in (200, 302) and not self.signed_out(reply):
                break
            # No answer, or an error: press the button again.
            self.wait(min(RETRY * 2**self.failures, MAX_RETRY), settling=True)
            self.failures += 1
        self.succeeded()
        with self.record.lock:
            self.record.settled[how] += 1
        if how != "theirs":
            self.acknowledge(written, started, None)
        if reply.status == 302:  # the entry's editor, fresh: a new page, a new editor id
            self.open(urllib.parse.urlsplit(reply.location).path, settling=True)
        else:
            self.take(Forms(reply.text).forms, self.url)

    # -- The person ------------------------------------------------------------------

    def type(self) -> None:
        self.typed += 1
        words = " ".join(self.rng.choices(WORDS, k=self.rng.randint(2, 6)))
        end = "\n" if self.rng.random() < 0.2 else " "
        self.text += f"{self.name}.{self.typed} {words}.{end}"

    def wait(self, seconds: float, settling: bool = False) -> None:
        """Sleep; when the drill ends (people stop typing) and this is not part of
        saving what the page holds, stop at once."""
        if settling:
            if time.monotonic() + seconds > self.drill.settle_by:
                raise Stop
            time.sleep(seconds)
        elif self.drill.stop.wait(seconds):
            raise Stop

    def cycle(self) -> None:
        """Type a few words, pause long enough for autosave, let it save."""
        self.type()
        self.wait(DEBOUNCE + self.rng.uniform(0.1, 1.8))
        self.save()

    def settle(self) -> None:
        """Stop typing and wait until the server holds what the page shows."""
        try:
            while self.needs_save():
                self.wait(max(self.retry_at - time.monotonic(), 0) + 0.05, settling=True)
                self.save()
        except Stop:
            pass
        if self.needs_save() or self.text == self.rejected:
            self.record.add(unsaved=1)

    def open(self, path: str, settling: bool = False) -> None:
        """Load a page (again after a failure, as a person would)."""
        failures = 0
        while (reply := self.get(path)) is None:
            failures += 1
            self.wait(min(RETRY * 2 ** (failures - 1), MAX_RETRY), settling)
        self.take(Forms(reply.text).forms, path, reply.text)

    def take(self, forms: list[Form], url: str, page: str = "") -> None:
        """The page's autosaving form for this tab's text, as the server drew it."""
        key = self.person.exercise
        form = next(
            f
            for f in forms
            if "data-autosave" in f.attrs and (self.what == "entry" or f"/{key}/" in f.action)
        )
        self.url, self.form = url, form
        self.token = csrf_token(page) or form.value("csrfmiddlewaretoken")
        if self.what == "entry":
            self.text_field = "body"
        elif not self.text_field:  # the exercise's first text
            self.text_field = next(
                name
                for name, _ in form.fields
                if name.removeprefix(f"{key}-").startswith(("prompt-", "field-"))
            )
        self.text = self.saved = form.value(self.text_field)


class Drill:
    def __init__(self) -> None:
        self.seed = int(os.environ.get("DRILL_SEED", "17"))
        self.seconds = float(os.environ.get("DRILL_SECONDS", "60"))
        self.people_count = int(os.environ.get("DRILL_PEOPLE", "50"))
        self.host, self.port = "127.0.0.1", int(os.environ.get("DRILL_PORT", "8400"))
        self.record = Record()
        self.stop = threading.Event()
        self.settle_by = float("inf")
        self.people: list[Person] = []
        self.kills = 0
        self.restarts = 0

    # -- The tabs ----------------------------------------------------------------------

    def journal(self, person: Person, name: str) -> None:
        tab = Tab(name, person, self, "entry")
        try:
            while True:
                tab.open("/journal/new/")
                assert tab.form is not None
                code = tab.form.action.split("/")[2]
                tab.thing = f"entry {code}"
                person.codes.add(code)
                for _ in range(tab.rng.randint(8, 16)):
                    tab.cycle()
                tab.settle()
        except Stop:
            pass
        tab.settle()

    def guide(self, person: Person, name: str) -> None:
        tab = Tab(name, person, self, "answer")
        try:
            tab.open(person.chapter)
            tab.thing = f"answer {person.email} {tab.text_field}"
            person.text_field = tab.text_field
            while True:
                tab.cycle()
        except Stop:
            pass
        tab.settle()

    def visitor(self, person: Person, name: str, what: str) -> None:
        """A second tab that now and then opens the same entry or exercise and writes."""
        tab = Tab(name, person, self, what)
        try:
            while True:
                tab.wait(tab.rng.uniform(6, 14))
                if what == "entry":
                    if not person.entry:
                        continue
                    tab.thing = f"entry {person.entry}"
                    tab.open(f"/journal/{person.entry}/edit/")
                else:
                    tab.open(person.chapter)
                    tab.thing = f"answer {person.email} {tab.text_field}"
                for _ in range(tab.rng.randint(2, 4)):
                    tab.cycle()
                tab.settle()
        except Stop:
            pass
        tab.settle()

    # -- The failures --------------------------------------------------------------------

    def kill_workers(self, server: subprocess.Popen[bytes]) -> None:
        """SIGKILL one gunicorn worker every 10 s; the master starts another."""
        rng = random.Random(self.seed)  # noqa: S311
        while not self.stop.wait(KILL_EVERY):
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
            if workers := [int(pid) for pid in children.split()]:
                os.kill(rng.choice(workers), signal.SIGKILL)
                self.kills += 1

    def restart_database(self, cluster: Cluster) -> None:
        """Once, halfway through (between two kills)."""
        if self.stop.wait(self.seconds / 2 + KILL_EVERY / 2):
            return
        say("restarting PostgreSQL (pg_ctl restart -m fast)")
        started = time.monotonic()
        cluster.restart()
        self.restarts += 1
        say(f"PostgreSQL is back after {time.monotonic() - started:.1f} s")

    # -- Setting up and checking ---------------------------------------------------------

    def make_people(self) -> None:
        """Confirmed accounts, each signed in once in its browser: made directly, since
        sign-up waits for an email and 50 sign-ins at once would meet the rate limit."""
        from allauth.account.models import EmailAddress
        from django.conf import settings
        from django.db import connections
        from django.test import Client as Browser

        from accounts.models import User
        from healing.kinds import Kind
        from healing.models import Exercise

        exercises = list(
            Exercise.objects.current()
            .filter(kind__in=[Kind.REFLECTION, Kind.WORKSHEET])
            .select_related("chapter")
        )
        rng = random.Random(self.seed)  # noqa: S311
        session = settings.SESSION_COOKIE_NAME
        for index in range(self.people_count):
            email = f"person{index:02d}@drill.example"
            user = User(email=email)
            user.set_unusable_password()  # signed in below, without a password
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            browser = Browser()
            browser.force_login(user)
            exercise = rng.choice(exercises)
            chapter = exercise.chapter.get_absolute_url()
            cookies = {session: browser.cookies[session].value}
            self.people.append(Person(email, cookies, chapter, exercise.key))
        connections.close_all()

    def stored(self, tally: Tally) -> dict[str, Stored]:
        """What the database holds for each thing, decrypted; duplicates counted."""
        from django.db import connections

        from accounts.models import User

        found: dict[str, Stored] = {}
        for person in self.people:
            user = User.objects.get(email=person.email)
            for entry in user.journal_entries.prefetch_related("revisions"):
                if str(entry.code) not in person.codes:
                    tally.duplicated += 1  # an entry no page started: created twice
                kept = frozenset(r.content().body for r in entry.revisions.all())
                found[f"entry {entry.code}"] = Stored(entry.body, kept)
            answers = list(user.guide_responses.filter(exercise__key=person.exercise))
            current = [a for a in answers if not a.aside]
            # No page asks to answer again: a second version of one day is a duplicate.
            days = Counter(a.answered_on for a in current)
            tally.duplicated += sum(count - 1 for count in days.values())
            if not current:
                continue
            latest = max(current, key=lambda a: a.version)
            # "<key>-prompt-<id>" is answer["prompts"][id]; "<key>-field-<id>", ["fields"].
            name = person.text_field.removeprefix(f"{person.exercise}-")
            group, _, item = name.partition("-")
            texts = {a.pk: a.answer.get(group + "s", {}).get(item, "") for a in answers}
            kept = frozenset(text for pk, text in texts.items() if pk != latest.pk)
            found[f"answer {person.email} {person.text_field}"] = Stored(texts[latest.pk], kept)
        connections.close_all()
        return found

    def run(self) -> int:
        port = int(os.environ.get("DRILL_PG_PORT", "55433"))
        cluster = Cluster(port)
        server = None
        try:
            say(f"a private PostgreSQL on port {port}, in {cluster.root}")
            database_url = cluster.start()
            env = serving.environment(
                port=self.port,
                database_url=database_url,
                cache_url=os.environ.get("DRILL_CACHE_URL", "redis://127.0.0.1:6379/5"),
                workers=int(os.environ.get("DRILL_WORKERS", "4")),
            )
            say("migrating and loading the guide")
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput")
            os.environ.update(env)
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healing.settings")
            import django

            django.setup()
            say(f"making {self.people_count} people, signed in")
            self.make_people()
            server = serving.start_server(env, ROOT / "var" / "drill" / "gunicorn.log")
            return self.write(server, cluster)
        finally:
            if server is not None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait()
            cluster.remove()
            say("the private PostgreSQL and its directory are removed")

    def tab(self, target: Any, *args: Any) -> threading.Thread:
        def run() -> None:
            try:
                target(*args)
            except Exception:
                self.record.add(broken=1)
                traceback.print_exc()

        # Daemons: on Ctrl-C or an error the drill ends without waiting for them.
        return threading.Thread(target=run, daemon=True)

    def write(self, server: subprocess.Popen[bytes], cluster: Cluster) -> int:
        tabs = []
        for index, person in enumerate(self.people):
            tabs.append(self.tab(self.journal, person, f"p{index}-journal"))
            tabs.append(self.tab(self.guide, person, f"p{index}-guide"))
            if index % SHARED_EVERY == 0:
                for what in ("entry", "answer"):
                    tabs.append(self.tab(self.visitor, person, f"p{index}-{what}-2", what))
        say(f"{len(tabs)} tabs writing for {self.seconds:.0f} s; a worker killed every 10 s")
        started = time.monotonic()
        chaos = [self.tab(self.kill_workers, server), self.tab(self.restart_database, cluster)]
        try:
            for thread in tabs + chaos:
                thread.start()
            self.stop.wait(self.seconds)
            writing = time.monotonic() - started
            self.settle_by = time.monotonic() + SETTLE_FOR
            self.stop.set()
            for thread in chaos:
                thread.join()
            say("people stop typing; waiting until every tab has saved what it holds")
            for tab in tabs:
                tab.join()
        finally:
            self.stop.set()
            self.settle_by = 0.0  # interrupted: every tab stops at its next pause
        say("comparing every acknowledged save with the database")
        tally = Tally(seconds=writing, kills=self.kills, restarts=self.restarts)
        stored = self.stored(tally)
        record = self.record
        tally.acknowledged = len(record.acks)
        tally.checked = len({(ack.tab, ack.thing) for ack in record.acks})
        tally.lost = lost_saves(record.acks, stored)
        tally.asides = len(record.asides)
        tally.asides_missing = missing_asides(record.asides, stored)
        tally.conflicts = len(record.asides)
        tally.settled = dict(record.settled)
        tally.requests, tally.problems = len(record.times), dict(record.problems)
        tally.round_trips = sorted(record.times)
        tally.saves, tally.unsaved = record.saves, record.unsaved
        tally.broken = record.broken
        print("\n" + tally.table(), flush=True)
        return 0 if tally.passed else 1


def main() -> None:
    # Ctrl-C (even when started where it was ignored) and a plain kill both end through
    # the clean-up in Drill.run.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(Drill().run())
    except KeyboardInterrupt:
        sys.exit("Interrupted: nothing was checked.")


if __name__ == "__main__":
    main()
