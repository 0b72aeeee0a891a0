from django.urls import path

from actionplan import views

app_name = "actionplan"

urlpatterns = [
    path("strategies/<int:pk>/", views.strategy_detail, name="strategy-detail"),
    path("plans/import/", views.plan_import, name="plan-import"),
    path("plans/import/confirm/", views.plan_import_confirm, name="plan-import-confirm"),
    path("plans/<fy:year>/", views.plan_detail, name="plan-detail"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    # The plan's year
    path("plans/<fy:year>/approve/", views.plan_approve, name="plan-approve"),
    path("plans/<fy:year>/close/", views.plan_close, name="plan-close"),
    path("plans/<fy:year>/roll-forward/", views.plan_roll_forward, name="plan-roll-forward"),
    # Quarterly progress updates
    path("my-actions/", views.action_mine, name="action-mine"),
    path("actions/<int:pk>/updates/<quarter:quarter>/", views.update_edit, name="update-edit"),
    path(
        "actions/<int:pk>/updates/<quarter:quarter>/review/",
        views.update_review,
        name="update-review",
    ),
    # The quarter's window and chasing
    path("chasing/", views.quarter_chasing, name="quarter-chasing"),
    path("plans/<fy:year>/quarters/", views.quarter_list, name="quarter-list"),
    path("plans/<fy:year>/quarters/open/", views.quarter_open, name="quarter-open"),
    path(
        "plans/<fy:year>/quarters/<quarter:quarter>/", views.quarter_detail, name="quarter-detail"
    ),
    path(
        "plans/<fy:year>/quarters/<quarter:quarter>/close/",
        views.quarter_close,
        name="quarter-close",
    ),
    path(
        "plans/<fy:year>/quarters/<quarter:quarter>/reopen/",
        views.quarter_reopen,
        name="quarter-reopen",
    ),
    path(
        "plans/<fy:year>/quarters/<quarter:quarter>/reminders/",
        views.quarter_remind,
        name="quarter-remind",
    ),
]
