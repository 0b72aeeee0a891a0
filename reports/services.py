"""Writing the scrutiny narrative and publishing papers."""

import dataclasses
import datetime
import hashlib

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from actionplan.models import ActionPlan, Theme
from reports import rules
from reports.models import PUBLIC_KINDS, PublishedPaper, ScrutinyNarrative, ThemeCommentary
from reports.papers import PaperPeriod, build, formats
from sosafe.models import Membership, Organisation

NARRATIVE_FIELDS = ("purpose", "recommendations", "background", "process", "priorities")


def narrative_save(
    *,
    membership: Membership,
    plan: ActionPlan,
    parts: dict[str, str],
    funding_from=None,
    commentary: dict[int, str],
) -> ScrutinyNarrative:
    """Store the coordinator's narrative of a plan's scrutiny paper; ``commentary`` maps a
    theme's pk to its text."""
    if not rules.can_publish(membership) or plan.partnership_id != membership.partnership.pk:
        raise PermissionDenied("Only a coordinator writes the scrutiny paper's narrative.")
    with transaction.atomic():
        narrative, _ = ScrutinyNarrative.objects.select_for_update().get_or_create(plan=plan)
        for name in NARRATIVE_FIELDS:
            setattr(narrative, name, parts.get(name, ""))
        narrative.funding_from = funding_from
        narrative.updated_by = membership.user
        narrative.save()
        themes = Theme.objects.filter(plan=plan, pk__in=commentary)
        for theme in themes:
            ThemeCommentary.objects.update_or_create(
                narrative=narrative, theme=theme, defaults={"text": commentary[theme.pk]}
            )
    return narrative


def paper_publish(
    *,
    membership: Membership,
    kind: str,
    period: PaperPeriod,
    organisation: Organisation | None = None,
    now: datetime.datetime | None = None,
) -> PublishedPaper:
    """Build the paper's PDF now and keep it, with its SHA-256, as published: it never changes
    when the data is edited later."""
    if not rules.can_publish(membership):
        raise PermissionDenied("Only a coordinator publishes papers.")
    options = {"organisation": organisation} if organisation else {}
    now = now or timezone.now()
    paper = dataclasses.replace(
        build(kind, membership.partnership, period, **options),
        prepared_on=timezone.localdate(now),
    )
    content = formats.pdf(paper)
    digest = hashlib.sha256(content).hexdigest()
    published = PublishedPaper(
        partnership=membership.partnership,
        kind=kind,
        period=str(period),
        organisation=organisation,
        title=paper.title,
        public=kind in PUBLIC_KINDS,
        size=len(content),
        sha256=digest,
        published_by=membership.user,
        published_at=now,
    )
    with transaction.atomic():
        published.pdf.save(
            f"{membership.partnership.slug}-{formats.filename(paper, 'pdf')}",
            ContentFile(content),
            save=False,
        )
        published.save()
    return published
