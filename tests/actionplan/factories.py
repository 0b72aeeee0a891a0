"""Factories for the quarterly progress workflow (the shared ones are in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from actionplan.models import OutcomeProgress, ProgressUpdate, ReportingQuarter
from tests import factories


class ReportingQuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingQuarter

    plan = factory.SubFactory(factories.ActionPlanFactory)
    quarter = 1
    state = ReportingQuarter.State.OPEN
    opens_on = datetime.date(2024, 7, 1)
    deadline = datetime.date(2024, 7, 14)
    closed_at = factory.LazyAttribute(
        lambda w: timezone.now() if w.state == ReportingQuarter.State.CLOSED else None
    )


class ProgressUpdateFactory(factories.ProgressUpdateFactory):
    state = ProgressUpdate.State.SUBMITTED


class OutcomeProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeProgress

    update = factory.SubFactory(ProgressUpdateFactory)
    outcome = factory.SubFactory(
        factories.ExpectedOutcomeFactory, action=factory.SelfAttribute("..update.action")
    )
    achieved_figure = None
    achieved = False
