from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<fy:year>/", views.dashboard, name="dashboard-year"),
    path("dashboard/<fy:year>/q<quarter:quarter>/", views.dashboard, name="dashboard-quarter"),
]
