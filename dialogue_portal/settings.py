"""Settings for the dialogue portal.

One module, read from the environment through django-environ. Every variable is
documented in the README's configuration table. Defaults give a working portal on
SQLite for a newcomer; production sets the variables.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# pytest imports this module itself; tests need no secret and no collected static files.
RUNNING_TESTS = "pytest" in sys.modules

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or RUNNING_TESTS:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: "
            "set DJANGO_SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Project apps, lowest first: a lower app never imports a higher one.
    "units",
    "documents",
    "audit",
    "accounts",
    "workcalendar",
    "sessions.apps.DialogueSessionsConfig",
    "petitions",
    "compliance",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Staff pages and downloads are never stored (it must see every answer below it).
    "dialogue_portal.middleware.PrivateStaffResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dialogue_portal.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.policy.StaffSessionPolicyMiddleware",
    "accounts.policy.StaffAccessAuditMiddleware",
    "dialogue_portal.middleware.GlobalRateLimitMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dialogue_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Names family name first everywhere: {{ user|person_name }}.
            "builtins": ["dialogue_portal.lib.people"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dialogue_portal.context_processors.portal",
                # Last: swaps the CSRF token for a placeholder while a public page is cached.
                "dialogue_portal.lib.pagecache.csrf_placeholder",
            ],
        },
    },
]

WSGI_APPLICATION = "dialogue_portal.wsgi.application"

# Database: SQLite file under var/ by default, PostgreSQL in production via DATABASE_URL.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; Redis in production (CACHE_URL=redis://host:6379/1) so
# that rate limits and caches are shared between app servers.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://dialogue-portal")}

# E-mail: printed to the console by default.
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Cổng đối thoại <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Public base URL used in e-mails and calendar feeds.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalModelBackend",
]

LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "home"

# django-axes: lock a username *from one IP address* after repeated failures, for a
# cool-off period. Keying on the pair means an attacker elsewhere cannot lock a real
# user out, and the cool-off means no lockout lasts for good.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dialogue_portal.views.locked_out"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# Internationalisation: Vietnamese by default, English on request.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Day-first dates in both languages (dialogue_portal/formats/).
FORMAT_MODULE_PATH = ["dialogue_portal.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files are vendored under static/ and served by WhiteNoise.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
_manifest_static = env.bool("DJANGO_STATIC_MANIFEST", default=not (DEBUG or RUNNING_TESTS))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _manifest_static
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Per-IP limits on public forms, through the shared cache ("N/s", "N/m", "N/10m", "N/h").
# Route the benchmark's baseline view (``make bench`` only; never in production).
BENCH_BASELINE = env.bool("DJANGO_BENCH_BASELINE", default=False)
RATELIMIT_SUBMIT = env.str("RATELIMIT_SUBMIT", default="5/10m")
RATELIMIT_LOOKUP = env.str("RATELIMIT_LOOKUP", default="20/m")
RATELIMIT_VERDICT = env.str("RATELIMIT_VERDICT", default="10/h")
RATELIMIT_GLOBAL = env.str("RATELIMIT_GLOBAL", default="300/m")
PERSONAL_DATA_RETENTION_YEARS = env.int("PERSONAL_DATA_RETENTION_YEARS", default=5)

# Compliance dashboards: the "at risk" band, the public page's cache, the working-day index.
COMPLIANCE_AT_RISK_RATE = env.float("COMPLIANCE_AT_RISK_RATE", default=0.9)
# Longest life of a cached public page (it is also dropped at once on any change).
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# How long a computed figure table is kept (0: always computed); the pages say when.
COMPLIANCE_FIGURES_CACHE_SECONDS = env.int(
    "COMPLIANCE_FIGURES_CACHE_SECONDS", default=0 if RUNNING_TESTS else 300
)
COMPLIANCE_PUBLIC_CACHE_SECONDS = env.int("COMPLIANCE_PUBLIC_CACHE_SECONDS", default=600)
COMPLIANCE_INDEX_FIRST_YEAR = env.int("COMPLIANCE_INDEX_FIRST_YEAR", default=2020)

# Uploaded files larger than this are refused by the upload forms (bytes).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Staff sessions: 30 minutes idle at most, 12 hours in all; the key rotates at sign-in
# (Django does it), and a deactivated user's sessions stop working at the next request.
STAFF_IDLE_TIMEOUT = timedelta(minutes=env.int("STAFF_IDLE_MINUTES", default=30))
STAFF_MAX_SESSION_AGE = timedelta(hours=env.int("STAFF_MAX_SESSION_HOURS", default=12))
SESSION_COOKIE_AGE = int(STAFF_MAX_SESSION_AGE.total_seconds())
# TOTP second factor for every staff account: required in production; the demo and the
# test suite relax it (tests that prove it switch it on).
OTP_REQUIRED = env.bool("DJANGO_OTP_REQUIRED", default=not (DEBUG or RUNNING_TESTS))
OTP_TOTP_ISSUER = "Cổng đối thoại TP.HCM"

# Content-Security-Policy (django-csp): no inline scripts, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    # Production behind a TLS-terminating proxy. The test suite serves plain HTTP.
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not RUNNING_TESTS)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not RUNNING_TESTS)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
    },
}

# Show demo accounts and their passwords on the console (seed_demo) only when this is on.
DEMO_MODE = DEBUG
