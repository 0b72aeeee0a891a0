from django.contrib import admin
from django.db.models import F
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.fields import Field
from simple_history.admin import SimpleHistoryAdmin

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
    StrategicAim,
    Strategy,
    Theme,
)
from sosafe.concurrency import VersionedAdminMixin


def _touch_actions(**filters) -> None:
    """Move on the version of actions whose plan row reads differently after an admin save."""
    Action.objects.filter(**filters).update(version=F("version") + 1)


class StrategicAimInline(admin.TabularInline):
    model = StrategicAim
    extra = 0


class ObjectiveInline(admin.StackedInline):
    model = Objective
    extra = 0
    filter_horizontal = ["supporting_organisations"]


@admin.register(Strategy)
class StrategyAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "start_year", "end_year", "status"]
    list_filter = ["partnership", "status"]
    search_fields = ["title", "objectives__title"]
    inlines = [StrategicAimInline, ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "title", "strategy"]
    list_filter = ["strategy__partnership", "strategy"]
    search_fields = ["title", "what_we_will_do", "how_measured"]
    filter_horizontal = ["supporting_organisations"]


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "year", "status", "approved_on", "strategy"]
    list_filter = ["partnership", "status"]
    search_fields = ["title"]
    inlines = [ThemeInline]


class AimInline(admin.TabularInline):
    model = Aim
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "plan"]
    list_filter = ["plan__partnership", "plan"]
    filter_horizontal = ["objectives"]
    inlines = [AimInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # its actions' rows read its number and title: pages cache them by version
            _touch_actions(aim__theme=obj)


@admin.register(Aim)
class AimAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["ref", "text", "theme"]
    list_filter = ["theme__plan"]
    search_fields = ["text"]
    list_select_related = ["theme__plan"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            _touch_actions(aim=obj)


class ActionLeadInline(admin.TabularInline):
    model = ActionLead
    extra = 0
    autocomplete_fields = ["organisation", "officer"]


class ExpectedOutcomeInline(admin.TabularInline):
    model = ExpectedOutcome
    extra = 0


class ProgressUpdateInline(admin.StackedInline):
    """Read-only here: updates are written, reviewed and versioned through the portal."""

    model = ProgressUpdate
    extra = 0
    can_delete = False
    fields = ["quarter", "state", "status", "narrative", "author", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ActionResource(resources.ModelResource):
    """Actions out to a spreadsheet laid out like the plan's table."""

    plan = Field(attribute="aim__theme__plan__title", column_name="plan", readonly=True)
    theme = Field(attribute="aim__theme", column_name="theme", readonly=True)
    ref = Field(attribute="ref", column_name="ref", readonly=True)
    aim = Field(attribute="aim__text", column_name="aim", readonly=True)
    leads = Field(column_name="lead", readonly=True)
    partners = Field(column_name="partners", readonly=True)
    expected_outcomes = Field(column_name="expected outcomes", readonly=True)
    status = Field(column_name="latest status", readonly=True)

    class Meta:
        model = Action
        fields = (
            "id",
            "plan",
            "theme",
            "ref",
            "aim",
            "text",
            "leads",
            "partners",
            "resources",
            "expected_outcomes",
            "restricted",
            "status",
        )
        export_order = fields
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = True

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk:  # an imported change is a change: open edit forms become stale
            instance.version += 1

    def dehydrate_leads(self, action):
        return "; ".join(str(lead) for lead in action.leads.all())

    def dehydrate_partners(self, action):
        return "; ".join(action.partner_names)

    def dehydrate_expected_outcomes(self, action):
        return "\n".join(outcome.text for outcome in action.outcomes.all())

    def dehydrate_status(self, action):
        update = action.latest_update
        return update.get_status_display() if update else "Not started"


@admin.register(Action)
class ActionAdmin(VersionedAdminMixin, SimpleHistoryAdmin, ImportExportModelAdmin):
    """A save here (the action, its leads or its outcomes) moves the action's version on."""

    resource_classes = [ActionResource]
    list_display = ["ref", "text", "plan", "restricted"]
    list_filter = ["aim__theme__plan__partnership", "aim__theme__plan", "restricted"]
    search_fields = ["text", "aim__text", "resources"]
    list_select_related = ["aim__theme__plan"]
    filter_horizontal = ["partners"]
    inlines = [ActionLeadInline, ExpectedOutcomeInline, ProgressUpdateInline]

    @admin.display(description="plan", ordering="aim__theme__plan")
    def plan(self, action):
        return action.aim.theme.plan


class OutcomeProgressInline(admin.TabularInline):
    model = OutcomeProgress
    extra = 0
    autocomplete_fields = ["outcome"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["action", "quarter", "state", "status", "author", "updated_at"]
    list_filter = ["action__aim__theme__plan", "quarter", "state", "status"]
    search_fields = ["narrative", "action__text"]
    list_select_related = ["action__aim__theme__plan", "author"]
    readonly_fields = [
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]
    inlines = [OutcomeProgressInline]


@admin.register(ExpectedOutcome)
class ExpectedOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["text", "action", "target", "unit"]
    list_filter = ["action__aim__theme__plan"]
    search_fields = ["text", "action__text"]
    list_select_related = ["action__aim__theme"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _touch_actions(pk=obj.action_id)  # an outcome is part of its action's version

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _touch_actions(pk=obj.action_id)


@admin.register(ReportingQuarter)
class ReportingQuarterAdmin(SimpleHistoryAdmin):
    """A record to read: quarters are opened, closed and re-opened in the portal, where the
    rules (one open quarter, approved plans only, a reason to re-open) are applied."""

    list_display = ["plan", "quarter", "state", "opens_on", "deadline", "closed_at"]
    list_filter = ["plan__partnership", "state"]
    list_select_related = ["plan"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
