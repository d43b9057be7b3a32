"""Settings for Invisible International, read from the environment.

See the configuration table in README.md. DEBUG is off unless asked for; the
Makefile turns it on for `make demo`.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_email_address,
    env_email_url,
    env_int,
    env_list,
    env_site_url,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "reversion",
    "personas",
    "charter",
    "search",
    "congress",
    "contests",
    "translations",
]

# The security headers come first, so every response carries them, error
# pages included; form bodies in other charsets are refused before the CSRF
# check reads them.
MIDDLEWARE = [
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.QueryStringLimitMiddleware",
    "config.middleware.Utf8FormsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "charter.middleware.TombstoneMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "personas.context_processors.current_player",
                "charter.context_processors.unread_notifications",
                "charter.context_processors.open_flags",
            ],
        },
    },
]

# Signed-in players' pages from shared frames with their own parts rendered
# per request (config/frames.py); off renders every page whole.
PAGE_FRAMES = env_bool("PAGE_FRAMES", default=True)

# Widgets' HTML kept per distinct widget (config/form_rendering.py).
FORM_RENDERER = "config.form_rendering.MemoizedRenderer"

WSGI_APPLICATION = "config.wsgi.application"

_env = environ.Env()
DATABASES = {
    "default": _env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The reads every request makes, prepared once per connection (config.prepared);
# false behind a pooler in transaction mode, which shares one server connection.
PREPARED_STATEMENTS = env_bool("PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo serves a few people at once; WAL and a busy timeout keep
    # concurrent requests from failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's backend, reading each request's player with its user; the plain
# one after it keeps sessions from before that valid (personas/backends.py).
AUTHENTICATION_BACKENDS = [
    "personas.backends.PlayerBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env_list(
    "PASSWORD_HASHERS",
    [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
# The First International's three working languages, and Spanish. English is
# the unprefixed default (/charters/…); the others live under /fr/, /de/, /es/.
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The one way dates are written for people, Django's own pages included.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

CACHES = {
    "default": _env.cache_url("CACHE_URL", default="locmemcache://"),
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "config.redis_cache.PooledRedisCache"

# Rate limits (charter/limits.py) count in the default cache: with several app
# servers it must be shared (Redis). Behind a load balancer, name the header
# that carries the client's address (e.g. HTTP_X_REAL_IP), or every client
# shares the balancer's.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)
# Sessions are read from the shared cache and kept in the database, so any
# app server can serve any signed-in player.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None
# A cache outage must not lock everyone out.
RATELIMIT_FAIL_OPEN = True

# Security: strict by default, relaxed only for the local demo over plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Email: the console in the demo, SMTP from EMAIL_URL in production. Links in
# emails are absolute, built on SITE_URL (there is no request to ask).
_email = env_email_url("EMAIL_URL", "consolemail://" if DEBUG else "smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or None
# Immediate notification emails go out inside a request: a hung SMTP server
# must cost it seconds, not a worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_email_address(
    "DEFAULT_FROM_EMAIL", "Invisible International <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env_site_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "http://localhost")

# `make bench` serves a bare view at /bench/floor to measure the app's floor.
BENCH_URLS = env_bool("BENCH_URLS", default=False)

# Uploads are not a feature; a large body is either abuse or a mistake.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}
