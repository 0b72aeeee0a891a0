"""The papers' pages: the list (published copies, and live papers for members), a live paper in
HTML, PDF or XLSX, the scrutiny narrative form, publishing, and a published copy's download."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from actionplan import selectors as plan_selectors
from reports import rules, selectors, services
from reports.forms import NarrativeForm
from reports.models import PaperKind, ScrutinyNarrative
from reports.papers import FORMATS, GATHERERS, PaperError, PaperPeriod, build, formats
from sosafe.access import EVERY_MEMBER, FORM, SAFE, Rule, partnership_view, require
from sosafe.models import Membership
from sosafe.periods import FinancialYear, PeriodError


def _period(text: str) -> PaperPeriod:
    try:
        return PaperPeriod.parse(text)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc


def _organisation(membership: Membership, request: HttpRequest):
    pk = request.GET.get("organisation") or request.POST.get("organisation")
    if not pk:
        return None
    organisation = membership.partnership.organisations.filter(pk=pk if pk.isdigit() else 0)
    if not organisation:
        raise Http404("No such organisation.")
    return organisation.first()


def _crumbs(membership: Membership) -> list[tuple[str, str]]:
    return [(reverse("reports:paper-list", args=[membership.partnership.slug]), "Papers")]


def _paper(membership, kind, period, organisation):
    if kind not in GATHERERS:
        raise Http404("No such paper.")
    try:
        options = {"organisation": organisation} if organisation else {}
        return build(kind, membership.partnership, period, **options)
    except PaperError as exc:
        raise Http404(str(exc)) from exc


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def paper_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    context = {
        "published": selectors.published_papers(membership),
        "can_read_live": rules.can_read_live(membership),
        "can_publish": rules.can_publish(membership),
        "plans": selectors.plans(membership) if rules.can_read_live(membership) else [],
        "organisations": membership.partnership.organisations.all(),
        "kinds": PaperKind.choices,
    }
    return render(request, "reports/paper_list.html", context)


@partnership_view(
    rule=Rule(rules.can_read_live, "Only published papers are open to your role."), methods=SAFE
)
def paper_view(
    request: HttpRequest, membership: Membership, kind: str, period: str, fmt: str
) -> HttpResponse:
    """A live paper, built now from the working data."""
    if fmt not in FORMATS:
        raise Http404("No such format.")
    paper = _paper(membership, kind, _period(period), _organisation(membership, request))
    if fmt == "html":
        back = reverse("reports:paper-list", args=[membership.partnership.slug])
        return HttpResponse(formats.html(paper, back_url=back))
    response = HttpResponse(formats.render(paper, fmt), content_type=formats.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{formats.filename(paper, fmt)}"'
    return response


@partnership_view(
    rule=Rule(rules.can_publish, "Only a coordinator writes the paper's narrative."), methods=FORM
)
def narrative_edit(request: HttpRequest, membership: Membership, year: str) -> HttpResponse:
    try:
        plan = plan_selectors.paper_plan(membership.partnership, FinancialYear.parse(year))
    except PeriodError as exc:
        raise Http404(str(exc)) from exc
    if plan is None:
        raise Http404("No action plan for that year.")
    themes = plan_selectors.plan_themes(plan)
    stored = ScrutinyNarrative.objects.filter(plan=plan).prefetch_related("commentaries").first()
    form = NarrativeForm(
        request.POST or None,
        plan=plan,
        themes=themes,
        initial=NarrativeForm.initial_from(stored),
    )
    if request.method == "POST" and form.is_valid():
        services.narrative_save(
            membership=membership,
            plan=plan,
            parts=form.cleaned_data,
            funding_from=form.cleaned_data["funding_from"],
            commentary=form.commentary(),
        )
        messages.success(request, "The narrative is saved. Check the paper, then publish it.")
        return redirect(
            "reports:paper-publish", membership.partnership.slug, "scrutiny", plan.year.slug
        )
    context = {"form": form, "plan": plan, "crumbs": _crumbs(membership)}
    return render(request, "reports/narrative_form.html", context)


NARRATIVE_LABELS = {
    "purpose": "Purpose",
    "recommendations": "Recommendations",
    "background": "Background",
    "process": "The action-plan process",
    "priorities": "Priorities for next year",
}


def _unwritten(paper) -> list[str]:
    """The scrutiny paper's narrative parts the coordinator has not written yet."""
    narrative = getattr(paper.body, "narrative", None)
    if narrative is None:
        return []
    missing = [label for name, label in NARRATIVE_LABELS.items() if not getattr(narrative, name)]
    written = {number for number, _ in narrative.commentary}
    missing += [
        f"Commentary on priority theme {theme.number}"
        for theme in paper.body.progress
        if theme.number not in written
    ]
    return missing


@partnership_view(
    rule=Rule(rules.can_publish, "Only a coordinator publishes papers."), methods=FORM
)
def paper_publish(
    request: HttpRequest, membership: Membership, kind: str, period: str
) -> HttpResponse:
    """GET: what will be published, with the abbreviations it uses but the glossary lacks.
    POST: publish it."""
    paper_period = _period(period)
    organisation = _organisation(membership, request)
    paper = _paper(membership, kind, paper_period, organisation)
    if request.method == "POST":
        published = services.paper_publish(
            membership=membership, kind=kind, period=paper_period, organisation=organisation
        )
        messages.success(request, f"Published “{published.title}”.")
        return redirect("reports:paper-list", membership.partnership.slug)
    context = {
        "paper": paper,
        "kind": kind,
        "period": paper_period,
        "organisation": organisation,
        "narrative_year": paper_period.year.slug if kind == PaperKind.SCRUTINY else "",
        "crumbs": _crumbs(membership),
        "unwritten": _unwritten(paper),
    }
    return render(request, "reports/paper_publish.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def published_download(request: HttpRequest, membership: Membership, pk: int) -> FileResponse:
    published = selectors.published_paper(membership, pk)
    if published is None:
        raise Http404("No such published paper.")
    require(rules.can_read_published(membership, published), "This paper is not public.")
    return FileResponse(
        published.pdf.open("rb"),
        as_attachment=True,
        filename=f"{published.kind}-{published.period.replace('/', '-')}.pdf",
        content_type="application/pdf",
    )
