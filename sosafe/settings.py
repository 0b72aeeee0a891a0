"""Settings for the SoSafe portal, read from the environment.

DEBUG is off unless the environment sets DEBUG=true (`make demo` does); with it off, SECRET_KEY
and ALLOWED_HOSTS must be given. SQLite in the project folder unless DATABASE_URL says otherwise.
"""

from datetime import timedelta
from pathlib import Path

import bootstrap
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sosafe.env import cache_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "sosafe",
    "actionplan",
    "referrals",
    "funding",
    "indicators",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise answers static files itself, already compressed, before GZip sees them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (a 300-action plan: ~340 KiB of HTML, ~15 KiB sent at zlib level 2,
    # which costs a third of Django's level 6). BREACH: the pages that reflect what is typed
    # also carry the CSRF token, which Django masks afresh on each response, and this
    # middleware pads its output by a random length, as Django's own does (Django 4.2+).
    "sosafe.middleware.PageGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sosafe.middleware.IdleSessionMiddleware",
    "sosafe.middleware.SecurityHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it turns a locked-out sign-in into the branded "try again at" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sosafe.urls"
WSGI_APPLICATION = "sosafe.wsgi.application"

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
                "sosafe.context_processors.portal",
            ],
        },
    },
]

# Connections are kept for CONN_MAX_AGE seconds and checked before reuse: opening one costs
# PostgreSQL a new backend process, which on a busy two-core server is a request's worth of CPU.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", default=True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id at OWASP's recommended cost (sosafe/hashers.py says why); older hashes still verify
# and are re-hashed with the first hasher at the next sign-in.
PASSWORD_HASHERS = [
    "sosafe.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# The plan table's rows are kept here (actionplan/fragments.py), keyed by the versions of what
# they show. locmem:// (the default) is each process's own memory; redis://host:6379/0 shares
# one cache between the processes and servers of a deployment.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}
# Sessions are read from the cache (written through to the database) only when every process
# shares it: with each process's own memory, signing out in one would leave the others
# accepting the session until their copy expired.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "django.contrib.sessions.backends.db"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "sosafe.signin.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "sosafe:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English (UK)")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap comes from the bootstrap-wrapper package at install time; nothing is committed
# and nothing is loaded from a CDN (council networks often block them).
_BOOTSTRAP_DIR = Path(next(iter(bootstrap.__path__)))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap/css", _BOOTSTRAP_DIR / "css"),
    ("vendor/bootstrap/js", _BOOTSTRAP_DIR / "js"),
]
# Uploaded and generated files: published papers' PDFs. STORAGES["default"] decides where they go
# (the filesystem under MEDIA_ROOT here; an object-storage backend may replace it).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Django's, drawing each <select> in Python rather than a template per <option>.
FORM_RENDERER = "sosafe.form_renderer.PortalFormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
# Absolute links in emails sent outside a request (the reminder command).
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SoSafe portal <sosafe@localhost>")

# Counts below this are shown as "<N" in anything marked public (scrutiny papers).
PUBLIC_SUPPRESSION_THRESHOLD = env_int("PUBLIC_SUPPRESSION_THRESHOLD", 5)

# Spreadsheet imports (sosafe.spreadsheets): the largest upload, how many rows, how large an
# XLSX may unpack to (a small zip can hold gigabytes), and how long a previewed upload waits.
SPREADSHEET_MAX_BYTES = env_int("SPREADSHEET_MAX_BYTES", 2 * 1024 * 1024)
SPREADSHEET_MAX_ROWS = env_int("SPREADSHEET_MAX_ROWS", 10_000)
SPREADSHEET_MAX_UNPACKED_BYTES = env_int("SPREADSHEET_MAX_UNPACKED_BYTES", 30 * 1024 * 1024)
# police.uk street-level files uploaded in the browser: a county's month is about 5 MB.
CRIME_UPLOAD_MAX_BYTES = env_int("CRIME_UPLOAD_MAX_BYTES", 64 * 1024 * 1024)
CRIME_UPLOAD_MAX_UNPACKED_BYTES = env_int("CRIME_UPLOAD_MAX_UNPACKED_BYTES", 512 * 1024 * 1024)
SPREADSHEET_PENDING_MINUTES = env_int("SPREADSHEET_PENDING_MINUTES", 60)

# A session ends when the browser closes, or after SESSION_IDLE_MINUTES without a request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"

# Sign-in protection (django-axes): after SIGNIN_FAILURE_LIMIT failed sign-ins for one username,
# or from one address, that username or address is refused for SIGNIN_COOLOFF_MINUTES (each
# further try restarts the wait). An administrator unlocks earlier in the Django admin
# ("Access attempts": delete the entry) or with `manage.py axes_reset_username NAME`.
SIGNIN_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
SIGNIN_COOLOFF_MINUTES = env_int("SIGNIN_COOLOFF_MINUTES", 15)
# How many proxies in front of the portal append to X-Forwarded-For (0: use the socket address).
SIGNIN_TRUSTED_PROXIES = env_int("SIGNIN_TRUSTED_PROXIES", 0)
AXES_FAILURE_LIMIT = SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGNIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sosafe.signin.client_ip"
AXES_LOCKOUT_CALLABLE = "sosafe.signin.lockout_response"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every step of every PDF at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
