"""Every referrals page walks the personas: anonymous, admin, coordinator, officer of the
service's organisation, officer of another, RAG member, scrutiny, and an outsider."""

import pytest
from django.urls import reverse

from referrals.models import ReferralReturn, Service
from tests.factories import ReferralReturnFactory, ReportedFigureFactory
from tests.personas import EVERYONE, MANAGERS, READERS, VISITORS, expected_status
from tests.referrals.conftest import QUARTER

ENTERS_OWN = MANAGERS | {"officer"}


def _urls(world, services):
    slug = world.partnership.slug
    own = services.own.pk
    year, number = QUARTER.year.slug, QUARTER.number
    return {
        "service-list": (reverse("referrals:service-list", args=[slug]), READERS),
        "service-list-export": (
            reverse("referrals:service-list-export", args=[slug, "csv"]),
            READERS,
        ),
        "service-public": (reverse("referrals:service-public", args=[slug]), EVERYONE),
        "service-public-export": (
            reverse("referrals:service-public-export", args=[slug, "xlsx"]),
            EVERYONE,
        ),
        "service-detail": (reverse("referrals:service-detail", args=[slug, own]), READERS),
        "service-detail-export": (
            reverse("referrals:service-detail-export", args=[slug, own, "xlsx"]),
            READERS,
        ),
        "service-create": (reverse("referrals:service-create", args=[slug]), MANAGERS),
        "service-edit": (reverse("referrals:service-edit", args=[slug, own]), MANAGERS),
        "return-grid": (reverse("referrals:return-grid", args=[slug]), READERS),
        "return-grid-export": (
            reverse("referrals:return-grid-export", args=[slug, "csv"]),
            READERS,
        ),
        "return-edit": (
            reverse("referrals:return-edit", args=[slug, own, year, number]),
            ENTERS_OWN,
        ),
        "return-export": (reverse("referrals:return-export", args=[slug, "csv"]), READERS),
        "return-import": (reverse("referrals:return-import", args=[slug]), MANAGERS),
    }


VIEW_NAMES = [
    "service-list",
    "service-list-export",
    "service-public",
    "service-public-export",
    "service-detail",
    "service-detail-export",
    "service-create",
    "service-edit",
    "return-grid",
    "return-grid-export",
    "return-edit",
    "return-export",
    "return-import",
]


@pytest.mark.parametrize("persona", VISITORS)
@pytest.mark.parametrize("view_name", VIEW_NAMES)
def test_get_permissions(world, services, persona, view_name):
    ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=QUARTER.number)
    url, allowed = _urls(world, services)[view_name]
    response = world.client_for(persona).get(url)
    assert response.status_code == expected_status(persona, allowed)
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_other_partnerships_services_are_not_found(world, services):
    from tests.factories import ServiceFactory

    foreign = ServiceFactory(partnership=world.other_partnership)
    client = world.client_for("coordinator")
    slug = world.partnership.slug
    assert (
        client.get(reverse("referrals:service-detail", args=[slug, foreign.pk])).status_code == 404
    )
    url = reverse("referrals:return-edit", args=[slug, foreign.pk, "2025-26", 2])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", VISITORS)
def test_grid_post_per_persona(world, services, persona):
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    data = {f"count_{services.own.pk}": "14", f"seen_{services.own.pk}": "", "version": ""}
    response = world.client_for(persona).post(f"{url}?quarter={QUARTER}", data)
    saved = ReferralReturn.objects.filter(
        service=services.own, year=QUARTER.year, quarter=QUARTER.number
    ).first()
    if persona in ENTERS_OWN:
        assert response.status_code == 302
        assert saved.total == 14
        assert saved.entered_by == getattr(world, persona).user
        assert saved.version == 1
    else:
        # The other officer's grid has only their own service: the posted cell is ignored.
        assert response.status_code == expected_status(persona, {"other_officer"}, ok=302)
        assert saved is None


