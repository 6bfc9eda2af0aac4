"""The `officium` command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from officium import cli, demo
from officium.accounts.models import User
from officium.core import audit
from officium.core.models import AuditEvent
from officium.org.selectors import role_keys_of

SUBCOMMANDS = [
    "serve",
    "worker",
    "migrate",
    "upgrade",
    "demo",
    "createadmin",
    "check",
    "audit",
    "backup",
    "restore",
    "manage",
]


@pytest.mark.parametrize("arguments", [[], *([name] for name in SUBCOMMANDS), ["audit", "verify"]])
def test_every_subcommand_has_help(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*arguments, "--help"])
    assert exit_info.value.code == 0
    assert "usage: officium" in capsys.readouterr().out


def test_the_console_script_is_installed() -> None:
    executable = Path(sys.executable).with_name("officium")
    result = subprocess.run([str(executable), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert name in result.stdout


def test_an_unknown_environment_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OFFICIUM_ENVIRONMENT", "staging")
    assert cli.main(["check"]) == 2
    assert "OFFICIUM_ENVIRONMENT must be one of production, development, test, not 'staging'" in capsys.readouterr().err


def test_several_server_processes_need_redis(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(settings, "REDIS_URL", "")
    assert cli.main(["serve", "--workers", "2"]) == 2
    assert "more than one server process needs OFFICIUM_REDIS_URL" in capsys.readouterr().err


@pytest.mark.django_db
def test_createadmin_reads_the_password_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("An-operator-chosen-secret-7\n"))
    code = cli.main(["createadmin", "--username", "it", "--email", "it@corp.example", "--password-stdin"])
    assert code == 0
    user = User.objects.get(username="it")
    assert user.check_password("An-operator-chosen-secret-7")
    assert (user.is_staff, user.is_superuser) == (True, True)
    assert role_keys_of(user) == {"system_admin"}
    assert AuditEvent.objects.filter(action="accounts.user.created", object_id=str(user.pk)).count() == 1


@pytest.mark.django_db
def test_createadmin_refuses_a_weak_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("password\n"))
    assert cli.main(["createadmin", "--username", "it", "--password-stdin"]) == 2
    assert "weak_password" in capsys.readouterr().err
    assert not User.objects.filter(username="it").exists()


@pytest.mark.django_db
def test_demo_loads_once_with_a_generated_password(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo"]) == 0
    first = capsys.readouterr().out
    stored = json.loads((Path(settings.DATA_DIR) / demo.LOGINS_FILE).read_text())
    assert f"password for all: {stored['password']}" in first
    lina = User.objects.get(username="lina")
    assert lina.check_password(stored["password"])
    assert (lina.phone, lina.email) == ("+8613800000004", "lina@demo.officium.local")
    assert role_keys_of(User.objects.get(username="audit")) == {"audit_admin"}
    assert cli.main(["demo"]) == 0
    assert "Demo company already loaded." in capsys.readouterr().out
    assert User.objects.count() == 200
    signing_in = len(demo.LOGINS) + len(demo.APPROVAL_HEADS)
    assert User.objects.filter(password__startswith="!").count() == 200 - signing_in
    assert os.stat(Path(settings.DATA_DIR) / demo.LOGINS_FILE).st_mode & 0o077 == 0


@pytest.mark.django_db
def test_audit_verify_reports_the_broken_event(capsys: pytest.CaptureFixture[str]) -> None:
    events = [audit.record(action="tests.cli", object_id=str(n)) for n in range(3)]
    assert cli.main(["audit", "verify"]) == 0
    assert "Audit chain intact" in capsys.readouterr().out
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert cli.main(["audit", "verify"]) == 1
    assert f"Audit chain BROKEN at event {events[2].pk}: link to the previous row is broken" in capsys.readouterr().err


@pytest.mark.django_db
def test_check_reports_each_part(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--no-worker"]) == 0
    output = capsys.readouterr().out
    assert "database        ok" in output
    assert "All checks passed." in output


def _run_officium(args: list[str], env: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("officium")), *args],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, **env},
        check=False,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path: Path) -> None:
    env = {
        "OFFICIUM_ENVIRONMENT": "production",
        "OFFICIUM_DATA_DIR": str(tmp_path),
        "OFFICIUM_ALLOWED_HOSTS": "oa.example.com",
    }
    result = _run_officium(["manage", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    env = {"OFFICIUM_ENVIRONMENT": "production", "OFFICIUM_DATA_DIR": str(tmp_path), "OFFICIUM_ALLOWED_HOSTS": ""}
    result = _run_officium(["check"], env)
    assert result.returncode == 2
    assert "OFFICIUM_ALLOWED_HOSTS must name the host names" in result.stderr
