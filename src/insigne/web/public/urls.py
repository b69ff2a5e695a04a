"""Everything public: badge pages, the verifier, the documents machines read, legal pages.

Paths are stable: they are written into signed credentials and shared on social networks.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import awards, badges, claim, evidence, issuers, ob2, pages, sharing, verifier

app_name = "public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("b/<uuid:public_id>", awards.award_page, name="award"),
    path("b/<uuid:public_id>/partage.png", awards.share_card_image, name="share-card"),
    path("b/<uuid:public_id>/telecharger/<str:format_name>", awards.download, name="download"),
    path("b/<uuid:public_id>/linkedin", sharing.linkedin_add, name="linkedin"),
    path("b/<uuid:public_id>/linkedin/partager", sharing.linkedin_share, name="linkedin-share"),
    path("b/<uuid:public_id>/qr.svg", sharing.qr_svg, name="qr-svg"),
    path("b/<uuid:public_id>/qr.png", sharing.qr_png, name="qr-png"),
    path("reclamer/<str:token>", claim.claim, name="claim"),
    path("verifier", verifier.verifier, name="verifier"),
    path("issuers/<slug:slug>", issuers.profile, name="issuer"),
    path("issuers/<slug:slug>/did.json", issuers.did_document, name="did"),
    path("issuers/<slug:slug>/logo.png", issuers.logo, name="issuer-logo"),
    path("issuers/<slug:slug>/status/<uuid:list_id>", issuers.status_list, name="status-list"),
    path("badges/<uuid:badge_id>/v<int:number>", badges.achievement, name="achievement"),
    path("badges/<uuid:badge_id>/v<int:number>/image.png", badges.image, name="badge-image"),
    path("ob2/issuers/<slug:slug>", ob2.issuer, name="ob2-issuer"),
    path("ob2/badges/<uuid:badge_id>/v<int:number>", ob2.badge_class, name="ob2-badge"),
    path("ob2/assertions/<uuid:award_id>", ob2.assertion, name="ob2-assertion"),
    path("evidence/<uuid:public_id>", evidence.evidence_file, name="evidence"),
    path("accessibilite", pages.accessibility, name="accessibility"),
    path("confidentialite", pages.privacy, name="privacy"),
]