@pytest.mark.parametrize("persona", VISITORS)
def test_return_edit_post_per_persona(world, services, persona):
    url = reverse(
        "referrals:return-edit",
        args=[world.partnership.slug, services.own.pk, QUARTER.year.slug, QUARTER.number],
    )
    data = {
        "total": "",
        "note": "From the quarterly spreadsheet.",
        "version": "",
        "sources-TOTAL_FORMS": "3",
        "sources-INITIAL_FORMS": "0",
        "sources-0-source": f"organisation:{world.other_org.pk}",
        "sources-0-count": "4",
        "sources-1-source": "self_referral",
        "sources-1-count": "3",
        "sources-2-source": "",
        "sources-2-count": "",
    }
    response = world.client_for(persona).post(url, data)
    assert response.status_code == expected_status(persona, ENTERS_OWN, ok=302)
    saved = ReferralReturn.objects.filter(service=services.own).first()
    if persona in ENTERS_OWN:
        assert saved.total == 7
        assert saved.note == "From the quarterly spreadsheet."
        assert {(s.kind, s.organisation_id, s.count) for s in saved.sources.all()} == {
            ("organisation", world.other_org.pk, 4),
            ("self_referral", None, 3),
        }
    else:
        assert saved is None


@pytest.mark.parametrize("persona", VISITORS)
def test_service_create_post_per_persona(world, persona):
    url = reverse("referrals:service-create", args=[world.partnership.slug])
    data = {
        "name": "Neighbourhood Wardens",
        "organisation": world.lead_org.pk,
        "measure": "referrals",
        "active_from": "01/04/2025",
        "officers": [world.other_officer.user.pk],
    }
    response = world.client_for(persona).post(url, data)
    assert response.status_code == expected_status(persona, MANAGERS, ok=302)
    service = Service.objects.filter(name="Neighbourhood Wardens").first()
    if persona in MANAGERS:
        assert service.partnership == world.partnership
        assert str(service.active_from) == "2025-04-01"
        assert list(service.officers.all()) == [world.other_officer.user]
    else:
        assert service is None


def test_service_form_refuses_a_duplicate_name_and_keeps_input(world, services):
    url = reverse("referrals:service-edit", args=[world.partnership.slug, services.other.pk])
    data = {"name": "alpha service", "organisation": world.other_org.pk, "measure": "cases"}
    response = world.client_for("coordinator").post(url, data)
    assert response.status_code == 200
    assert "already has a service of that name" in response.content.decode()
    assert 'value="cases"' in response.content.decode()
    services.other.refresh_from_db()
    assert services.other.name == "Beta Service"


def test_named_responsible_officer_of_another_agency_may_enter(world, services):
    services.own.officers.add(world.other_officer.user)
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    response = world.client_for("other_officer").post(
        f"{url}?quarter={QUARTER}", {f"count_{services.own.pk}": "5"}
    )
    assert response.status_code == 302
    assert ReferralReturn.objects.get(service=services.own).total == 5


