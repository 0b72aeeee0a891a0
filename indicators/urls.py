from django.urls import path

from indicators.views import reading

app_name = "indicators"

urlpatterns = [
    path("", reading.indicator_list, name="indicator-list"),
    path("<int:pk>/", reading.indicator_detail, name="indicator-detail"),
]
