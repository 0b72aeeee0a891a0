import django_filters
from django.db.models import Exists, OuterRef, Q

from actionplan.models import ActionLead, ActionPlan, ExpectedOutcome, ProgressUpdate, Status
from actionplan.rules import shown_updates_filter
from sosafe.models import Membership, Organisation


class ActionFilter(django_filters.FilterSet):
    """Filters for an action plan's table. The queryset must carry ``current_status``."""

    q = django_filters.CharFilter(label="Search", method="search")
    theme = django_filters.ModelChoiceFilter(
        field_name="aim__theme", label="Theme", queryset=None, empty_label="All themes"
    )
    lead = django_filters.ModelChoiceFilter(
        label="Lead organisation", method="led_by", queryset=None, empty_label="All organisations"
    )
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        label="Current status",
        choices=Status.choices,
        empty_label="Any status",
    )

    def __init__(self, *args, plan: ActionPlan, viewer: Membership | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.plan = plan
        self.filters["theme"].queryset = plan.themes.live()
        self.filters["lead"].queryset = Organisation.objects.filter(
            led_actions__action__aim__theme__plan=plan
        ).distinct()

    def led_by(self, queryset, name, organisation):
        leads = ActionLead.objects.filter(action=OuterRef("pk"), organisation=organisation)
        return queryset.filter(Exists(leads))

    def search(self, queryset, name, value):
        # Each subquery names the plan as well as the action: PostgreSQL may run an EXISTS
        # once for all rows (a hashed subplan), and then it reads only this plan's rows, not
        # every year's narratives.
        in_plan = {"action": OuterRef("pk"), "action__aim__theme__plan": self.plan}
        for word in value.split():
            outcomes = ExpectedOutcome.objects.filter(text__icontains=word, **in_plan)
            updates = ProgressUpdate.objects.filter(
                shown_updates_filter(self.viewer), narrative__icontains=word, **in_plan
            )
            leads = ActionLead.objects.filter(**in_plan).filter(
                Q(officer_role__icontains=word)
                | Q(organisation__short_name__icontains=word)
                | Q(organisation__name__icontains=word)
            )
            queryset = queryset.filter(
                Q(text__icontains=word)
                | Q(aim__text__icontains=word)
                | Q(resources__icontains=word)
                | Q(other_partners__icontains=word)
                | Exists(outcomes)
                | Exists(updates)
                | Exists(leads)
            )
        return queryset
