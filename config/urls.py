from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from charter.feeds import CharterChangesFeed, RecentChangesFeed
from charter.feeds_discussion import ClauseCommentsFeed
from charter.views import attribution as attribution_views
from charter.views import charters as charter_views
from charter.views import history as history_views
from charter.views import notifications as notification_views
from personas import views as persona_views

urlpatterns = [
    path("", charter_views.home, name="home"),
    path("healthz", charter_views.healthz, name="healthz"),
    path("tendencies.css", attribution_views.tendency_styles, name="tendency_styles"),
    path("charters/", include("charter.urls")),
    path("recent/", history_views.recent_changes, name="recent"),
    path("feeds/recent/", RecentChangesFeed(), name="feed_recent"),
    path("feeds/charters/<slug:slug>/", CharterChangesFeed(), name="feed_charter"),
    path("feeds/clauses/<int:pk>/comments/", ClauseCommentsFeed(), name="feed_clause_comments"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read-all/",
        notification_views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/<int:pk>/open/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path("personas/", include("personas.urls")),
    path("search/", include("search.urls")),
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
