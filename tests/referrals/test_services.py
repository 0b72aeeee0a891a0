import datetime
import re
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from referrals import services as referral_services
from referrals.models import ReferralReturn
from referrals.services import (
    OTHER,
    SELF_REFERRAL,
    GridEntry,
    GridRefused,
    check_breakdown,
    grid_save,
    organisation_source,
    return_save,
)
from sosafe.concurrency import StaleEdit
from sosafe.periods import Quarter
from tests.factories import OrganisationFactory, ReferralReturnFactory, SourceCountFactory
from tests.referrals.conftest import QUARTER

# The breakdown rule -------------------------------------------------------------------------


def test_a_total_alone_is_allowed():
    assert check_breakdown(total=7, breakdown={}) == 7


def test_a_breakdown_alone_gives_the_total():
    assert check_breakdown(total=None, breakdown={SELF_REFERRAL: 3, OTHER: 4}) == 7


def test_a_breakdown_must_add_up_to_the_total():
    assert check_breakdown(total=7, breakdown={SELF_REFERRAL: 3, OTHER: 4}) == 7
    with pytest.raises(ValidationError, match="adds up to 7, not 8"):
        check_breakdown(total=8, breakdown={SELF_REFERRAL: 3, OTHER: 4})


@pytest.mark.parametrize(
    ("total", "breakdown", "message"),
    [
        (None, {}, "Enter the count."),
        (-1, {}, "cannot be negative"),
        (2.5, {}, "must be a whole number"),
        (True, {}, "must be a whole number"),
        (None, {SELF_REFERRAL: -2}, "cannot be negative"),
        (None, {SELF_REFERRAL: "3"}, "must be a whole number"),
    ],
)
def test_counts_are_whole_numbers_not_below_zero(total, breakdown, message):
    with pytest.raises(ValidationError, match=message):
        check_breakdown(total=total, breakdown=breakdown)


# Saving a return ----------------------------------------------------------------------------


def _save(membership, service, **kwargs):
    kwargs.setdefault("quarter", QUARTER)
    kwargs.setdefault("seen_version", None)
    return return_save(membership=membership, service=service, **kwargs)


def test_saving_with_a_breakdown_and_changing_it_later(world, services):
    saved = _save(
        world.officer,
        services.own,
        total=None,
        breakdown={organisation_source(world.other_org.pk): 5, SELF_REFERRAL: 2},
    )
    assert (saved.total, saved.version, saved.illustrative) == (7, 1, False)
    changed = _save(
        world.officer,
        services.own,
        total=9,
        seen_version=1,
        breakdown={organisation_source(world.other_org.pk): 5, OTHER: 4},
    )
    assert changed.version == 2
    assert {(s.kind, s.count) for s in changed.sources.all()} == {
        ("organisation", 5),
        ("other", 4),
    }
    # Removing the breakdown leaves a total alone.
    _save(world.officer, services.own, total=9, seen_version=2, breakdown={})
    assert not changed.sources.exists()


def test_changing_only_the_total_keeps_a_breakdown_that_must_still_add_up(world, services):
    saved = _save(world.coordinator, services.own, total=None, breakdown={SELF_REFERRAL: 6})
    with pytest.raises(ValidationError, match="adds up to 6, not 8"):
        _save(world.coordinator, services.own, total=8, seen_version=saved.version)
    saved.refresh_from_db()
    assert saved.total == 6


def test_a_real_return_replaces_an_illustrative_figure(world, services):
    illustrative = ReferralReturnFactory(
        service=services.own, year=QUARTER.year, quarter=QUARTER.number, illustrative=True
    )
    saved = _save(world.officer, services.own, total=11, seen_version=illustrative.version)
    assert not saved.illustrative and saved.entered_by == world.officer.user


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin", True),
        ("coordinator", True),
        ("officer", True),
        ("other_officer", False),
        ("member", False),
        ("scrutiny", False),
        ("outsider", False),
    ],
)
def test_who_may_save_a_return(world, services, persona, allowed):
    membership = getattr(world, persona)
    if allowed:
        assert _save(membership, services.own, total=3).total == 3
    else:
        with pytest.raises(PermissionDenied):
            _save(membership, services.own, total=3)
        assert not ReferralReturn.objects.exists()


