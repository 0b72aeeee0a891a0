from django.urls import path

from actionplan import views
from actionplan.views import authoring, authoring_items

app_name = "actionplan"

urlpatterns = [
    path("strategies/<int:pk>/", views.strategy_detail, name="strategy-detail"),
    path("plans/import/", views.plan_import, name="plan-import"),
    path("plans/import/confirm/", views.plan_import_confirm, name="plan-import-confirm"),
    path("plans/<fy:year>/", views.plan_detail, name="plan-detail"),
    path("plans/<fy:year>/export.xlsx", views.plan_export, name="plan-export"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    # The plan's year
    path("plans/<fy:year>/approve/", views.plan_approve, name="plan-approve"),
    path("plans/<fy:year>/close/", views.plan_close, name="plan-close"),
    path("plans/<fy:year>/roll-forward/", views.plan_roll_forward, name="plan-roll-forward"),
    # Quarterly progress updates
    path("my-actions/", views.action_mine, name="action-mine"),
    # The plan's workbook out and back (plan_workbook, update_import)
    path("my-actions/export.xlsx", views.action_mine_export, name="action-mine-export"),
    path("my-actions/import/", views.action_mine_import, name="action-mine-import"),
    path(
        "my-actions/import/confirm/",
        views.action_mine_import_confirm,
        name="action-mine-import-confirm",
    ),
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
    # Writing the strategy and the plans (coordinators)
    path("strategies/new/", authoring_items.strategy_create, name="strategy-create"),
    path("strategies/<int:pk>/edit/", authoring_items.strategy_edit, name="strategy-edit"),
    path(
        "strategies/<int:pk>/objectives/new/",
        authoring_items.objective_create,
        name="objective-create",
    ),
    path("objectives/<int:pk>/edit/", authoring_items.objective_edit, name="objective-edit"),
    path("plans/new/", authoring.plan_create, name="plan-create"),
    path("plans/<fy:year>/outline/", authoring.plan_outline, name="plan-outline"),
    path("plans/<fy:year>/edit/", authoring.plan_edit, name="plan-edit"),
    path("plans/<fy:year>/themes/new/", authoring_items.theme_create, name="theme-create"),
    path("themes/<int:pk>/edit/", authoring_items.theme_edit, name="theme-edit"),
    path("themes/<int:pk>/move/", authoring.theme_move, name="theme-move"),
    path("themes/<int:pk>/remove/", authoring.theme_remove, name="theme-remove"),
    path("themes/<int:pk>/aims/new/", authoring_items.aim_create, name="aim-create"),
    path("aims/<int:pk>/edit/", authoring_items.aim_edit, name="aim-edit"),
    path("aims/<int:pk>/move/", authoring.aim_move, name="aim-move"),
    path("aims/<int:pk>/remove/", authoring.aim_remove, name="aim-remove"),
    path("aims/<int:pk>/actions/new/", authoring_items.action_create, name="action-create"),
    path("actions/<int:pk>/edit/", authoring_items.action_edit, name="action-edit"),
    path("actions/<int:pk>/move/", authoring.action_move, name="action-move"),
    path("actions/<int:pk>/remove/", authoring.action_remove, name="action-remove"),
    path("actions/<int:pk>/restore/", authoring.action_restore, name="action-restore"),
    path("outcomes/<int:pk>/move/", authoring.outcome_move, name="outcome-move"),
]
