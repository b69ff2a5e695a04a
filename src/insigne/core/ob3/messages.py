"""Plain-language French and English messages for schema issues.

Members are named the way an issuer sees them in French (« critères ») and by their JSON name
in English, where readers are developers as often as issuers.
"""

from __future__ import annotations

from ..text import Text

# member -> (French label, English phrase used after "must have")
_MEMBERS = {
    "@context": ("@context", "an @context"),
    "id": ("identifiant (id)", "an id"),
    "type": ("type", "a type"),
    "name": ("nom", "a name"),
    "description": ("description", "a description"),
    "criteria": ("critères", "criteria"),
    "achievement": ("achievement", "an achievement"),
    "issuer": ("émetteur", "an issuer"),
    "credentialSubject": ("sujet", "a credentialSubject"),
    "validFrom": ("début de validité (validFrom)", "a validFrom date"),
    "issuanceDate": ("date d'émission (issuanceDate)", "an issuanceDate"),
    "targetName": ("nom de la cible", "a targetName"),
    "targetUrl": ("adresse de la cible", "a targetUrl"),
    "resultType": ("type de résultat", "a resultType"),
    "hashed": ("hashed", "a hashed flag"),
    "identityHash": ("identityHash", "an identityHash"),
    "identityType": ("type d'identité", "an identityType"),
    "identifier": ("identifiant", "an identifier"),
    "identifierType": ("type d'identifiant", "an identifierType"),
    "latitude": ("latitude", "a latitude"),
    "longitude": ("longitude", "a longitude"),
    "proof": ("preuve cryptographique", "a proof"),
}

# class -> (French noun phrase with its article, English noun)
_OWNERS = {
    "VerifiableCredential": ("l'attestation", "credential"),
    "OpenBadgeCredential": ("le badge", "badge credential"),
    "EndorsementCredential": ("la recommandation", "endorsement"),
    "Profile": ("le profil", "profile"),
    "AchievementSubject": ("le titulaire du badge (credentialSubject)", "credential subject"),
    "EndorsementSubject": ("l'objet de la recommandation", "endorsement subject"),
    "Achievement": ("l'achievement", "achievement"),
    "Criteria": ("les critères", "criteria"),
    "Alignment": ("l'alignement", "alignment"),
    "ResultDescription": ("la description de résultat", "result description"),
    "RubricCriterionLevel": ("le niveau de la grille", "rubric criterion level"),
    "Result": ("le résultat", "result"),
    "Related": ("l'achievement lié", "related achievement"),
    "Evidence": ("le justificatif", "evidence"),
    "Image": ("l'image", "image"),
    "IdentityObject": ("l'identité du titulaire", "identity object"),
    "IdentifierEntry": ("l'identifiant", "identifier entry"),
    "Address": ("l'adresse", "address"),
    "GeoCoordinates": ("les coordonnées géographiques", "geo coordinates"),
    "CredentialStatus": ("le statut", "credential status"),
    "CredentialSchema": ("le schéma", "credential schema"),
    "RefreshService": ("le service de mise à jour", "refresh service"),
    "TermsOfUse": ("les conditions d'utilisation", "terms of use"),
    "Proof": ("la preuve cryptographique", "proof"),
    "LanguageValue": ("le texte avec sa langue", "language value"),
}

_KINDS = {
    "string": ("un texte", "a string"),
    "object": ("un objet", "an object"),
    "array": ("une liste", "an array"),
    "number": ("un nombre", "a number"),
    "boolean": ("vrai ou faux (true/false)", "true or false"),
    "string-or-object": ("un texte ou un objet", "a string or an object"),
    "text": ("un texte ou un texte avec sa langue", "a string or a language value"),
}


def _fr(member: str) -> str:
    return _MEMBERS[member][0] if member in _MEMBERS else member


def _owner(owner: str) -> tuple[str, str]:
    return _OWNERS.get(owner, (owner, owner))


