from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from charter.views import charters as charter_views
from personas import views as persona_views

urlpatterns = [
    path("", charter_views.home, name="home"),
    path("healthz", charter_views.healthz, name="healthz"),
    path("charters/", include("charter.urls")),
    path("personas/", include("personas.urls")),
    path("accounts/signup/", persona_views.signup, name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Invisible International — moderation"
admin.site.site_title = "Moderation"
admin.site.index_title = "Moderation panel"
