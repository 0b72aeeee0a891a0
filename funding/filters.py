import django_filters
from django import forms

from funding import selectors
from funding.models import BidStatus, Funder, FundingBid
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, PeriodError

NO_DATE = "none"
NO_FUNDER = "none"


def objective_label(objective) -> str:
    strategy = objective.strategy
    return f"{strategy.start_year}–{strategy.end_year}: {objective.number}. {objective.title}"


class ObjectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return objective_label(obj)


class ObjectiveFilter(django_filters.ModelChoiceFilter):
    field_class = ObjectiveChoiceField


class BidFilter(django_filters.FilterSet):
    """Filters for the bids list. Years come from the data, in one query."""

    status = django_filters.ChoiceFilter(
        label="Status", choices=BidStatus.choices, empty_label="Any status"
    )
    funder = django_filters.ChoiceFilter(
        label="Funder", method="funded_by", empty_label="Any funder", choices=[]
    )
    year = django_filters.ChoiceFilter(
        label="Financial year", method="in_year", empty_label="Any year", choices=[]
    )
    objective = ObjectiveFilter(
        label="Objective served",
        method="serving",
        queryset=None,
        empty_label="Any objective",
    )

    class Meta:
        model = FundingBid
        fields = ["status"]

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        funders = Funder.objects.filter(partnership=partnership).values_list("pk", "name")
        self.filters["funder"].extra["choices"] = [
            *((str(pk), name) for pk, name in funders),
            (NO_FUNDER, "Funder not recorded"),
        ]
        years = reversed(selectors.year_range(partnership))
        self.filters["year"].extra["choices"] = [
            *((year.slug, str(year)) for year in years),
            (NO_DATE, "No date recorded"),
        ]
        self.filters["objective"].queryset = selectors.objectives_of(partnership)

    def funded_by(self, queryset, name, value):
        if value == NO_FUNDER:
            return queryset.filter(funder__isnull=True)
        return queryset.filter(funder_id=value)

    def in_year(self, queryset, name, value):
        if value == NO_DATE:
            return selectors.undated(queryset)
        try:
            year = FinancialYear.parse(value)
        except PeriodError:
            return queryset.none()
        return selectors.in_year(queryset, year)

    def serving(self, queryset, name, objective):
        return selectors.serving(queryset, objective)

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.form.cleaned_data.get(n) for n in self.filters)
