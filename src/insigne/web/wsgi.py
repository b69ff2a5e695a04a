"""WSGI entry point: ``gunicorn insigne.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insigne.web.settings")
application = get_wsgi_application()
