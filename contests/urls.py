"""The Path to Utopia contests, under /contests/."""

from django.urls import path

import config.converters  # noqa: F401  (registers the "id" converter)
from contests.views import contests, entries, votes

app_name = "contests"

ENTRY = "<slug:slug>/entries/<id:pk>/"

urlpatterns = [
    path("", contests.contest_list, name="list"),
    # Before the contest pattern: "new" is never a contest's slug (services.RESERVED_SLUGS).
    path("new/", contests.contest_new, name="new"),
    path("<slug:slug>/", contests.contest_detail, name="detail"),
    path("<slug:slug>/entries/new/", entries.entry_new, name="entry_new"),
    path(ENTRY, entries.entry_detail, name="entry"),
    path(f"{ENTRY}edit/", entries.entry_edit, name="entry_edit"),
    path(f"{ENTRY}submit/", entries.entry_submit, name="entry_submit"),
    path(f"{ENTRY}drafts/", entries.entry_drafts, name="entry_drafts"),
    path(f"{ENTRY}drafts/<id:version_id>/", entries.entry_draft, name="entry_draft"),
    path(f"{ENTRY}vote/", votes.vote_cast, name="vote"),
    path(f"{ENTRY}vote/withdraw/", votes.vote_withdraw, name="vote_withdraw"),
    path(f"{ENTRY}comments/", entries.comment_create, name="comment_create"),
    path(f"{ENTRY}comments/form/", entries.comment_form, name="comment_form"),
    path(f"{ENTRY}comments/<id:comment_id>/", entries.comment_goto, name="comment"),
    path(f"{ENTRY}comments/<id:comment_id>/edit/", entries.comment_edit, name="comment_edit"),
    path(f"{ENTRY}comments/<id:comment_id>/flag/", entries.comment_flag, name="comment_flag"),
]
