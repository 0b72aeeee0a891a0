"""The indicator list and detail pages: personas, what they show, query counts."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.measures import Polarity
from tests.indicators.factories import IndicatorFactory, month_value
from tests.personas import READERS, VISITORS, expected_status
from tests.query_counts import assert_fixed_queries


@pytest.fixture
def asb(world):
    indicator = IndicatorFactory(
        partnership=world.partnership,
        name="Anti-social behaviour",
        polarity=Polarity.LOWER_IS_BETTER,
    )
    month_value(indicator, "2024-12", 200)
    month_value(indicator, "2025-11", 190)
    month_value(indicator, "2025-12", 180, target=D(185), illustrative=True)
    return indicator


@pytest.mark.parametrize("persona", VISITORS)
def test_list_and_detail_per_persona(world, asb, persona):
    client = world.client_for(persona)
    slug = world.partnership.slug
    for url in (
        reverse("indicators:indicator-list", args=[slug]),
        reverse("indicators:indicator-detail", args=[slug, asb.pk]),
    ):
        assert client.get(url).status_code == expected_status(persona, READERS), url
        if persona in READERS:
            assert client.post(url).status_code == 405


def test_another_partnerships_indicator_is_not_found(world):
    theirs = IndicatorFactory(partnership=world.other_partnership)
    client = world.client_for("coordinator")
    url = reverse("indicators:indicator-detail", args=[world.partnership.slug, theirs.pk])
    assert client.get(url).status_code == 404


def test_list_shows_direction_and_target_as_text(world, asb):
    client = world.client_for("member")
    url = reverse("indicators:indicator-list", args=[world.partnership.slug])
    html = client.get(url, {"quarter": "Q3 2025/26"}).content.decode()
    assert "Dec 2025" in html
    assert "Improving" in html  # 180 after 190, and after 200 a year before
    assert "-20 (-10.0%)" in html
    assert "Target met" in html
    assert "illustrative figure" in html


def test_list_explains_a_quarter_it_cannot_read(world, asb):
    client = world.client_for("member")
    url = reverse("indicators:indicator-list", args=[world.partnership.slug])
    html = client.get(url, {"quarter": "Q9 2025"}).content.decode()
    assert "is not a quarter" in html
    assert "Showing Q3 2025/26 instead" in html


def test_detail_has_chart_with_text_and_table(world, asb):
    client = world.client_for("officer")
    url = reverse("indicators:indicator-detail", args=[world.partnership.slug, asb.pk])
    html = client.get(url).content.decode()
    assert '<svg role="img"' in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "one line per financial year" in html
    assert '<th scope="col" class="text-end">2025/26</th>' in html
    assert ">180<" in html or "180 " in html


def _grow(world, count, first=0):
    for n in range(first, first + count):
        indicator = IndicatorFactory(partnership=world.partnership, name=f"Indicator {n:03d}")
        for slug in ("2024-11", "2024-12", "2025-11", "2025-12"):
            month_value(indicator, slug, 10 + n, target=D(12))


def test_list_query_count_is_fixed(world):
    url = reverse("indicators:indicator-list", args=[world.partnership.slug])
    made = []

    def build(n):
        _grow(world, n, first=len(made))
        made.extend(range(n))
        return url

    # session, user, membership, latest quarter, indicators, values, populations
    counts = assert_fixed_queries(world.client_for("coordinator"), build, sizes=(2, 12))
    assert counts.cold == 7


def test_detail_query_count_is_fixed(world, asb):
    months = iter(
        (year, month)
        for year in range(2022, 1900, -1)
        for month in range(12, 0, -1)
        if (year, month) not in ((2024, 12), (2025, 11), (2025, 12))
    )

    def build(n):
        """n more months of values, going back from December 2022."""
        for index in range(n):
            year, month = next(months)
            month_value(asb, f"{year}-{month:02d}", index)
        return reverse("indicators:indicator-detail", args=[world.partnership.slug, asb.pk])

    # session, user, membership, indicator, values, populations
    counts = assert_fixed_queries(world.client_for("coordinator"), build, sizes=(3, 36))
    assert counts.cold == 6
