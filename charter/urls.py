from django.urls import path

import config.converters  # noqa: F401  (registers the "id" converter)
from charter.views import (
    attribution,
    charters,
    clauses,
    discussion,
    editing,
    flags,
    history,
    moderation,
    stances,
)

app_name = "charter"

urlpatterns = [
    path("<slug:slug>/", charters.charter_detail, name="detail"),
    path("<slug:slug>/as-of/", history.charter_as_of, name="as_of"),
    path("<slug:slug>/attribution/", attribution.charter_attribution, name="charter_attribution"),
    path("<slug:slug>/preview/", editing.clause_preview, name="preview"),
    path("<slug:slug>/clauses/new/", editing.clause_new, name="clause_new"),
    path("<slug:slug>/clauses/<id:pk>/", clauses.clause_detail, name="clause"),
    path("<slug:slug>/clauses/<id:pk>/edit/", editing.clause_edit, name="edit"),
    path("<slug:slug>/clauses/<id:pk>/move/", editing.clause_move, name="move"),
    path("<slug:slug>/clauses/<id:pk>/remove/", editing.clause_remove, name="remove"),
    path("<slug:slug>/clauses/<id:pk>/recover/", moderation.clause_recover, name="recover"),
    path("<slug:slug>/clauses/<id:pk>/history/", history.clause_history, name="history"),
    path("<slug:slug>/clauses/<id:pk>/diff/", history.clause_diff, name="diff"),
    path(
        "<slug:slug>/clauses/<id:pk>/attribution/",
        attribution.clause_attribution,
        name="attribution",
    ),
    path(
        "<slug:slug>/clauses/<id:pk>/revert/<id:version_id>/",
        history.clause_revert,
        name="revert",
    ),
    path("<slug:slug>/clauses/<id:pk>/stance/", stances.stance_take, name="stance"),
    path("<slug:slug>/clauses/<id:pk>/flag/", flags.flag_clause, name="flag_clause"),
    path(
        "<slug:slug>/clauses/<id:pk>/comments/<id:comment_id>/flag/",
        flags.flag_comment,
        name="flag_comment",
    ),
    path(
        "<slug:slug>/clauses/<id:pk>/comments/",
        discussion.comment_create,
        name="comment_create",
    ),
    path(
        "<slug:slug>/clauses/<id:pk>/comments/form/",
        discussion.comment_form,
        name="comment_form",
    ),
    path(
        "<slug:slug>/clauses/<id:pk>/comments/<id:comment_id>/",
        discussion.comment_goto,
        name="comment",
    ),
    path(
        "<slug:slug>/clauses/<id:pk>/comments/<id:comment_id>/edit/",
        discussion.comment_edit,
        name="comment_edit",
    ),
    path("<slug:slug>/clauses/<id:pk>/watch/", discussion.watch_toggle, name="watch"),
    path("<slug:slug>/minimum-program/", stances.minimum_program, name="minimum_program"),
    path("<slug:slug>/minimum-program.md", stances.minimum_program_md, name="minimum_program_md"),
]
