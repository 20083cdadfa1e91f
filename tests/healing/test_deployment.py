"""Docker has no engine here: the deployment files are checked by reading them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRET_WORDS = ("PASSWORD", "SECRET", "KEY")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_with_a_health_check_and_a_named_volume():
    db = compose()["services"]["db"]

    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "pgdata" in compose()["volumes"]


def test_the_web_service_waits_for_a_healthy_database_then_migrates():
    web = compose()["services"]["web"]

    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["build"] == "."
    assert web["env_file"] == ".env"
    command = web["command"]
    assert command.index("migrate") < command.index("gunicorn")
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_compose_holds_no_secrets():
    for name, service in compose()["services"].items():
        for key, value in service.get("environment", {}).items():
            if any(word in key for word in SECRET_WORDS) or "://" in str(value):
                # Only references to .env, never literal values.
                literal = re.sub(r"\$\{[^}]+\}", "", str(value))
                assert not re.search(r":[^/@]+@", literal), f"{name}.{key} holds a password"
                assert "${" in str(value), f"{name}.{key} holds a literal secret"


def test_the_image_runs_gunicorn_as_a_non_root_user_with_collected_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert re.search(r"^FROM python:3\.\d+-slim", dockerfile, re.M)
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert "gunicorn" in dockerfile.splitlines()[-1]


def test_the_access_log_leaves_out_query_strings():
    config: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)  # noqa: S102 (our own file)

    assert "%(U)s" in config["access_log_format"]
    assert "%(q)s" not in config["access_log_format"]
    assert "%(r)s" not in config["access_log_format"]


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (ROOT / "healing" / "settings.py").read_text()
    gunicorn_source = (ROOT / "gunicorn.conf.py").read_text()
    read = set(re.findall(r'env_\w+\("([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', gunicorn_source))
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.M))

    assert read - listed == set()


def test_a_worker_and_one_scheduler_run_beside_the_web_app_once_it_is_up():
    services = compose()["services"]
    assert "housekeeping" not in services  # its loop is now a scheduled task

    for name, command in (("worker", "db_worker"), ("scheduler", "scheduler")):
        service = services[name]
        assert f"manage.py {command}" in service["command"]
        assert service["depends_on"]["web"]["condition"] == "service_healthy"
        assert service["environment"] == services["web"]["environment"]
        assert service["env_file"] == ".env"
    assert "--no-reload" in services["worker"]["command"]
    assert "deploy" not in services["scheduler"]  # one replica, never scaled
