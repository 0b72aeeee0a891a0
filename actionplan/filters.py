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
        self.filters["theme"].queryset = plan.themes.live()
        self.filters["lead"].queryset = Organisation.objects.filter(
            led_actions__action__aim__theme__plan=plan
        ).distinct()

    def led_by(self, queryset, name, organisation):
        leads = ActionLead.objects.filter(action=OuterRef("pk"), organisation=organisation)
        return queryset.filter(Exists(leads))

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            outcomes = ExpectedOutcome.objects.filter(action=OuterRef("pk"), text__icontains=word)
            updates = ProgressUpdate.objects.filter(
                shown_updates_filter(self.viewer), action=OuterRef("pk"), narrative__icontains=word
            )
            leads = ActionLead.objects.filter(action=OuterRef("pk")).filter(
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
