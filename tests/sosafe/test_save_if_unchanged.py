"""save_if_unchanged(already_locked=True): for a caller that already holds the row's lock."""

import pytest
from django.db import transaction

from actionplan.models import ProgressUpdate
from sosafe.concurrency import StaleEdit, save_if_unchanged
from tests.factories import ProgressUpdateFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _locked(update):
    return ProgressUpdate.objects.select_for_update(of=("self",)).order_by("pk").get(pk=update.pk)


def test_a_locked_row_is_saved_once_and_its_version_moves_on():
    update = ProgressUpdateFactory()
    with transaction.atomic():
        current = _locked(update)
        current.narrative = "Changed."
        save_if_unchanged(current, seen_version=update.version, already_locked=True)
    saved = ProgressUpdate.objects.get(pk=update.pk)
    assert (saved.narrative, saved.version) == ("Changed.", update.version + 1)


def test_a_locked_row_at_another_version_is_refused():
    update = ProgressUpdateFactory()
    with pytest.raises(StaleEdit), transaction.atomic():
        current = _locked(update)
        current.narrative = "Changed."
        save_if_unchanged(current, seen_version=update.version - 1, already_locked=True)
    assert ProgressUpdate.objects.get(pk=update.pk).narrative == update.narrative


def test_already_locked_is_refused_outside_a_transaction():
    update = ProgressUpdateFactory()
    with pytest.raises(transaction.TransactionManagementError):
        save_if_unchanged(update, seen_version=update.version, already_locked=True)