def test_future_quarters_and_inactive_services_are_refused(world, services):
    with pytest.raises(ValidationError, match="has not started yet"):
        _save(world.coordinator, services.own, total=1, quarter=Quarter.current().next())
    services.own.active_to = datetime.date(2025, 6, 30)
    services.own.save()
    with pytest.raises(ValidationError, match="was not running in Q2 2025/26"):
        _save(world.coordinator, services.own, total=1)


def test_a_referring_agency_must_be_of_the_partnership(world, services):
    stranger = OrganisationFactory(partnership=world.other_partnership)
    with pytest.raises(ValidationError, match="organisation of the partnership"):
        _save(
            world.coordinator,
            services.own,
            total=None,
            breakdown={organisation_source(stranger.pk): 2},
        )


# No lost edit -------------------------------------------------------------------------------


def test_two_interleaved_edits_the_second_is_refused_with_what_was_saved(world, services):
    original = ReferralReturnFactory(
        service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=10
    )
    # Both open the return at version 1.
    seen_by_coordinator = seen_by_officer = original.version
    _save(world.coordinator, services.own, total=12, seen_version=seen_by_coordinator)
    with pytest.raises(StaleEdit) as caught:
        _save(world.officer, services.own, total=15, seen_version=seen_by_officer)
    assert caught.value.current.total == 12
    assert caught.value.current.entered_by == world.coordinator.user
    original.refresh_from_db()
    assert (original.total, original.version) == (12, 2)


def test_two_people_creating_the_same_return_the_second_is_refused(world, services):
    _save(world.coordinator, services.own, total=4, seen_version=None)
    with pytest.raises(StaleEdit):
        _save(world.officer, services.own, total=5, seen_version=None)
    assert ReferralReturn.objects.get().total == 4


def _version_on(page: str) -> str:
    return re.search(r'name="version" value="(\d*)"', page).group(1)


def test_interleaved_edits_through_the_return_page(world, services):
    ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=10)
    url = reverse(
        "referrals:return-edit",
        args=[world.partnership.slug, services.own.pk, QUARTER.year.slug, QUARTER.number],
    )
    first, second = world.client_for("coordinator"), world.client_for("officer")
    first_version = _version_on(first.get(url).content.decode())
    second_version = _version_on(second.get(url).content.decode())

    def post(client, total, version):
        return client.post(
            url,
            {
                "total": total,
                "note": "",
                "version": version,
                "sources-TOTAL_FORMS": "0",
                "sources-INITIAL_FORMS": "0",
            },
        )

    assert post(first, "12", first_version).status_code == 302
    refused = post(second, "15", second_version)
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "Someone else saved this return while you were editing" in page
    assert re.search(r"<th scope=\"row\">Count</th><td>12</td><td>15</td>", page)
    assert 'value="15"' in page  # what the second person typed is kept
    assert ReferralReturn.objects.get().total == 12
    # Having seen theirs, saving again replaces it knowingly.
    assert post(second, "15", _version_on(page)).status_code == 302
    assert ReferralReturn.objects.get().total == 15


