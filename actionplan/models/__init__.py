"""Strategies, yearly action plans and the quarterly progress on their actions."""

from actionplan.models.plans import (
    FIGURE_DECIMAL_PLACES,
    FIGURE_MAX_DIGITS,
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    StrategicAim,
    Strategy,
    Theme,
)
from actionplan.models.progress import (
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
    Status,
)

__all__ = [
    "Action",
    "ActionLead",
    "ActionPlan",
    "Aim",
    "ExpectedOutcome",
    "FIGURE_DECIMAL_PLACES",
    "FIGURE_MAX_DIGITS",
    "Objective",
    "OutcomeProgress",
    "ProgressUpdate",
    "ReportingQuarter",
    "Status",
    "StrategicAim",
    "Strategy",
    "Theme",
]
