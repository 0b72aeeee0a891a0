"""Test settings: the real settings with speed-ups that change no behaviour under test."""

import os

# Tests run with DEBUG off, as production does; production refuses to start without a secret
# key, so the tests bring their own unless the environment gives one.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployed-portal-0123456789")

from sosafe.settings import *  # noqa: E402, F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The test client and the live server speak plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Local memory whatever CACHE_URL says; tests/conftest.py empties it before every test.
CACHES = {"default": cache_from_url("locmem://")}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# live_server (browser tests) serves static files through WhiteNoise straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECURE_SSL_REDIRECT = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Published papers go to a throwaway folder, never the working copy's media/.
import tempfile as _tempfile  # noqa: E402

MEDIA_ROOT = Path(_tempfile.mkdtemp(prefix="sosafe-test-media-"))  # noqa: F405
