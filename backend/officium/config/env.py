"""Reads Officium's configuration from environment variables (12-factor), with checked types."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url

PREFIX = "OFFICIUM_"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})
KEY_FILE_NAME = "secret_key"
MIN_SECRET_KEY_LENGTH = 50
ENVIRONMENTS = ("development", "production", "test")


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Env:
    """A typed view of the OFFICIUM_* variables of one process environment."""

    values: Mapping[str, str]

    @classmethod
    def from_os(cls) -> Env:
        return cls(dict(os.environ))

    def raw(self, name: str) -> str | None:
        value = self.values.get(PREFIX + name)
        return None if value is None else str(value)

    def text(self, name: str, default: str) -> str:
        value = self.raw(name)
        return default if value is None or value == "" else value

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ConfigError(f"{PREFIX}{name} must be true or false, not {value!r}")

    def integer(self, name: str, default: int) -> int:
        value = self.raw(name)
        if value is None or value.strip() == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"{PREFIX}{name} must be an integer, not {value!r}") from None

    def items(self, name: str, default: list[str]) -> list[str]:
        value = self.raw(name)
        if value is None:
            return default
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.text(name, default)
        if value not in choices:
            raise ConfigError(f"{PREFIX}{name} must be one of {', '.join(choices)}, not {value!r}")
        return value


def data_dir(env: Env) -> Path:
    """The directory that holds the embedded database, media files and the generated secret key."""
    path = Path(env.text("DATA_DIR", "var")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(env: Env, directory: Path) -> str:
    """The configured secret key, or one generated once into the data directory (mode 0600)."""
    configured = env.raw("SECRET_KEY")
    if configured:
        if len(configured) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(f"{PREFIX}SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long")
        return configured
    key_file = directory / KEY_FILE_NAME
    try:
        # O_EXCL: two processes starting together must not both write a key.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(64))
    return key_file.read_text(encoding="ascii").strip()


def database(env: Env, directory: Path) -> dict[str, Any]:
    """Django DATABASES['default'] from OFFICIUM_DATABASE_URL, or the embedded SQLite database."""
    url = env.raw("DATABASE_URL")
    if not url:
        return sqlite_database(directory / "officium.sqlite3")
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise ConfigError(f"{PREFIX}DATABASE_URL is not a usable database URL: {error}") from None
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return sqlite_database(Path(config["NAME"]))
    if not engine.endswith("postgresql"):
        raise ConfigError(f"{PREFIX}DATABASE_URL must point to PostgreSQL or SQLite, not {engine}")
    # Under ASGI every request runs its synchronous code in a thread of its own, so persistent
    # per-thread connections would pile up: a process-wide pool serves them all instead.
    config["CONN_MAX_AGE"] = 0
    config.setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.integer("DATABASE_POOL_MIN", 2),
        "max_size": env.integer("DATABASE_POOL_MAX", 20),
        "timeout": 10,
    }
    return config


def sqlite_database(path: Path) -> dict[str, Any]:
    """SQLite tuned for a web server: WAL, IMMEDIATE write transactions, a busy timeout."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        },
    }


def mailers(env: Env, directory: Path, *, local_relay: bool) -> dict[str, dict[str, Any]]:
    """Django MAILERS: the configured SMTP server; else the local relay (production) or files (others)."""
    host = env.text("SMTP_HOST", "")
    if host:
        port, starttls = env.integer("SMTP_PORT", 587), env.flag("SMTP_STARTTLS", True)
    elif local_relay:
        # A production server hands mail to the host's MTA (postfix, exim) unless told otherwise.
        host, port, starttls = "localhost", env.integer("SMTP_PORT", 25), env.flag("SMTP_STARTTLS", False)
    else:
        # Nothing is lost without an SMTP server: mail is written to files a developer can read.
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": str(directory / "mail")},
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": host,
                "port": port,
                "username": env.text("SMTP_USER", ""),
                "password": env.text("SMTP_PASSWORD", ""),
                "use_tls": starttls,
                "use_ssl": env.flag("SMTP_SSL", False),
                "timeout": 20,
            },
        }
    }
