"""The quarterly reporting window and the progress updates on actions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actionplan.models.plans import (
    FIGURE_DECIMAL_PLACES,
    FIGURE_MAX_DIGITS,
    Action,
    ActionPlan,
    ExpectedOutcome,
)
from sosafe.concurrency import VersionedModel
from sosafe.periods import QUARTER_CHOICES, Quarter


class Status(models.TextChoices):
    """An action's status in a quarter. Shown with a label and an icon, never colour alone."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


class ReportingQuarter(models.Model):
    """The window in which a quarter's progress updates are written.

    A quarter with no row has not been opened yet. A coordinator opens it (with a deadline),
    closes it, which freezes its updates, and may re-open it with a recorded reason. Only one
    quarter of a plan is open at a time.
    """

    class State(models.TextChoices):
        OPEN = "open", "Open for updates"
        CLOSED = "closed", "Closed"

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="reporting_quarters"
    )
    quarter = models.PositiveSmallIntegerField(choices=QUARTER_CHOICES)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    opens_on = models.DateField("opened on", default=timezone.localdate)
    deadline = models.DateField(help_text="The date updates are due.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField(
        blank=True, help_text="Why the quarter was re-opened after it was closed."
    )
    reminders_sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "quarter"], name="reporting_quarter_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(state="open"),
                name="reporting_quarter_one_open_per_plan",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="reporting_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(state="open") | Q(closed_at__isnull=False),
                name="reporting_quarter_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")),
                name="reporting_quarter_deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} ({self.get_state_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse(
            "actionplan:quarter-detail",
            args=[self.plan.partnership.slug, self.plan.year.slug, self.quarter],
        )

    @property
    def period(self) -> Quarter:
        return self.plan.year.quarter(self.quarter)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.localdate() > self.deadline


class ProgressUpdate(VersionedModel):
    """An action's progress in one quarter: written as a draft, submitted, then accepted by the
    coordinator or returned to its author with a reason."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"
        ACCEPTED = "accepted", "Accepted"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    quarter = models.PositiveSmallIntegerField(
        choices=QUARTER_CHOICES,
        help_text="Quarter of the plan's financial year.",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    narrative = models.TextField(
        blank=True, help_text="What happened this quarter; what comes next."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        help_text="Who last wrote it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField(
        blank=True, help_text="Why the coordinator returned it; kept in its history."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["action", "quarter"], name="update_one_per_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="update_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.ref} Q{self.quarter}"

    @property
    def period(self) -> Quarter:
        return self.action.aim.theme.plan.year.quarter(self.quarter)

    @property
    def is_done(self) -> bool:
        """Submitted or accepted: nothing more is asked of the lead officer."""
        return self.state in (self.State.SUBMITTED, self.State.ACCEPTED)


class OutcomeProgress(models.Model):
    """What an update reports against one expected outcome: the figure so far and a tick."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="outcome_progress"
    )
    outcome = models.ForeignKey(ExpectedOutcome, on_delete=models.CASCADE, related_name="progress")
    achieved_figure = models.DecimalField(
        "figure achieved so far",
        max_digits=FIGURE_MAX_DIGITS,
        decimal_places=FIGURE_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    achieved = models.BooleanField("outcome achieved", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["update", "outcome__order", "outcome__pk"]
        verbose_name_plural = "outcome progress"
        constraints = [
            models.UniqueConstraint(
                fields=["update", "outcome"], name="outcome_progress_one_per_update"
            ),
            models.CheckConstraint(
                condition=Q(achieved_figure__isnull=True) | Q(achieved_figure__gte=0),
                name="outcome_progress_figure_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.update}: {self.outcome}"

    def clean(self) -> None:
        if self.outcome_id and self.update_id and self.outcome.action_id != self.update.action_id:
            raise ValidationError({"outcome": "Choose an outcome of the same action."})
