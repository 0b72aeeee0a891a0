"""The portal's URLs. Partnership pages live under /p/<partnership slug>/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sosafe import views

sosafe_patterns = (
    [
        path("", views.home, name="home"),
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
