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
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if REDIS_URL:
    # Each test process gets its own key prefix so that parallel runs never see each other.
    CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{os.getpid()}"  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not shared-cache memory: concurrency tests need SQLite's real locking (WAL + busy timeout).
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["OFFICIUM_DATA_DIR"], "test.sqlite3")}  # noqa: F405
