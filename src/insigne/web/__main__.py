"""``python -m insigne.web COMMAND``: Django's management commands for the platform."""

import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insigne.web.settings")
execute_from_command_line([f"{sys.executable} -m insigne.web", *sys.argv[1:]])
