"""The portal's URLs. Partnership pages live under /p/<partnership slug>/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sosafe import member_views, views
from sosafe.forms import SignInForm

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

# Django's own sign-in, password change and reset-by-email views, in the portal's templates
# (templates/registration/). Failed sign-ins are throttled by django-axes (sosafe/signin.py).
account_patterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="emails/sosafe/password_reset.txt",
            subject_template_name="emails/sosafe/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", include(sosafe_patterns)),
    path("p/<slug:partnership>/", include("actionplan.urls")),
    path("p/<slug:partnership>/referrals/", include("referrals.urls")),
    path("p/<slug:partnership>/funding/", include("funding.urls")),
    path("p/<slug:partnership>/indicators/", include("indicators.urls")),
    path("p/<slug:partnership>/", include("reports.urls")),
    path("accounts/", include(account_patterns)),
    path("admin/", admin.site.urls),
]
