"""Background tasks: Django's tasks API.

Django 5.2 gets it from the ``django-tasks`` backport; Django 6 has it built in. Moving up
changes this module only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_tasks import task
else:
    try:  # Django >= 6.0
        from django.tasks import task
    except ImportError:  # Django 5.2
        from django_tasks import task

__all__ = ["task"]
