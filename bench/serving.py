"""The app served as production serves it, and a browser by hand: shared by `make bench`
(bench/run.py) and `make drill` (bench/drill.py)."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def say(tool: str, message: str) -> None:
    print(f"[{tool} {time.strftime('%H:%M:%S')}] {message}", flush=True)


def environment(*, port: int, database_url: str, cache_url: str, workers: int) -> dict[str, str]:
    """Production settings (DEBUG off, fresh secrets, behind a pretend TLS proxy)."""
    from cryptography.fernet import Fernet

    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "USE_X_FORWARDED_PROTO": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
    }


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """gunicorn with gunicorn.conf.py, in its own session; returns once it answers."""
    log.parent.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "healing.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        start_new_session=True,
    )
    host, port = env["BIND"].split(":")
    deadline = time.monotonic() + 90  # a busy machine boots workers slowly
    while time.monotonic() < deadline and server.poll() is None:
        try:
            Client(host, int(port)).get("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn did not start: see {log}")


class Reply(NamedTuple):
    status: int
    text: str
    location: str


class Client:
    """Just enough of a browser: cookies kept by name (they are Secure, and this is
    plain HTTP behind a pretend TLS proxy), CSRF tokens read from pages."""

    def __init__(self, host: str, port: int, timeout: float = 60) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        origin = f"https://{self.host}:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers | (extra or {})

    def send(self, method: str, path: str, body: str = "", **extra: str) -> Reply:
        """One request; raises OSError or http.client.HTTPException when no answer came."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
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
        finally:
            connection.close()
        return Reply(response.status, text, response.getheader("Location") or "")

    def request(self, method: str, path: str, body: str = "", **extra: str) -> tuple[int, str]:
        reply = self.send(method, path, body, **extra)
        return reply.status, reply.text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def csrf(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            sys.exit("no CSRF token on the page")
        return found.group(1)

    def sign_in(self, email: str, password: str) -> None:
        _, page = self.get("/accounts/login/")
        body = {"csrfmiddlewaretoken": self.csrf(page), "login": email, "password": password}
        status, _ = self.request("POST", "/accounts/login/", urllib.parse.urlencode(body))
        if status != 302:
            sys.exit(f"signing in as {email} answered {status}")

    def cookie_header(self) -> str:
        return self.headers()["Cookie"]
