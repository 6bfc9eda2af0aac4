"""Settings shared by every environment; all deployment choices come from OFFICIUM_* variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.csp import CSP

from officium.config import env as config

ENV = config.Env.from_os()
REPO_DIR = Path(__file__).resolve().parents[4]
DATA_DIR = config.data_dir(ENV)
ENVIRONMENT = "production"

SECRET_KEY = config.secret_key(ENV, DATA_DIR)
DEBUG = ENV.flag("DEBUG", False)
ALLOWED_HOSTS = ENV.items("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = ENV.items("CSRF_TRUSTED_ORIGINS", [])
REDIS_URL = ENV.text("REDIS_URL", "")
PORT = ENV.integer("PORT", 8000)
SITE_NAME = ENV.text("SITE_NAME", "Officium")
# How many reverse proxies (nginx, a load balancer) stand in front and append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = ENV.integer("TRUSTED_PROXIES", 0)
# Threads per server process that run requests (middleware and view); see config/http_handler.py.
OFFICIUM_HTTP_THREADS = ENV.integer("HTTP_THREADS", 8)
OFFICIUM_PUNCH_LANE = ENV.flag("PUNCH_LANE", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "allauth.usersessions",
    "django_tasks_db",
    "officium.core",
    "officium.accounts",
    "officium.org",
    "officium.approvals",
    "officium.attendance",
    "officium.leave",
    "officium.ops",
    "officium.documents",
    "officium.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "officium.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "officium.accounts.middleware.UserLanguageMiddleware",
    "officium.accounts.middleware.ClearSiteDataOnLogoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "officium.core.middleware.ApiRequestGuardMiddleware",
    "officium.core.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "officium.config.urls"
ASGI_APPLICATION = "officium.config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": config.database(ENV, DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Officium's permission codes come from role grants (officium.core.permissions), not from backends.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ACCOUNT_ADAPTER = "officium.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email", "phone"}
ACCOUNT_USER_DISPLAY = "officium.accounts.adapter.user_display"
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PHONE_VERIFICATION_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Failed logins: 10 a minute from one address, 5 in 15 minutes for one account identifier.
ACCOUNT_RATE_LIMITS: dict[str, str | bool] = {"login_failed": "10/m/ip,5/15m/key"}
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("browser",)
HEADLESS_FRONTEND_URLS = {
    "account_reset_password_from_key": "/login/reset/{key}",
    "account_confirm_email": "/login/verify/{key}",
    "account_signup": "/login",
}
# Sessions live in the database (they survive restarts) and are read through the cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "/login"

# --- internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = {"zh-CN": "zh-hans", "en": "en"}[ENV.choice("LANGUAGE", "zh-CN", ("zh-CN", "en"))]
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [REPO_DIR / "backend" / "officium" / "locale"]
TIME_ZONE = ENV.text("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- static files, the front end and media ----------------------------------------------------
STATIC_URL = "/static/"
FRONTEND_DIR = Path(ENV.text("FRONTEND_DIR", str(REPO_DIR / "frontend" / "dist")))
WHITENOISE_USE_FINDERS = True
# Index static files once at start-up (autorefresh would rescan the disk on every request).
WHITENOISE_AUTOREFRESH = False
WHITENOISE_ROOT = FRONTEND_DIR if FRONTEND_DIR.is_dir() else None
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

# Prometheus scrapes /metrics with this bearer token; empty: no /metrics.
METRICS_TOKEN = ENV.text("METRICS_TOKEN", "")

# Backups (officium.ops): where archives go, the optional encryption key, the schedule and retention.
BACKUP_DIR = Path(ENV.text("BACKUP_DIR", str(DATA_DIR / "backups")))
BACKUP_KEY = ENV.text("BACKUP_KEY", "")
BACKUP_SCHEDULE = ENV.choice("BACKUP_SCHEDULE", "daily", ("daily", "off"))
BACKUP_HOUR = ENV.integer("BACKUP_HOUR", 2)
BACKUP_KEEP_DAILY = ENV.integer("BACKUP_KEEP_DAILY", 7)
BACKUP_KEEP_WEEKLY = ENV.integer("BACKUP_KEEP_WEEKLY", 4)
BACKUP_KEEP_MONTHLY = ENV.integer("BACKUP_KEEP_MONTHLY", 12)
DATA_UPLOAD_MAX_MEMORY_SIZE = ENV.integer("MAX_REQUEST_BYTES", 2 * 1024 * 1024)

# --- documents: limits of real-time co-editing -------------------------------------------------
DOCUMENTS_MAX_CLIENTS = ENV.integer("DOCUMENTS_MAX_CLIENTS", 100)  # connections per document and process
DOCUMENTS_MAX_FRAME_BYTES = ENV.integer("DOCUMENTS_MAX_FRAME_BYTES", 2 * 1024 * 1024)
DOCUMENTS_MAX_BYTES = ENV.integer("DOCUMENTS_MAX_BYTES", 16 * 1024 * 1024)
# A room stays this long after its last editor leaves, then writes a snapshot and closes.
DOCUMENTS_ROOM_IDLE_SECONDS = 30.0
# Presence (cursors) is forwarded at most this often.
DOCUMENTS_PRESENCE_INTERVAL = 1.0


def whitenoise_immutable_file(path: str, url: str) -> bool:
    """Vite puts a content hash in every file name under /assets/."""
    return url.startswith("/assets/")


WHITENOISE_IMMUTABLE_FILE_TEST = whitenoise_immutable_file

# --- cache, channel layer, tasks ---------------------------------------------------------------
CACHES: dict[str, dict[str, Any]]
CHANNEL_LAYERS: dict[str, dict[str, Any]]
TASKS: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "officium"},
        }
    }
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- email -------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = ENV.text("EMAIL_FROM", "Officium <officium@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = config.mailers(ENV, DATA_DIR, local_relay=False)

# --- notifications -----------------------------------------------------------------------------
# Where people open the app: links in emails and IM messages start with it.
PUBLIC_URL = ENV.text("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The hour (organisation time) at which daily email digests go out.
NOTIFICATION_DIGEST_HOUR = ENV.integer("NOTIFICATION_DIGEST_HOUR", 8)
# IM robot webhooks may point at loopback or private addresses only when this is on (a test or an
# intranet IM server); otherwise an administrator's URL could reach internal services.
WEBHOOK_ALLOW_PRIVATE = ENV.flag("WEBHOOK_ALLOW_PRIVATE", False)
# Web Push: the server's VAPID private key (raw, base64url) and the contact the push services see.
VAPID_PRIVATE_KEY = ENV.text("VAPID_PRIVATE_KEY", "")
VAPID_SUBJECT = ENV.text("VAPID_SUBJECT", "mailto:officium@localhost")

# --- security headers --------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- the HTTP API ------------------------------------------------------------------------------
NINJA_PAGINATION_MAX_LIMIT = 200
API_PAGE_SIZE = 50

LOG_FORMAT = ENV.choice("LOG_FORMAT", "text", ("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "officium.core.context.RequestContextLogFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        # One JSON object per line for log shippers (Loki, Elasticsearch): time, level, logger, message,
        # request id, and the exception when there is one.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": ENV.text("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "django.tasks": {"level": "WARNING"}},
}

# Errors reported to Sentry or a Sentry-compatible service (GlitchTip, self-hosted Sentry) when set.
SENTRY_DSN = ENV.text("SENTRY_DSN", "")
if SENTRY_DSN:
    from officium.config import error_reporting

    error_reporting.start(SENTRY_DSN, environment=ENV.text("ENVIRONMENT", "production"))
