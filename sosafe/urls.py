"""The portal's URLs. Partnership pages live under /p/<partnership slug>/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sosafe import member_views, views

sosafe_patterns = (
    [
        path("", views.home, name="home"),
        path("p/<slug:partnership>/members/", member_views.member_list, name="member-list"),
        path(
            "p/<slug:partnership>/members/invite/",
            member_views.member_invite,
            name="member-invite",
        ),
        path(
            "p/<slug:partnership>/members/<int:pk>/",
            member_views.member_edit,
            name="member-edit",
        ),
        path(
            "p/<slug:partnership>/members/<int:pk>/active/",
            member_views.member_set_active,
            name="member-set-active",
        ),
        path(
            "p/<slug:partnership>/settings/",
            member_views.partnership_settings,
            name="partnership-settings",
        ),
        path(
            "accounts/invitation/<uidb64>/<token>/",
            member_views.invite_accept,
            name="invite-accept",
        ),
        path(
            "accounts/invitation/done/",
            member_views.invite_accepted,
            name="invite-accepted",
        ),
    ],
    "sosafe",
)

urlpatterns = [
    path("", include(sosafe_patterns)),
    path("p/<slug:partnership>/", include("actionplan.urls")),
    path("p/<slug:partnership>/referrals/", include("referrals.urls")),
    path("p/<slug:partnership>/funding/", include("funding.urls")),
    path("p/<slug:partnership>/indicators/", include("indicators.urls")),
    path("p/<slug:partnership>/", include("reports.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
