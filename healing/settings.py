"""Healing Hearts settings, read from the environment.

Defaults make a fresh checkout run on SQLite in development. With DEBUG off the
site refuses to start until its secrets are configured. Every variable is listed,
with a comment, in .env.example.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


# ---------------------------------------------------------------------------
# Helpers: strict readers for environment variables
# ---------------------------------------------------------------------------

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """The variable's value; unset and empty both mean the default."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def require(name: str, value: object) -> None:
    if not DEBUG and not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DEBUG is off (production). See .env.example."
        )


# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
require("SECRET_KEY", SECRET_KEY)
if not SECRET_KEY:
    SECRET_KEY = "development-only-insecure-key-never-use-in-production"  # noqa: S105
elif not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")
# Earlier keys, still accepted while a rotation settles (docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
require("ALLOWED_HOSTS", ALLOWED_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = "Healing Hearts"
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://weather.com/")
if not QUICK_EXIT_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"QUICK_EXIT_URL must be an http(s) address; got {QUICK_EXIT_URL!r}."
    )

INSTALLED_APPS = [
    "accounts",
    "healing",
    "journal",
    "safety",
    "reminders",
    "letters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.forms",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "healing.headers.SecurityHeadersMiddleware",  # outermost: static files get them too
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "healing.middleware.SignedInPersonMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.LastActiveMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "healing.middleware.NoStoreForSignedInMiddleware",
]

# Widgets render with the site's templates (the feelings picker lives in templates/includes/);
# those drawn many times a page are drawn in Python, same markup (healing/formrender.py).
FORM_RENDERER = "healing.formrender.Renderer"
# A save may carry 200,000 four-byte characters, about 2.4 MB URL-encoded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

ROOT_URLCONF = "healing.urls"
WSGI_APPLICATION = "healing.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
                "healing.context_processors.site",
            ],
        },
    },
]


# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'healing.sqlite3'}")
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL we understand: {error}"
    ) from None

if _database["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers, one writer: WAL journal, and transactions that take the write
    # lock up front so two autosaves queue instead of failing with "locked".
    _database["CONN_MAX_AGE"] = 0
    _database["CONN_HEALTH_CHECKS"] = False
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if _database["NAME"] != ":memory:":
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif _database["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")

DATABASES = {"default": _database}


# ---------------------------------------------------------------------------
# Cache: local memory in development; production needs one shared by every
# worker (rate limits), checked by healing.checks.
# ---------------------------------------------------------------------------

CACHE_URL = env_str("CACHE_URL", "locmem://")
if CACHE_URL.startswith("locmem://"):
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
elif CACHE_URL.startswith(("redis://", "rediss://")):
    _cache = {"BACKEND": "healing.cache.RedisCache", "LOCATION": CACHE_URL}
elif CACHE_URL == "db://":
    _cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
else:
    raise ImproperlyConfigured(
        f"CACHE_URL must be locmem://, db:// or a redis:// URL; got {CACHE_URL!r}."
    )
CACHES = {"default": _cache}


# ---------------------------------------------------------------------------
# Accounts: django-allauth, email login, mandatory verification, 2FA
# ---------------------------------------------------------------------------

# allauth's backend alone (it also signs staff into the admin): with Django's
# ModelBackend too, every sign-in paid for the password hash twice.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetails"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a GET never changes anything
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # this session stays; the others end
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_SESSION_REMEMBER = None  # ask: "Remember me" keeps a session for two weeks
# Subject lines may show on a shared screen: they do not name the site.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "export": "5/h/user",
    "import": "10/h/user",
}
# Password rules in plain words on every form that sets one (accounts/password_forms.py);
# sign-up hashes the password on a taken address too, so it takes as long either way.
ACCOUNT_FORMS = {
    "signup": "accounts.password_forms.SignupForm",
    "change_password": "accounts.password_forms.ChangePasswordForm",
    "reset_password_from_key": "accounts.password_forms.ResetPasswordKeyForm",
}
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Healing Hearts"
USERSESSIONS_TRACK_ACTIVITY = False
# Behind a proxy every request comes from the proxy's address: say how many proxies
# to look through, or per-address rate limits would hold for everyone at once.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# "Remember me" sessions last two weeks; without it, until the browser closes.
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
# Read from the shared cache, written through to the database: a signed-in page does not
# wait on a session query, and "sign out everywhere" still ends every session at once.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# ---------------------------------------------------------------------------
# Encryption at rest: master keys (Fernet, newest first) wrap each person's data
# key. Never derived from SECRET_KEY. `make run` writes a development key to var/.
# ---------------------------------------------------------------------------

_DEVELOPMENT_KEY_FILE = VAR_DIR / "field-encryption.key"
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS and DEBUG and _DEVELOPMENT_KEY_FILE.exists():
    FIELD_ENCRYPTION_KEYS = _DEVELOPMENT_KEY_FILE.read_text().split()
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must be set (comma-separated Fernet keys, newest first). "
        "In development, `make run` or `make test` writes one to var/field-encryption.key."
    )
try:
    for _key in FIELD_ENCRYPTION_KEYS:
        Fernet(_key)
except ValueError:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key (32 url-safe base64 bytes). "
        'Generate one with: python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())"'
    ) from None


# ---------------------------------------------------------------------------
# Email: printed to the console in development
# ---------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Healing Hearts <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Error emails would carry request details: nobody receives them.
ADMINS: list[tuple[str, str]] = []


# ---------------------------------------------------------------------------
# Background work: Django's task framework (the django-tasks backport). Tasks are
# stored in the database and run by `manage.py db_worker`; `manage.py scheduler`
# enqueues the periodic ones (healing/schedule.py). Tasks take ids, never text.
# ---------------------------------------------------------------------------

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Links in emails sent by background work, where there is no request to ask.
SITE_URL = env_str(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}"
).rstrip("/")


# ---------------------------------------------------------------------------
# Internationalisation
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True


# ---------------------------------------------------------------------------
# Static files: whitenoise, hashed and compressed names in production
# ---------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    # whitenoise serves from the finders in development but expects the folder.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "healing.storage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


# ---------------------------------------------------------------------------
# Security headers
# ---------------------------------------------------------------------------

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Marks a browser that signed in before (accounts/devices.py): its owner's wrong
# passwords count apart from anyone else's, so nobody can lock them out.
DEVICE_COOKIE_NAME = "device"
# One-time notes for the next page ("Your settings are saved."), in a cookie of this name.
MESSAGE_STORAGE = "healing.messages.MessageStorage"
MESSAGE_COOKIE_NAME = "messages"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host-: sent only over HTTPS, only to this host, set by nothing else.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    DEVICE_COOKIE_NAME = "__Host-device"
    MESSAGE_COOKIE_NAME = "__Host-messages"
    if env_bool("USE_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


# ---------------------------------------------------------------------------
# Logging: to stdout, never request bodies, query strings (search words are
# private) or the keys in reset and confirmation links, control characters
# escaped (healing.logfilters), and no error emails.
# ---------------------------------------------------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR; got {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "scrubbed": {"()": "healing.logfilters.Scrubbed"},
    },
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["scrubbed"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Task ids and names only: a task's arguments are ids, never anything written.
        "django_tasks": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "apscheduler": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
