"""Settings for the test suite: tasks run immediately, passwords hash fast, nothing leaves the box."""

import os
import tempfile

# Tests never touch a developer's var/: each test process gets a scratch data directory.
os.environ.setdefault("OFFICIUM_DATA_DIR", tempfile.mkdtemp(prefix="officium-test-"))

from officium.config.settings.base import *  # noqa: F403
from officium.config.settings.base import REDIS_URL

ENVIRONMENT = "test"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Argon2 is the production hasher (a dedicated test checks it); the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
BACKUP_SCHEDULE = "off"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if REDIS_URL:
    # Each parallel test process gets a Redis database of its own, counted from the one in the URL
    # (two suites side by side use URLs far enough apart): cache.clear() flushes only its own.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    server, _, base = REDIS_URL.rpartition("/")
    own_redis = f"{server}/{(int(base or 0) + 1 + worker) % 16}"
    CACHES["default"]["LOCATION"] = own_redis  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [own_redis]  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not shared-cache memory: concurrency tests need SQLite's real locking (WAL + busy timeout).
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["OFFICIUM_DATA_DIR"], "test.sqlite3")}  # noqa: F405
# Connections opened by worker threads (websocket tests) close after each use, so the test
# database can be dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
