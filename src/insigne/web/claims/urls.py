"""Claim links and badge requests. Mounted at the site root: issuer pages live under
``organisations/<slug>/``, participant and learner pages have paths of their own."""

from django.urls import URLPattern, URLResolver, path

from .views import event, learner, links, queue

app_name = "claims"
_org = "organisations/<slug:slug>"
_badge = f"{_org}/badges/<uuid:public_id>"
urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_badge}/liens/", links.link_list, name="links"),
    path(f"{_badge}/liens/nouveau/", links.link_create, name="link-create"),
    path(f"{_badge}/demandes-ouvertes/", links.requests_open, name="requests-open"),
    path(f"{_org}/liens/<uuid:public_id>/", links.link_detail, name="link"),
    path(f"{_org}/liens/<uuid:public_id>/activation/", links.link_active, name="link-active"),
    path(f"{_org}/liens/<uuid:public_id>/qr.<str:format_name>", links.link_qr, name="link-qr"),
    path(f"{_org}/demandes/", queue.queue, name="queue"),
    path(f"{_org}/demandes/<uuid:public_id>/", queue.request_detail, name="request"),
    path(f"{_org}/demandes/<uuid:public_id>/decision/", queue.decide, name="decide"),
    path(f"{_org}/demandes/<uuid:public_id>/preuve", queue.request_evidence, name="evidence"),
    path("evenement/<str:token>", event.event, name="event"),
    path("evenement/<str:token>/confirmation", event.event_done, name="event-done"),
    path("badges/<uuid:badge_id>/demander", learner.request_badge, name="request-badge"),
    path("mes-demandes", learner.my_requests, name="my-requests"),
    path("mes-demandes/<uuid:public_id>/retirer", learner.withdraw, name="withdraw"),
]
