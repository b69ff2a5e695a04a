"""Open Badges 3.0: the data model (frozen dataclasses that write spec JSON) and the
structural validation rules of OB 3.0 and the VC Data Model 2.0.

Build an ``OpenBadgeCredential`` from the classes here and call ``to_json()`` to get the
unsigned credential; check any received document with ``validate_credential``.
"""

from __future__ import annotations

from .achievement import Achievement, Criteria, Related
from .alignment import Alignment
from .credential import Evidence, OpenBadgeCredential
from .endorsement import EndorsementCredential, EndorsementSubject
from .issues import MAX_DEPTH, MAX_ISSUES, SchemaIssue, Severity
from .profile import Address, GeoCoordinates, IdentifierEntry, Image, Profile
from .results import Result, ResultDescription, RubricCriterionLevel
from .schema import validate_credential, validate_profile, validate_verifiable_credential
from .services import (
    BitstringStatusListEntry,
    CredentialSchema,
    CredentialStatus,
    RefreshService,
    StatusEntry,
    TermsOfUse,
)
from .subject import AchievementSubject, IdentityObject

__all__ = [
    "MAX_DEPTH",
    "MAX_ISSUES",
    "Achievement",
    "AchievementSubject",
    "Address",
    "Alignment",
    "BitstringStatusListEntry",
    "CredentialSchema",
    "CredentialStatus",
    "Criteria",
    "EndorsementCredential",
    "EndorsementSubject",
    "Evidence",
    "GeoCoordinates",
    "IdentifierEntry",
    "IdentityObject",
    "Image",
    "OpenBadgeCredential",
    "Profile",
    "RefreshService",
    "Related",
    "Result",
    "ResultDescription",
    "RubricCriterionLevel",
    "SchemaIssue",
    "Severity",
    "StatusEntry",
    "TermsOfUse",
    "validate_credential",
    "validate_profile",
    "validate_verifiable_credential",
]
