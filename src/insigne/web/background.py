"""Background tasks: Django's tasks API.

Django 5.2 gets it from the ``django-tasks`` backport; Django 6 has it built in. Moving up
changes this module only.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

_module = import_module("django.tasks" if find_spec("django.tasks") else "django_tasks")
task: Any = _module.task

__all__ = ["task"]
