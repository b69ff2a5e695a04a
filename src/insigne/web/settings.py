"""Django settings, all read from environment variables (see the README's table).

Defaults suit a laptop: SQLite and files under ``./var``, mail written to ``var/mail``.
Production sets at least INSIGNE_SECRET_KEY, INSIGNE_PUBLIC_URL and DATABASE_URL.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import env

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.text("INSIGNE_DATA_DIR", "var")).resolve()
DEBUG = env.flag("INSIGNE_DEBUG", False)
PUBLIC_URL = env.text("INSIGNE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
_public = urlsplit(PUBLIC_URL)
if _public.scheme not in ("http", "https") or not _public.hostname:
    raise ImproperlyConfigured(f"INSIGNE_PUBLIC_URL={PUBLIC_URL!r}: expected http(s)://host[:port]")
PUBLIC_HOST = _public.netloc


def _secret_key() -> str:
    configured = env.text("INSIGNE_SECRET_KEY", "")
    if configured:
        if len(configured) < 32:
            raise ImproperlyConfigured("INSIGNE_SECRET_KEY must be at least 32 characters long")
        return configured
    if not DEBUG:
        raise ImproperlyConfigured("INSIGNE_SECRET_KEY is required when INSIGNE_DEBUG is off")
    # Development: a key kept in the data folder, so sessions and stored keys survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [_public.hostname or "", *env.words("INSIGNE_ALLOWED_HOSTS", "")]
if DEBUG:
    ALLOWED_HOSTS += ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = [f"{_public.scheme}://{_public.netloc}"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before allauth, so that its pages use Insigne's templates.
    "insigne.web.accounts",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "insigne.web.issuers",
    "insigne.web.badges",
    "insigne.web.awards",
    "insigne.web.public",
    "insigne.web.insights",
    "insigne.web.external",
    "insigne.web.backpack",
    "insigne.web.claims",
    "insigne.web.pathways",
    "insigne.web.certifications",
    "insigne.web.frameworks",
    "insigne.web.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "insigne.web.urls"
WSGI_APPLICATION = "insigne.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "insigne.web.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{DATA_DIR / 'insigne.sqlite3'}"),
        conn_max_age=env.integer("INSIGNE_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; IMMEDIATE avoids
    # "database is locked" on upgrade from a read to a write transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.text("INSIGNE_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "insigne.web.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Insigne] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = _public.scheme

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.text("INSIGNE_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

_mail = env.text("INSIGNE_EMAIL", "file")
if _mail == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _mail == "file":
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
elif _mail == "smtp":
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.text("INSIGNE_SMTP_HOST", "localhost")
    EMAIL_PORT = env.integer("INSIGNE_SMTP_PORT", 587)
    EMAIL_HOST_USER = env.text("INSIGNE_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = env.text("INSIGNE_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env.flag("INSIGNE_SMTP_TLS", True)
else:
    raise ImproperlyConfigured(f"INSIGNE_EMAIL={_mail!r}: expected console, file or smtp")
DEFAULT_FROM_EMAIL = env.text("INSIGNE_FROM_EMAIL", f"Insigne <no-reply@{_public.hostname}>")
# Shown on the accessibility statement and the privacy notice.
CONTACT_EMAIL = env.text("INSIGNE_CONTACT_EMAIL", f"contact@{_public.hostname}")

TASKS = {
    "default": {
        "BACKEND": env.text("INSIGNE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = env.integer("INSIGNE_MAX_UPLOAD_MB", 20, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _public.scheme == "https"
if _public.scheme == "https":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("INSIGNE_LOG_LEVEL", "WARNING")},
}
