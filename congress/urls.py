"""Amendments, congresses, signatures and the critical edition, under /charters/<slug>/."""

from django.urls import path

import config.converters  # noqa: F401  (registers the "id" converter)
from congress.views import amendments, congresses, edition, signing

app_name = "congress"

urlpatterns = [
    path(
        "<slug:slug>/clauses/<id:pk>/amendments/new/",
        amendments.amendment_new,
        name="amendment_new",
    ),
    path("<slug:slug>/amendments/new/", amendments.amendment_new, name="proposal_new"),
    path("<slug:slug>/amendments/", amendments.amendment_list, name="amendments"),
    path("<slug:slug>/amendments/<id:pk>/", amendments.amendment_detail, name="amendment"),
    path("<slug:slug>/amendments/<id:pk>/edit/", amendments.amendment_edit, name="amendment_edit"),
    path(
        "<slug:slug>/amendments/<id:pk>/rebase/",
        amendments.amendment_rebase,
        name="amendment_rebase",
    ),
    path(
        "<slug:slug>/amendments/<id:pk>/withdraw/",
        amendments.amendment_withdraw,
        name="amendment_withdraw",
    ),
    path(
        "<slug:slug>/amendments/<id:pk>/stance/",
        amendments.amendment_stance,
        name="amendment_stance",
    ),
    path("<slug:slug>/congresses/new/", congresses.congress_new, name="congress_new"),
    path("<slug:slug>/congresses/<id:pk>/", congresses.congress_detail, name="congress"),
    path(
        "<slug:slug>/congresses/<id:pk>/minutes.md",
        congresses.congress_minutes_markdown,
        name="minutes_md",
    ),
    path("<slug:slug>/congresses/<id:pk>/close/", congresses.congress_close, name="close"),
    path("<slug:slug>/congresses/<id:pk>/sign/", signing.congress_sign, name="sign"),
    path("<slug:slug>/edition/", edition.edition, name="edition"),
    path("<slug:slug>/edition.pdf", edition.edition_pdf, name="edition_pdf"),
]