def test_interleaved_edits_through_the_grid(world, services):
    ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=10)
    url = reverse("referrals:return-grid", args=[world.partnership.slug]) + f"?quarter={QUARTER}"
    pk = services.own.pk
    as_drawn = {f"seen_{pk}": "10", f"version_{pk}": "1"}
    first, second = world.client_for("coordinator"), world.client_for("officer")
    assert first.post(url, {**as_drawn, f"count_{pk}": "12"}).status_code == 302
    refused = second.post(url, {**as_drawn, f"count_{pk}": "15"})
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "saved 12 for this quarter" in page and "you entered 15" in page
    assert 'value="15"' in page
    assert ReferralReturn.objects.get().total == 12
    # The redrawn grid starts from their figure: saving again is a knowing replacement.
    assert f'name="version_{pk}" value="2"' in page
    assert second.post(url, {f"seen_{pk}": "12", f"version_{pk}": "2", f"count_{pk}": "15"})
    assert ReferralReturn.objects.get().total == 15


# The grid -----------------------------------------------------------------------------------


def test_grid_saves_all_changed_cells_or_none(world, services):
    good = GridEntry(services.own, count=5, seen_count=None, seen_version=None)
    bad = GridEntry(services.other, count=-1, seen_count=None, seen_version=None)
    with pytest.raises(GridRefused) as caught:
        grid_save(membership=world.coordinator, quarter=QUARTER, entries=[good, bad])
    assert list(caught.value.errors) == [services.other.pk]
    assert not ReferralReturn.objects.exists()  # the good cell was rolled back too
    saved = grid_save(
        membership=world.coordinator,
        quarter=QUARTER,
        entries=[good, GridEntry(services.other, count=0, seen_count=None, seen_version=None)],
    )
    assert sorted(r.total for r in saved) == [0, 5]


def test_grid_skips_unchanged_cells_and_refuses_blanking_a_count(world, services):
    existing = ReferralReturnFactory(
        service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=3
    )
    unchanged = GridEntry(services.own, count=3, seen_count=3, seen_version=99)
    assert grid_save(membership=world.coordinator, quarter=QUARTER, entries=[unchanged]) == []
    blanked = GridEntry(services.own, count=None, seen_count=3, seen_version=1)
    with pytest.raises(GridRefused) as caught:
        grid_save(membership=world.coordinator, quarter=QUARTER, entries=[blanked])
    assert "enter a number (0 if there were none)" in caught.value.errors[services.own.pk][0]
    existing.refresh_from_db()
    assert existing.total == 3


def test_breakdown_mismatch_rolls_back_the_grid(world, services):
    with_breakdown = ReferralReturnFactory(
        service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=2
    )
    SourceCountFactory(referral_return=with_breakdown, kind="other", count=2)
    entries = [
        GridEntry(services.other, count=8, seen_count=None, seen_version=None),
        GridEntry(services.own, count=3, seen_count=2, seen_version=1),
    ]
    with pytest.raises(GridRefused) as caught:
        referral_services.grid_save(membership=world.coordinator, quarter=QUARTER, entries=entries)
    assert "adds up to 2, not 3" in caught.value.errors[services.own.pk][0]
    assert not ReferralReturn.objects.filter(service=services.other).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("existing", [False, True], ids=["both-create", "both-update"])
def test_two_simultaneous_saves_from_separate_connections(world, services, existing):
    """Two threads with their own connections save the same return at once: exactly one wins.
    On PostgreSQL the row lock (or, for a new return, the unique constraint) makes the second
    wait and then see the first's return."""
    from django.db import connection, connections

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    if existing:
        ReferralReturnFactory(
            service=services.own, year=QUARTER.year, quarter=QUARTER.number, total=1
        )
    seen_version = 1 if existing else None
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(name, membership, total):
        try:
            barrier.wait(timeout=10)
            _save(membership, services.own, total=total, seen_version=seen_version)
            outcomes[name] = "saved"
        except StaleEdit:
            outcomes[name] = "stale"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("officer", world.officer, 20)),
        threading.Thread(target=save, args=("coordinator", world.coordinator, 30)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(name for name, result in outcomes.items() if result == "saved")
    saved = ReferralReturn.objects.get(service=services.own)
    assert saved.total == {"officer": 20, "coordinator": 30}[winner]
    assert saved.version == (2 if existing else 1)
