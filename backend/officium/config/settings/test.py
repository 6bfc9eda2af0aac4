"""Settings for the test suite: tasks run immediately, passwords hash fast, nothing leaves the box."""

from officium.config.settings.base import *  # noqa: F403
from officium.config.settings.base import ENV, REDIS_URL

ENVIRONMENT = "test"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Argon2 is the production hasher (a dedicated test checks it); the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:
    # Each test process gets its own key prefix so that parallel runs never see each other.
    import os

    CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{os.getpid()}"  # noqa: F405
ACCOUNT_RATE_LIMITS = {"login_failed": ENV.str("TEST_LOGIN_RATE", "10/m/ip,5/15m/key")}
