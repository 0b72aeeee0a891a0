from django.urls import path

from reports import paper_views, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<fy:year>/", views.dashboard, name="dashboard-year"),
    path("dashboard/<fy:year>/q<quarter:quarter>/", views.dashboard, name="dashboard-quarter"),
    path("papers/", paper_views.paper_list, name="paper-list"),
    path("papers/published/<int:pk>/", paper_views.published_download, name="published-download"),
    path(
        "papers/scrutiny/<str:year>/narrative/", paper_views.narrative_edit, name="narrative-edit"
    ),
    path(
        "papers/<str:kind>/<str:period>/publish/", paper_views.paper_publish, name="paper-publish"
    ),
    path("papers/<str:kind>/<str:period>.<str:fmt>", paper_views.paper_view, name="paper-view"),
]
