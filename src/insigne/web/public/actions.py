"""What the public part changes: the VC-JWT copy of an award, signed the first time someone
downloads it and kept, so every later download is the same token."""

from __future__ import annotations

import json
import logging

from django.db import transaction

from ...core.issuing import sign_credential
from ..awards.models import Award
from ..issuers import identifiers
from ..issuers.actions import active_key
from ..issuers.models import SigningKey

_log = logging.getLogger(__name__)


def sign_jwt_copy(award: Award) -> str | None:
    """``award``'s credential as a VC-JWT: the stored token, or one signed now with its
    organisation's active key and stored. None when the credential cannot be signed (no
    active key, unreadable credential): the format is then not offered for this request."""
    if award.credential_jwt:
        return award.credential_jwt
    try:
        credential = json.loads(award.credential)
        if not isinstance(credential, dict):
            raise ValueError("the credential is not a JSON object")
        credential.pop("proof", None)  # the JWS is the proof; the payload is the credential
        organisation = award.organisation
        record, key = active_key(organisation)
        method = identifiers.verification_method(organisation, record.public_multibase)
        token = str(sign_credential(credential, key, format="jwt", verification_method=method))
    except (ValueError, SigningKey.DoesNotExist) as error:
        _log.warning("award %s: cannot sign a VC-JWT copy: %s", award.public_id, error)
        return None
    with transaction.atomic():
        stored = Award.objects.filter(pk=award.pk, credential_jwt="").update(credential_jwt=token)
        if not stored:  # signed meanwhile by another request: that token is the one kept
            token = Award.objects.values_list("credential_jwt", flat=True).get(pk=award.pk)
    award.credential_jwt = token
    return token
