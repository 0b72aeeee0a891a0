"""Action plan views, split by sub-domain: plan pages, progress updates, the quarter's window."""

from actionplan.views.cycle import plan_approve, plan_close, plan_roll_forward
from actionplan.views.plan_import import plan_import, plan_import_confirm
from actionplan.views.plans import action_detail, plan_detail, strategy_detail
from actionplan.views.quarters import (
    quarter_chasing,
    quarter_close,
    quarter_detail,
    quarter_list,
    quarter_open,
    quarter_remind,
    quarter_reopen,
)
from actionplan.views.updates import action_mine, update_edit, update_review
from actionplan.views.workbook import (
    action_mine_export,
    action_mine_import,
    action_mine_import_confirm,
    plan_export,
)

__all__ = [
    "action_detail",
    "action_mine",
    "action_mine_export",
    "action_mine_import",
    "action_mine_import_confirm",
    "plan_approve",
    "plan_close",
    "plan_detail",
    "plan_export",
    "plan_import",
    "plan_import_confirm",
    "plan_roll_forward",
    "quarter_chasing",
    "quarter_close",
    "quarter_detail",
    "quarter_list",
    "quarter_open",
    "quarter_remind",
    "quarter_reopen",
    "strategy_detail",
    "update_edit",
    "update_review",
]
