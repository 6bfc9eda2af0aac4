"""Configuration from OFFICIUM_* environment variables."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from officium.config import env as config
from officium.config.env import ConfigError, Env


def test_booleans_accept_common_words_and_refuse_others() -> None:
    values = {"OFFICIUM_A": "yes", "OFFICIUM_B": "Off", "OFFICIUM_C": "maybe"}
    env = Env(values)
    assert env.flag("A", False) is True
    assert env.flag("B", True) is False
    assert env.flag("MISSING", True) is True
    with pytest.raises(ConfigError, match="OFFICIUM_C must be true or false, not 'maybe'"):
        env.flag("C", False)


def test_integers_lists_and_choices() -> None:
    env = Env({"OFFICIUM_PORT": "8123", "OFFICIUM_HOSTS": " a.example , b.example,,", "OFFICIUM_LANGUAGE": "fr"})
    assert env.integer("PORT", 8000) == 8123
    assert env.integer("OTHER", 7) == 7
    assert env.items("HOSTS", []) == ["a.example", "b.example"]
    with pytest.raises(ConfigError, match="OFFICIUM_LANGUAGE must be one of zh-CN, en, not 'fr'"):
        env.choice("LANGUAGE", "zh-CN", ("zh-CN", "en"))
    with pytest.raises(ConfigError, match="OFFICIUM_HOSTS must be an integer"):
        env.integer("HOSTS", 1)


def test_secret_key_is_generated_once_into_the_data_dir_with_owner_only_access(tmp_path: Path) -> None:
    first = config.secret_key(Env({}), tmp_path)
    second = config.secret_key(Env({}), tmp_path)
    key_file = tmp_path / config.KEY_FILE_NAME
    assert first == second
    assert len(first) >= config.MIN_SECRET_KEY_LENGTH
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_configured_secret_key_wins_and_must_be_long_enough(tmp_path: Path) -> None:
    configured = "k" * 60
    assert config.secret_key(Env({"OFFICIUM_SECRET_KEY": configured}), tmp_path) == configured
    assert not (tmp_path / config.KEY_FILE_NAME).exists()
    with pytest.raises(ConfigError, match="at least 50 characters"):
        config.secret_key(Env({"OFFICIUM_SECRET_KEY": "short"}), tmp_path)


def test_without_a_database_url_the_embedded_sqlite_database_lives_in_the_data_dir(tmp_path: Path) -> None:
    database = config.database(Env({}), tmp_path)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "officium.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_a_postgresql_url_is_parsed(tmp_path: Path) -> None:
    url = "postgres://officium:pw@db.example:5433/officium"
    database = config.database(Env({"OFFICIUM_DATABASE_URL": url}), tmp_path)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.example",
        5433,
        "officium",
        "officium",
    )


def test_other_databases_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="must point to PostgreSQL or SQLite"):
        config.database(Env({"OFFICIUM_DATABASE_URL": "mysql://u:p@h/db"}), tmp_path)
    with pytest.raises(ConfigError, match="not a usable database URL"):
        config.database(Env({"OFFICIUM_DATABASE_URL": "nonsense://x"}), tmp_path)


def test_data_dir_is_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    assert config.data_dir(Env({"OFFICIUM_DATA_DIR": str(target)})) == target.resolve()
    assert target.is_dir()


def test_mail_goes_to_files_in_development_and_to_the_local_relay_in_production(tmp_path: Path) -> None:
    development = config.mailers(Env({}), tmp_path, local_relay=False)["default"]
    assert development == {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path / "mail")},
    }
    production = config.mailers(Env({}), tmp_path, local_relay=True)["default"]
    assert production["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (production["OPTIONS"]["host"], production["OPTIONS"]["port"], production["OPTIONS"]["use_tls"]) == (
        "localhost",
        25,
        False,
    )


def test_a_configured_smtp_server_is_used_with_starttls(tmp_path: Path) -> None:
    env = Env({"OFFICIUM_SMTP_HOST": "smtp.corp.example", "OFFICIUM_SMTP_USER": "oa", "OFFICIUM_SMTP_PASSWORD": "pw"})
    options = config.mailers(env, tmp_path, local_relay=False)["default"]["OPTIONS"]
    assert options == {
        "host": "smtp.corp.example",
        "port": 587,
        "username": "oa",
        "password": "pw",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 20,
    }
