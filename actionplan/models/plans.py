"""Strategies and yearly action plans: themes, aims, actions, leads and outcomes."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sosafe.concurrency import VersionedModel
from sosafe.fields import FinancialYearField
from sosafe.models import Organisation, Partnership

if TYPE_CHECKING:
    from actionplan.models.progress import ProgressUpdate


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


FIGURE_MAX_DIGITS, FIGURE_DECIMAL_PLACES = 12, 2  # outcome targets and figures achieved


class ArchivableQuerySet(models.QuerySet):
    """Themes, aims and actions that have had progress reported are archived, never deleted."""

    def live(self):
        """What is still part of the plan: not archived. The one place that says so: the plan
        page, My actions, chasing, the dashboard and the papers all select actions through it.
        Archiving a theme or an aim archives its actions too, so an action's own date says."""
        return self.filter(archived_at__isnull=True)


class Strategy(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        ARCHIVED = "archived", "Archived"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="strategies"
    )
    title = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField(help_text="Calendar year it starts, e.g. 2025.")
    end_year = models.PositiveSmallIntegerField(help_text="Calendar year it ends, e.g. 2028.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "start_year", "end_year"], name="strategy_unique_years"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gt=models.F("start_year")), name="strategy_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:strategy-detail", args=[self.partnership.slug, self.pk])

    @property
    def years(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class StrategicAim(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="aims")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="strategic_aim_unique"),
        ]

    def __str__(self) -> str:
        return f"Aim {self.number}"


class Objective(VersionedModel):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    what_we_will_do = models.TextField(blank=True, help_text="One commitment per line.")
    how_measured = models.TextField(
        "how performance is measured", blank=True, help_text="One measure per line."
    )
    supporting_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="supported_objectives"
    )
    supporting_services = models.TextField(
        blank=True, help_text="Services and teams that support it, one per line."
    )
    history = HistoricalRecords(m2m_fields=[supporting_organisations])

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="objective_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Objective {self.number}: {self.title}"

    @property
    def what_we_will_do_list(self) -> list[str]:
        return _lines(self.what_we_will_do)

    @property
    def how_measured_list(self) -> list[str]:
        return _lines(self.how_measured)

    @property
    def supporting_services_list(self) -> list[str]:
        return _lines(self.supporting_services)


class ActionPlan(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved by RAG"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="action_plans"
    )
    year = FinancialYearField("financial year")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField("approved by RAG on", null=True, blank=True)
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="action_plans",
        help_text="The strategy this plan delivers.",
    )
    notes = models.TextField(blank=True)
    rolled_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rolled_into",
        help_text="The previous year's plan this draft was rolled forward from.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="action_plan_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:plan-detail", args=[self.partnership.slug, self.year.slug])

    def clean(self) -> None:
        if self.strategy_id and self.strategy.partnership_id != self.partnership_id:
            raise ValidationError({"strategy": "Choose a strategy of the same partnership."})


ARCHIVED_HELP = "When it was archived: it had progress reported, so it is kept but no longer shown."


class Theme(VersionedModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="themes")
    archived_at = models.DateTimeField(null=True, blank=True, help_text=ARCHIVED_HELP)
    history = HistoricalRecords(m2m_fields=[objectives])

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="theme_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Aim(VersionedModel):
    """An aim of a theme; its reference ("1.1") is the theme's number and its own."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="aims")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    archived_at = models.DateTimeField(null=True, blank=True, help_text=ARCHIVED_HELP)
    history = HistoricalRecords()

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["theme__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="aim_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.text}"

    @property
    def ref(self) -> str:
        return f"{self.theme.number}.{self.number}"


def action_ref(theme_number: int, aim_number: int, letter: str) -> str:
    """An action's reference as the plan prints it: "2.3 b)", or "2.3" for an aim's one action
    (``Action.ref``; for readers of plain values rather than instances)."""
    aim_ref = f"{theme_number}.{aim_number}"
    return f"{aim_ref} {letter})" if letter else aim_ref


class Action(VersionedModel):
    """An action of an aim. Its ``version`` moves on with every change to the action, its
    leads, partners and expected outcomes (the plan page caches its row by it)."""

    aim = models.ForeignKey(Aim, on_delete=models.CASCADE, related_name="actions")
    letter = models.CharField(
        max_length=2, blank=True, help_text="a, b, c… Leave empty when the aim has one action."
    )
    text = models.TextField()
    partners = models.ManyToManyField(Organisation, blank=True, related_name="partner_actions")
    other_partners = models.TextField(
        blank=True,
        help_text="Groups, meetings and others not listed as organisations, one per line.",
    )
    resources = models.TextField(blank=True)
    restricted = models.BooleanField(
        default=False,
        help_text="Discussed in closed JAG sessions: visible to partnership members who may see "
        "restricted work, and left out of public reports.",
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text="The unfinished action of last year's plan this one carries forward.",
    )
    archived_at = models.DateTimeField(null=True, blank=True, help_text=ARCHIVED_HELP)
    history = HistoricalRecords(m2m_fields=[partners])

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["aim__theme__number", "aim__number", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["aim", "letter"], name="action_unique_letter"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:80]}"

    def get_absolute_url(self) -> str:
        plan = self.aim.theme.plan
        return reverse("actionplan:action-detail", args=[plan.partnership.slug, self.pk])

    @property
    def ref(self) -> str:
        return action_ref(self.aim.theme.number, self.aim.number, self.letter)

    @property
    def other_partners_list(self) -> list[str]:
        return _lines(self.other_partners)

    @property
    def partner_names(self) -> list[str]:
        """Organisations by short name, then the groups and others named in words."""
        return [org.short_name for org in self.partners.all()] + self.other_partners_list

    @property
    def latest_update(self) -> "ProgressUpdate | None":
        """The latest quarter's update; uses ``quarterly_updates`` when prefetched."""
        updates = getattr(self, "quarterly_updates", None)
        if updates is None:
            return self.updates.order_by("-quarter").first()
        return updates[-1] if updates else None


class ActionLead(models.Model):
    """A lead for an action: an organisation and the lead officer's role there."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="leads")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, related_name="led_actions"
    )
    officer_role = models.CharField(
        "lead officer's role", max_length=200, blank=True, help_text="A role title, not a name."
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        help_text="The portal user who holds that role, if they have an account.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation", "officer_role"], name="action_lead_unique"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.organisation} ({self.officer_role})"
            if self.officer_role
            else str(self.organisation)
        )

    @property
    def label(self) -> str:
        """As the plan's tables write a lead: "SBC (Community Safety Manager)"."""
        name = self.organisation.short_name
        return f"{name} ({self.officer_role})" if self.officer_role else name


class ExpectedOutcome(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField()
    target = models.DecimalField(
        max_digits=FIGURE_MAX_DIGITS, decimal_places=FIGURE_DECIMAL_PLACES, null=True, blank=True
    )
    unit = models.CharField(max_length=50, blank=True, help_text="e.g. sessions, people")
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_numeric(self) -> bool:
        """Outcomes with a numeric target are reported with the figure achieved so far."""
        return self.target is not None
