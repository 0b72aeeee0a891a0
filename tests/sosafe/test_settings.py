"""Production settings refuse to run without a real secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(code="import sosafe.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)", **env):
    unset = {"SECRET_KEY", "DEBUG", "CACHE_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _import_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_set():
    result = _import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_starts_with_a_secret_key_and_reads_hosts():
    result = _import_settings(
        DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example.org,localhost"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['portal.example.org', 'localhost']"


def test_development_needs_only_debug_on():
    result = _import_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            },
            "DEBUG": "false",
            "SECRET_KEY": "check-only-" + "k3y-" * 15,
            "ALLOWED_HOSTS": "portal.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_rejects_a_debug_value_it_cannot_read():
    result = _import_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
