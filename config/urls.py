from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

import config.converters  # noqa: F401  (registers the "id" converter)
from charter.feeds import CharterChangesFeed, ClauseCommentsFeed, RecentChangesFeed
from charter.views import attribution as attribution_views
from charter.views import charters as charter_views
from charter.views import help as help_views
from charter.views import history as history_views
from charter.views import notifications as notification_views
from config.languages import choose_language
from contests.feeds import ContestEntriesFeed
from personas.views import players as persona_views

# Every page loads the scripts' messages: browsers keep them an hour, then
# ask again and get "304 Not Modified" until the server restarts (a deploy,
# which is when the catalogues can change).
_STARTED = timezone.now()
javascript_catalog = cache_control(max_age=3600)(
    last_modified(lambda request: _STARTED)(JavaScriptCatalog.as_view())
)

# Outside the language prefixes: what machines fetch, and the switcher that
# moves a reader from one prefix to another.
urlpatterns = [
    path("healthz", charter_views.healthz, name="healthz"),
    path("tendencies.css", attribution_views.tendency_styles, name="tendency_styles"),
    path("language/<str:language>/", choose_language, name="choose_language"),
]

# Every page people read, in English at the root and under /fr/, /de/, /es/.
urlpatterns += i18n_patterns(
    path("", charter_views.home, name="home"),
    path("help/", help_views.how_to_play, name="help"),
    path("jsi18n/", javascript_catalog, name="javascript-catalog"),
    path("charters/", include("charter.urls")),
    path("charters/", include("congress.urls")),
    path(
        "charters/<slug:slug>/clauses/<id:pk>/translations/<str:language>/",
        include("translations.urls"),
    ),
    path("contests/", include("contests.urls")),
    path("recent/", history_views.recent_changes, name="recent"),
    path("feeds/recent/", RecentChangesFeed(), name="feed_recent"),
    path("feeds/charters/<slug:slug>/", CharterChangesFeed(), name="feed_charter"),
    path("feeds/clauses/<id:pk>/comments/", ClauseCommentsFeed(), name="feed_clause_comments"),
    path("feeds/contests/<slug:slug>/", ContestEntriesFeed(), name="feed_contest_entries"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read-all/",
        notification_views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/<id:pk>/open/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path("personas/", include("personas.urls")),
    path("groups/", include("personas.group_urls")),
    path("search/", include("search.urls")),
    path("accounts/signup/", persona_views.signup, name="signup"),
    path("accounts/login/", persona_views.ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/settings/", persona_views.account_settings, name="account_settings"),
    path("accounts/settings/email/", persona_views.account_email, name="account_email"),
    path(
        "accounts/settings/notifications/",
        persona_views.account_notifications,
        name="account_notifications",
    ),
    path("accounts/settings/password/", persona_views.account_password, name="account_password"),
    # Django's password reset, under the names its views and emails expect.
    path(
        "accounts/password_reset/",
        persona_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        # FormViews take PUT as POST; only the form's own methods are answered.
        auth_views.PasswordResetConfirmView.as_view(
            http_method_names=persona_views.PasswordResetView.http_method_names
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("players/<str:username>/", persona_views.player_profile, name="player_profile"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler500 = "config.errors.server_error"

# Translators: "Invisible International" is the site's name: keep it as it is.
admin.site.site_header = gettext_lazy("Invisible International — moderation")
admin.site.site_title = gettext_lazy("Moderation")
admin.site.index_title = gettext_lazy("Moderation panel")

if settings.BENCH_URLS:
    from bench.views import floor

    urlpatterns.append(path("bench/floor", floor))
