"""Coordinators' pages: create and edit indicators, enter values, set the area and population."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators import rules, selectors, services
from indicators.forms import AreaForm, IndicatorForm, PopulationForm, ValuesForm
from indicators.models import Area, Indicator, PopulationEstimate
from indicators.views.reading import indicator_or_404
from sosafe.access import FORM, Rule, partnership_view
from sosafe.models import Membership
from sosafe.periods import FinancialYear, PeriodError


def _list_crumb(membership: Membership) -> tuple[str, str]:
    url = reverse("indicators:indicator-list", args=[membership.partnership.slug])
    return url, "Performance indicators"


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=FORM)
def indicator_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _indicator_form(request, membership, Indicator())


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=FORM)
def indicator_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _indicator_form(request, membership, indicator_or_404(membership, pk))


def _indicator_form(request: HttpRequest, membership: Membership, indicator: Indicator):
    partnership = membership.partnership
    if request.method == "POST":
        form = IndicatorForm(request.POST, instance=indicator, partnership=partnership)
        if form.is_valid():
            with transaction.atomic():
                indicator = form.save()
            messages.success(request, f"Saved the indicator {indicator}.")
            return redirect(indicator.get_absolute_url())
    else:
        form = IndicatorForm(instance=indicator, partnership=partnership)
    crumbs = [_list_crumb(membership)]
    if indicator.pk:
        crumbs.append((indicator.get_absolute_url(), indicator.name))
    context = {"form": form, "indicator": indicator, "crumbs": crumbs}
    return render(request, "indicators/indicator_form.html", context)


def _year_or_404(text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=FORM)
def values_edit(request: HttpRequest, membership: Membership, pk: int, year: str) -> HttpResponse:
    indicator = indicator_or_404(membership, pk)
    financial_year = _year_or_404(year)
    initial = {
        v.period: {"value": v.value, "target": v.target, "illustrative": v.illustrative}
        for v in indicator.values.filter(year=financial_year)
    }
    data = request.POST if request.method == "POST" else None
    grid = ValuesForm(indicator, financial_year, initial, data)
    if data is not None and grid.is_valid():
        changed = services.indicator_values_save(
            indicator=indicator, rows=grid.cleaned, user=request.user
        )
        messages.success(
            request,
            f"Saved {indicator}'s values for {financial_year}: "
            f"{changed} period{'s' if changed != 1 else ''} changed.",
        )
        return redirect(indicator.get_absolute_url())
    context = {
        "indicator": indicator,
        "year": financial_year,
        "years": [financial_year.previous(), financial_year.next()],
        "grid": grid,
        "crumbs": [_list_crumb(membership), (indicator.get_absolute_url(), indicator.name)],
    }
    return render(request, "indicators/values_form.html", context)


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=FORM)
def area_edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The partnership's area (for crime data) and its population by year (for rates)."""
    partnership = membership.partnership
    area = selectors.area(partnership) or Area(partnership=partnership)
    area_form = AreaForm(instance=area, prefix="area")
    population_form = PopulationForm(partnership=partnership, prefix="population")
    if request.method == "POST" and request.POST.get("form") == "area":
        area_form = AreaForm(request.POST, instance=area, prefix="area")
        if area_form.is_valid():
            area_form.save()
            messages.success(request, "Saved the partnership's area.")
            return redirect("indicators:area-edit", partnership.slug)
    elif request.method == "POST" and request.POST.get("form") == "population":
        existing = _population_for(partnership, request.POST.get("population-year", ""))
        population_form = PopulationForm(
            request.POST, instance=existing, partnership=partnership, prefix="population"
        )
        if population_form.is_valid():
            estimate = population_form.save()
            messages.success(request, f"Saved the population for {estimate.year}.")
            return redirect("indicators:area-edit", partnership.slug)
    context = {
        "area_form": area_form,
        "population_form": population_form,
        "populations": PopulationEstimate.objects.filter(partnership=partnership),
        "crumbs": [_list_crumb(membership)],
    }
    return render(request, "indicators/area_form.html", context)


def _population_for(partnership, text: str) -> PopulationEstimate | None:
    """The estimate already held for the year typed, so that saving it again replaces it."""
    try:
        year = FinancialYear.parse(text)
    except PeriodError:
        return None
    return PopulationEstimate.objects.filter(partnership=partnership, year=year).first()
