from django.urls import path

from actionplan import views

app_name = "actionplan"

urlpatterns = [
    path("strategies/<int:pk>/", views.strategy_detail, name="strategy-detail"),
    path("plans/<str:year>/", views.plan_detail, name="plan-detail"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
]
