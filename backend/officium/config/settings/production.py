"""Settings for production: HTTPS behind a reverse proxy, hardened cookies and headers."""

from officium.config import env as config
from officium.config.env import ConfigError
from officium.config.settings.base import *  # noqa: F403
from officium.config.settings.base import ALLOWED_HOSTS, DATA_DIR, ENV

ENVIRONMENT = "production"
DEBUG = ENV.flag("DEBUG", False)
if not ALLOWED_HOSTS:
    raise ConfigError("OFFICIUM_ALLOWED_HOSTS must name the host names this server answers to")

SECURE_SSL_REDIRECT = ENV.flag("SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if ENV.flag("BEHIND_PROXY", True):
    # nginx terminates TLS and tells us so; never trust this header without such a proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = ENV.integer("HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = ENV.flag("HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
MAILERS = config.mailers(ENV, DATA_DIR, local_relay=True)
