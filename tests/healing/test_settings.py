"""Configuration comes from the environment; nonsense stops start-up with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 30 + "-production-secret-for-the-check-only",
    "ALLOWED_HOSTS": "healing.example",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEYS": "c0OFGUgkDxW2Pm5T5rkCMDsw4a1W5lFYyZ0VUQ2uQXo=",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    ignored = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_a_fresh_checkout_needs_no_configuration():
    result = manage("check")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({**PRODUCTION, "SECRET_KEY": ""}, "SECRET_KEY"),
        ({**PRODUCTION, "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": "mysql://localhost/x"}, "DATABASE_URL"),
        ({"CACHE_URL": "memcached://x"}, "CACHE_URL"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
        ({"QUICK_EXIT_URL": "javascript:alert(1)"}, "QUICK_EXIT_URL"),
        ({**PRODUCTION, "FIELD_ENCRYPTION_KEYS": ""}, "FIELD_ENCRYPTION_KEYS"),
        ({"FIELD_ENCRYPTION_KEYS": "not-a-key"}, "FIELD_ENCRYPTION_KEYS"),
        ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL"),
        ({"TRUSTED_PROXY_COUNT": "one"}, "TRUSTED_PROXY_COUNT"),
    ],
)
def test_bad_configuration_stops_start_up_naming_the_variable(env, named):
    result = manage("check", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.splitlines()[-1]


def test_empty_values_mean_the_default_as_in_env_example():
    result = manage("check", DATABASE_URL="", QUICK_EXIT_URL="", CACHE_URL="", LOG_LEVEL="")

    assert result.returncode == 0, result.stderr


def test_production_refuses_a_per_process_cache():
    result = manage("check", **{**PRODUCTION, "CACHE_URL": "locmem://"})

    assert result.returncode != 0
    assert "healing.E001" in result.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr + result.stdout


def test_production_cookies_are_host_only_and_https_only():
    names = ["SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "DEVICE_COOKIE_NAME", "MESSAGE_COOKIE_NAME"]
    code = f"from django.conf import settings; print(*(getattr(settings, n) for n in {names}))"
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "__Host-device",
        "__Host-messages",
    ]