def _of(phrase: str) -> str:
    """French "de" + article, contracted as the language requires (du profil, des critères)."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def required(member: str, owner: str) -> Text:
    owner_fr, owner_en = _owner(owner)
    phrase = _MEMBERS[member][1] if member in _MEMBERS else f"“{member}”"
    return Text(
        fr=f"Le champ « {_fr(member)} » est obligatoire dans {owner_fr}.",
        en=f"The {owner_en} must have {phrase}.",
    )


def null(member: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » vaut null : un champ sans valeur doit être omis.",
        en=f"“{member}” is null: a member without a value must be left out.",
    )


def kind(member: str, expected: str) -> Text:
    fr, en = _KINDS[expected]
    return Text(fr=f"Le champ « {_fr(member)} » doit être {fr}.", en=f"“{member}” must be {en}.")


def klass(owner: str, expected: str, *, exact: bool) -> Text:
    owner_fr, owner_en = _owner(owner)
    if exact:
        return Text(
            fr=f"Le type {_of(owner_fr)} doit être « {expected} ».",
            en=f"The {owner_en}'s type must be “{expected}”.",
        )
    return Text(
        fr=f"Le type {_of(owner_fr)} doit contenir « {expected} ».",
        en=f"The {owner_en}'s type must include “{expected}”.",
    )


def not_uri(member: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » doit être une adresse (URI) qui commence par un schéma, "
        "comme « https: », « urn: » ou « did: ».",
        en=f"“{member}” must be a URI starting with a scheme, such as “https:”, “urn:” or “did:”.",
    )


def not_datetime(member: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » n'est pas une date et heure valide avec fuseau horaire "
        "(par exemple 2024-05-01T12:00:00Z).",
        en=f"“{member}” is not a valid date-time with a time zone (e.g. 2024-05-01T12:00:00Z).",
    )


def not_date(member: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » n'est pas une date valide (AAAA-MM-JJ).",
        en=f"“{member}” is not a valid date (YYYY-MM-DD).",
    )


def not_language(member: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » n'est pas un code de langue reconnu "
        "(par exemple fr ou fr-CA).",
        en=f"“{member}” is not a language code such as fr or fr-CA.",
    )


def not_jws(member: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » doit contenir des signatures JWS compactes (trois parties "
        "séparées par des points).",
        en=f"“{member}” must hold compact JWS strings (three dot-separated parts).",
    )


def vocabulary(member: str, value: object, *, extensible: bool) -> Text:
    if extensible:
        return Text(
            fr=f"« {_show(value)} » n'est pas une valeur reconnue pour « {_fr(member)} » : "
            "utilisez une valeur de la liste Open Badges ou ajoutez le préfixe « ext: » "
            "(par exemple ext:Programme).",
            en=f"“{_show(value)}” is not a recognised {member}: use an Open Badges value or "
            "the “ext:” prefix (e.g. ext:Program).",
        )
    return Text(
        fr=f"« {_show(value)} » n'est pas une valeur permise pour « {_fr(member)} ».",
        en=f"“{_show(value)}” is not an allowed {member}.",
    )


def closed(member: str, owner: str) -> Text:
    owner_fr, owner_en = _owner(owner)
    return Text(
        fr=f"Le champ « {_show(member)} » n'est pas permis dans {owner_fr}.",
        en=f"“{_show(member)}” is not allowed in the {owner_en}.",
    )


def empty_array(member: str) -> Text:
    return Text(
        fr=f"La liste « {_fr(member)} » est vide : une liste vide doit être omise.",
        en=f"“{member}” is an empty array: empty arrays must be left out.",
    )


def context_first(expected: str) -> Text:
    return Text(
        fr=f"Le premier élément de @context doit être « {expected} ».",
        en=f"The first @context entry must be “{expected}”.",
    )


def context_entry() -> Text:
    return Text(
        fr="Chaque élément de @context doit être une adresse (URL) ou un objet.",
        en="Each @context entry must be a URL or an object.",
    )


def context_ob_missing(expected: str) -> Text:
    return Text(
        fr=f"Le @context doit contenir le contexte Open Badges 3.0 ({expected}).",
        en=f"The @context must include the Open Badges 3.0 context ({expected}).",
    )


def context_ob_position() -> Text:
    return Text(
        fr="Le contexte Open Badges doit venir en deuxième position, juste après celui des "
        "attestations vérifiables.",
        en="The Open Badges context must come second, right after the Verifiable Credentials one.",
    )


def context_ob_version(url: str) -> Text:
    return Text(
        fr=f"Ce document utilise une ancienne version du contexte Open Badges ({url}) ; "
        "la version actuelle est 3.0.3. Il reste lisible.",
        en=f"This document uses an older Open Badges context ({url}); the current one is "
        "3.0.3. It can still be read.",
    )


def older_vc_format() -> Text:
    return Text(
        fr="Ce document suit l'ancien format Verifiable Credentials 1.1 (issuanceDate). Il "
        "reste lisible, mais les nouveaux badges utilisent le format 2.0 (validFrom).",
        en="This document uses the older Verifiable Credentials 1.1 format (issuanceDate). "
        "It can still be read; new badges use the 2.0 format (validFrom).",
    )


def date_order(start: str, end: str) -> Text:
    return Text(
        fr=f"La date de fin ({end}) est antérieure à la date de début ({start}).",
        en=f"“{end}” is earlier than “{start}”.",
    )


def criteria_empty() -> Text:
    return Text(
        fr="Les critères sont vides : donnez une adresse (id) ou un texte (narrative).",
        en="The criteria are empty: give an id (a criteria page) or a narrative.",
    )


def subject_identifier() -> Text:
    return Text(
        fr="Le titulaire du badge doit avoir un « id » ou au moins un identifiant "
        "(« identifier »).",
        en="The credential subject must have an id or at least one identifier.",
    )


def subject_empty() -> Text:
    return Text(
        fr="Le sujet de l'attestation ne contient aucune information.",
        en="The credential subject makes no claims.",
    )


def identity_hash() -> Text:
    return Text(
        fr="Quand « hashed » vaut vrai, « identityHash » doit avoir la forme "
        "algorithme$empreinte (sha256$ suivi de 64 caractères hexadécimaux, ou md5$ et 32).",
        en="When “hashed” is true, “identityHash” must read sha256$<64 hex digits> "
        "(or md5$<32 hex digits>).",
    )


def status_index_number() -> Text:
    return Text(
        fr="« statusListIndex » est écrit comme un nombre : la spécification demande du "
        "texte (« 23 » et non 23). C'est un problème de mise en forme ; l'index reste lisible.",
        en="“statusListIndex” is written as a number: the specification requires a string "
        '("23", not 23). This is a formatting problem; the index can still be read.',
    )


def status_index_invalid() -> Text:
    return Text(
        fr="« statusListIndex » doit être un entier positif ou nul écrit en texte (par "
        "exemple « 23 »).",
        en='“statusListIndex” must be a non-negative integer written as a string (e.g. "23").',
    )


def unsigned_endorsement() -> Text:
    return Text(
        fr="Une recommandation doit être signée : le champ « proof » manque.",
        en="An endorsement must be signed: it has no proof.",
    )


def dangling_reference(member: str, target: str) -> Text:
    return Text(
        fr=f"Le champ « {_fr(member)} » ne renvoie à aucun élément « {target} » de l'achievement.",
        en=f"“{member}” does not match the id of any {target} in the achievement.",
    )


def too_deep(limit: int) -> Text:
    return Text(
        fr=f"Le document est imbriqué sur plus de {limit} niveaux ; la vérification ne va "
        "pas plus loin.",
        en=f"The document is nested more than {limit} levels deep; checking stops there.",
    )


def too_many_issues(limit: int) -> Text:
    return Text(
        fr=f"Plus de {limit} problèmes : la vérification s'arrête là.",
        en=f"More than {limit} issues: checking stops here.",
    )
