from django.urls import path

from charter.views import charters, clauses

app_name = "charter"

urlpatterns = [
    path("<slug:slug>/", charters.charter_detail, name="detail"),
    path("<slug:slug>/clauses/<int:pk>/", clauses.clause_detail, name="clause"),
]