def test_grid_shows_every_error_and_keeps_every_cell(world, services):
    services.own.organisation = world.lead_org
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    client = world.client_for("coordinator")
    response = client.post(
        f"{url}?quarter={QUARTER}",
        {f"count_{services.own.pk}": "12", f"count_{services.other.pk}": "-3"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in body
    assert "Enter 0 or more: a count cannot be negative." in body
    assert 'value="12"' in body and 'value="-3"' in body
    assert 'aria-invalid="true"' in body
    assert not ReferralReturn.objects.exists()


def test_grid_breakdown_mismatch_is_a_cell_error_and_saves_nothing(world, services):
    from tests.factories import SourceCountFactory

    existing = ReferralReturnFactory(
        service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=5
    )
    SourceCountFactory(referral_return=existing, kind="self_referral", count=5)
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    response = world.client_for("coordinator").post(
        f"{url}?quarter={QUARTER}",
        {
            f"count_{services.own.pk}": "9",
            f"seen_{services.own.pk}": "5",
            f"version_{services.own.pk}": "1",
            f"count_{services.other.pk}": "4",
        },
    )
    body = response.content.decode()
    assert "The breakdown by referring agency adds up to 5, not 9" in body
    existing.refresh_from_db()
    assert existing.total == 5
    assert not ReferralReturn.objects.filter(service=services.other).exists()


def test_grid_for_a_bad_quarter_parameter_says_so_and_shows_the_default(world, services):
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    response = world.client_for("member").get(f"{url}?quarter=Q5 2025/26")
    assert response.status_code == 200
    assert "“Q5 2025/26” is not a quarter" in response.content.decode()
    # Read-only for members: no input boxes.
    assert 'name="count_' not in response.content.decode()


def test_public_table_suppresses_small_counts_and_withholds_their_change(world, services):
    year = QUARTER.year
    for quarter, total in ((1, 2), (2, 1)):
        ReferralReturnFactory(service=services.own, year=year, quarter=quarter, total=total)
        ReferralReturnFactory(service=services.own, year=year.previous(), quarter=quarter, total=50)
    for quarter, total in ((1, 40), (2, 30)):
        ReferralReturnFactory(service=services.other, year=year, quarter=quarter, total=total)
        ReferralReturnFactory(
            service=services.other, year=year.previous(), quarter=quarter, total=35
        )
    url = reverse("referrals:service-public", args=[world.partnership.slug])
    body = world.client_for("scrutiny").get(f"{url}?year={year}").content.decode()
    assert "&lt;5" in body
    assert "withheld" in body
    assert ">3<" not in body  # Alpha's real total
    assert "+0 (0.0%)" not in body and "No change" in body  # Beta: 70 against 70
    export = world.client_for("scrutiny").get(
        reverse("referrals:service-public-export", args=[world.partnership.slug, "csv"])
        + f"?year={year}"
    )
    text = export.content.decode()
    assert "Alpha Service" in text and "<5" in text and ",3," not in text


def test_public_table_follows_the_partnerships_own_threshold(world, services, settings):
    """The threshold is the partnership's setting (its administrator's settings page)."""
    settings.PUBLIC_SUPPRESSION_THRESHOLD = 5
    world.partnership.suppression_threshold = 10
    world.partnership.save()
    year = QUARTER.year
    ReferralReturnFactory(service=services.own, year=year, quarter=1, total=7)
    url = reverse("referrals:service-public", args=[world.partnership.slug])
    body = world.client_for("scrutiny").get(f"{url}?year={year}").content.decode()
    assert "&lt;10" in body and ">7<" not in body
    export = world.client_for("scrutiny").get(
        reverse("referrals:service-public-export", args=[world.partnership.slug, "csv"])
        + f"?year={year}"
    )
    text = export.content.decode()
    assert "counts below 10 are shown as <10" in text and "<10" in text and ",7," not in text


def test_exports_are_real_spreadsheets(world, services):
    import io

    import openpyxl

    ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=1, total=8)
    ReportedFigureFactory(service=services.own, year=QUARTER.year, count=8)
    client = world.client_for("member")
    slug = world.partnership.slug
    response = client.get(
        reverse("referrals:service-list-export", args=[slug, "xlsx"]) + f"?year={QUARTER.year}"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("service", "organisation", "Q1")
    alpha = next(row for row in rows if row[0] == "Alpha Service")
    assert alpha[2] == 8 and alpha[6] == 8
    trend = client.get(
        reverse("referrals:service-detail-export", args=[slug, services.own.pk, "csv"])
    )
    assert trend["Content-Type"].startswith("text/csv")
    assert f"{QUARTER.year},8," in trend.content.decode()
    assert (
        client.get(reverse("referrals:service-list-export", args=[slug, "pdf"])).status_code == 404
    )
