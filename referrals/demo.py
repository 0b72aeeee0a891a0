"""Demo services and referral figures, from fixtures/sosafe/referrals.json.

The figures the documents give are stored as given (``ReportedFigure``). So that the grid and
trends have something to show, the 2025/26 figures are also spread over their quarters and two
earlier years are made up from them: every such return is marked illustrative.
"""

from actionplan.models import Strategy
from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from sosafe.demo import organisations_by_short_name, read
from sosafe.models import Membership, Partnership
from sosafe.periods import FinancialYear

FIXTURE = "referrals.json"
STRATEGY_START = 2025  # the services support the objectives of the 2025–2028 strategy


def spread(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` into whole numbers that add up to it
    (largest remainder first)."""
    weight_sum = sum(weights)
    shares = [total * weight // weight_sum for weight in weights]
    remainders = sorted(
        range(len(weights)),
        key=lambda i: (-(total * weights[i] % weight_sum), i),
    )
    for index in remainders[: total - sum(shares)]:
        shares[index] += 1
    return shares


def load(partnership: Partnership, memberships: list[Membership]) -> None:
    data = read(FIXTURE)
    orgs = organisations_by_short_name(partnership)
    strategy = Strategy.objects.filter(partnership=partnership, start_year=STRATEGY_START).first()
    objectives = {o.number: o for o in strategy.objectives.all()} if strategy else {}

    services = {}
    for row in data["services"]:
        service = Service.objects.create(
            partnership=partnership,
            name=row["name"],
            organisation=orgs[row["organisation"]],
            description=row.get("description", ""),
            measure=row.get("measure", "referrals"),
        )
        service.objectives.set(objectives[n] for n in row["objectives"] if n in objectives)
        services[service.name] = service

    panel_figures = []
    for row in data["reported_figures"]:
        figure = ReportedFigure.objects.create(
            service=services[row["service"]],
            year=FinancialYear.parse(row["year"]),
            count=row["count"],
            period=row.get("period", data["panel_period"]),
            whole_year=row.get("whole_year", False),
            source=data["sources"][row["source"]],
            detail=row.get("detail", ""),
        )
        if row["source"] == "panel":
            panel_figures.append(figure)
    _load_illustrative(data["illustrative"], panel_figures, orgs)


def _load_illustrative(plan: dict, figures: list[ReportedFigure], orgs: dict) -> None:
    spread_plan = plan["spread"]
    year = FinancialYear.parse(spread_plan["year"])
    quarters = spread_plan["quarters"]
    weights = plan["quarter_weights"]
    breakdown = plan["breakdown"]
    for figure in figures:
        counts = spread(figure.count, [1] * len(quarters))
        for number, count in zip(quarters, counts, strict=True):
            with_breakdown = figure.service.name == breakdown["service"]
            referral_return = ReferralReturn.objects.create(
                service=figure.service,
                year=year,
                quarter=number,
                total=count,
                illustrative=True,
                note=f"{spread_plan['note']} {breakdown['note']}"
                if with_breakdown
                else spread_plan["note"],
            )
            if with_breakdown:
                _add_breakdown(referral_return, breakdown, orgs)
        # The reported figure covers three quarters: a whole earlier year is about 4/3 of it.
        for year_text, factor in plan["earlier_years"].items():
            annual = round(figure.count * 4 / len(quarters) * factor)
            for number, count in enumerate(spread(annual, weights), start=1):
                ReferralReturn.objects.create(
                    service=figure.service,
                    year=FinancialYear.parse(year_text),
                    quarter=number,
                    total=count,
                    illustrative=True,
                    note=plan["earlier_note"],
                )


def _add_breakdown(referral_return: ReferralReturn, plan: dict, orgs: dict) -> None:
    keys = list(plan["shares"])
    for key, count in zip(
        keys, spread(referral_return.total, list(plan["shares"].values())), strict=True
    ):
        if key in (SourceCount.Kind.SELF_REFERRAL, SourceCount.Kind.OTHER):
            SourceCount.objects.create(referral_return=referral_return, kind=key, count=count)
        else:
            SourceCount.objects.create(
                referral_return=referral_return,
                kind=SourceCount.Kind.ORGANISATION,
                organisation=orgs[key],
                count=count,
            )
