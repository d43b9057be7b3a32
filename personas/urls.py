from django.urls import path

from personas.views import players as views

app_name = "personas"

urlpatterns = [
    path("", views.hall, name="hall"),
    path("<slug:slug>/", views.persona_detail, name="detail"),
    path("<slug:slug>/play/", views.play, name="play"),
]
