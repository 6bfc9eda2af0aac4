"""Settings for a developer's machine and the `make run` demo: plain HTTP on localhost."""

from officium.config.settings.base import *  # noqa: F403
from officium.config.settings.base import ENV

ENVIRONMENT = "development"
DEBUG = ENV.flag("DEBUG", True)
ALLOWED_HOSTS = ENV.items("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# Pick up a rebuilt front end without a restart (costs a disk scan per request: development only).
WHITENOISE_AUTOREFRESH = DEBUG
