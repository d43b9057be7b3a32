from django.urls import path

from personas.views import groups as views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_new, name="new"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/invite/", views.group_invite, name="invite"),
    path("<slug:slug>/invitations/<id:pk>/accept/", views.invitation_accept, name="accept"),
    path("<slug:slug>/invitations/<id:pk>/decline/", views.invitation_decline, name="decline"),
    path("<slug:slug>/invitations/<id:pk>/cancel/", views.invitation_cancel, name="cancel"),
    path("<slug:slug>/leave/", views.group_leave, name="leave"),
    path("<slug:slug>/hand-over/", views.group_hand_over, name="hand_over"),
]
