from django.urls import path

from indicators.views import crime, manage, reading, values_import

app_name = "indicators"

urlpatterns = [
    path("", reading.indicator_list, name="indicator-list"),
    path("new/", manage.indicator_create, name="indicator-create"),
    path("<int:pk>/", reading.indicator_detail, name="indicator-detail"),
    path("<int:pk>/edit/", manage.indicator_edit, name="indicator-edit"),
    path("<int:pk>/values/<str:year>/", manage.values_edit, name="values-edit"),
    path("values/import/", values_import.values_import, name="values-import"),
    path(
        "values/import/confirm/", values_import.values_import_confirm, name="values-import-confirm"
    ),
    path("area/", manage.area_edit, name="area-edit"),
    path("crime/import/", crime.crime_import, name="crime-import"),
    path("crime/import/confirm/", crime.crime_import_confirm, name="crime-import-confirm"),
]
