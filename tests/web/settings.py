"""Settings for the web test suite: the platform's settings with fast, local collaborators.

DATABASE_URL chooses the database (SQLite by default; `make test` also runs the suite on
PostgreSQL). Tasks run immediately, mail stays in memory, passwords hash fast.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("INSIGNE_SECRET_KEY", "insigne-test-secret-key-not-for-production-0123456789")
os.environ.setdefault("INSIGNE_PUBLIC_URL", "https://insigne.test")
os.environ.setdefault("INSIGNE_DATA_DIR", tempfile.mkdtemp(prefix="insigne-test-"))
os.environ.setdefault("INSIGNE_EMAIL", "console")

from insigne.web.settings import *  # noqa: F403
from insigne.web.settings import STATIC_ROOT

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns (an error here) when missing

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_RATE_LIMITS = False
