"""State changes of the accounts context."""

from __future__ import annotations

from .models import User


def update_account(user: User, *, first_name: str, last_name: str, language: str) -> User:
    """Change a person's name and the language the platform writes to them in."""
    if language not in dict(User._meta.get_field("language").choices or ()):
        raise ValueError(f"unknown language {language!r}")
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])
    return user
