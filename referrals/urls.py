from django.urls import path

from referrals.views import entry, manage, reading

app_name = "referrals"

urlpatterns = [
    path("", reading.service_list, name="service-list"),
    path("export.<str:fmt>", reading.service_list_export, name="service-list-export"),
    path("public/", reading.service_public, name="service-public"),
    path("public/export.<str:fmt>", reading.service_public_export, name="service-public-export"),
    path("services/new/", manage.service_create, name="service-create"),
    path("services/<int:pk>/", reading.service_detail, name="service-detail"),
    path(
        "services/<int:pk>/export.<str:fmt>",
        reading.service_detail_export,
        name="service-detail-export",
    ),
    path("services/<int:pk>/edit/", manage.service_edit, name="service-edit"),
    path("entry/", entry.return_grid, name="return-grid"),
    path("entry/export.<str:fmt>", entry.return_grid_export, name="return-grid-export"),
    path(
        "services/<int:pk>/returns/<fy:year>/q<quarter:quarter>/",
        entry.return_edit,
        name="return-edit",
    ),
    path("counts.<str:fmt>", reading.return_export, name="return-export"),
    path("import/", manage.return_import, name="return-import"),
    path("import/confirm/", manage.return_import_confirm, name="return-import-confirm"),
]
