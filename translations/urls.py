from django.urls import path

import config.converters  # noqa: F401  (registers the "id" converter)
from translations import views

app_name = "translations"

# Under /charters/<slug>/clauses/<id>/translations/<language>/.
urlpatterns = [
    path("", views.translation_history, name="history"),
    path("edit/", views.translation_edit, name="edit"),
    path("diff/", views.translation_diff, name="diff"),
    path("source-changes/", views.source_changes, name="source_changes"),
]
