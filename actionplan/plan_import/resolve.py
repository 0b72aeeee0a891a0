"""What importing a plan would create: the parsed layout with its names resolved against the
partnership's organisations, and every problem. Writes nothing (``services`` applies it).

A name in the Lead or Partners column is an organisation when it is one of the partnership's
organisations' names or short names (any case). A partner name the partnership already uses for
a group (JAG, RAG) or wrote as another partner in an earlier plan goes to the action's "other
partners" as text. Any other name is unknown: the coordinator decides, once for all its rows,
to map it to an existing organisation or create it as a new one; a name used only as a partner
may also be kept as text under other partners. Until every unknown name is decided the plan
cannot be applied.
"""

import hashlib
from dataclasses import dataclass, field

from actionplan.models import Action, ActionPlan
from actionplan.plan_import import names as text
from actionplan.plan_import.parse import Layout, Place, parse_layout
from sosafe.models import Group, Organisation, Partnership
from sosafe.periods import FinancialYear
from sosafe.spreadsheets import Preview, Problem, SheetRows

NEW, TEXT = "new", "text"
SHORT_NAME_MAX = Organisation._meta.get_field("short_name").max_length


def name_key(name: str) -> str:
    return "org-" + hashlib.sha1(text.normal(name).encode()).hexdigest()[:10]


@dataclass
class UnknownName:
    name: str
    key: str  # the decision's form field
    places: list[Place] = field(default_factory=list)
    as_lead: bool = False
    decision: str = ""  # NEW, TEXT, or an organisation's pk; "" undecided
    suggestion: Organisation | None = None

    @property
    def rows(self) -> str:
        shown = ", ".join(str(place) for place in self.places[:5])
        more = len(self.places) - 5
        return f"{shown} and {more} more" if more > 0 else shown


@dataclass
class Name:
    """A lead or partner as it will be stored: an organisation, a new one, or text."""

    name: str
    organisation: Organisation | None = None
    unknown: UnknownName | None = None

    @property
    def is_text(self) -> bool:
        return self.organisation is None and (self.unknown is None or self.unknown.decision == TEXT)

    def __str__(self) -> str:
        return self.organisation.short_name if self.organisation else self.name


@dataclass
class LeadRow:
    name: Name
    role: str


@dataclass
class ActionRow:
    place: Place
    ref: str
    letter: str
    text: str
    leads: list[LeadRow]
    partners: list[Name]
    resources: str
    outcomes: list[text.Outcome]


@dataclass
class AimRow:
    place: Place
    ref: str
    number: int
    text: str
    actions: list[ActionRow] = field(default_factory=list)


@dataclass
class ThemeRow:
    place: Place
    number: int
    title: str
    aims: list[AimRow] = field(default_factory=list)


@dataclass
class PlanPreview(Preview):
    """``rows`` are the actions; ``themes`` the tree they hang from."""

    year: FinancialYear | None = None
    plan: ActionPlan | None = None  # the empty draft it fills; None: a new plan
    title: str = ""
    themes: list[ThemeRow] = field(default_factory=list)
    unknown: list[UnknownName] = field(default_factory=list)
    layout: Layout | None = None

    @property
    def undecided(self) -> list[UnknownName]:
        return [name for name in self.unknown if not name.decision]

    @property
    def ok(self) -> bool:
        return super().ok and not self.undecided

    @property
    def aim_count(self) -> int:
        return sum(len(theme.aims) for theme in self.themes)

    @property
    def new_organisations(self) -> list[UnknownName]:
        return [name for name in self.unknown if name.decision == NEW]


def vocabulary_of(partnership: Partnership) -> text.Vocabulary:
    vocabulary = text.Vocabulary()
    for organisation in Organisation.objects.filter(partnership=partnership):
        vocabulary.organisations[text.normal(organisation.short_name)] = organisation
        vocabulary.organisations.setdefault(text.normal(organisation.name), organisation)
    for short_name, name in Group.objects.filter(partnership=partnership).values_list(
        "short_name", "name"
    ):
        vocabulary.others.setdefault(text.normal(short_name), short_name)
        vocabulary.others.setdefault(text.normal(name), name)
    used = Action.objects.filter(aim__theme__plan__partnership=partnership).exclude(
        other_partners=""
    )
    for other_partners in used.order_by().values_list("other_partners", flat=True).distinct():
        for line in other_partners.split("\n"):
            if line.strip():
                vocabulary.others.setdefault(text.normal(line), line.strip())
    for key in vocabulary.organisations:
        vocabulary.others.pop(key, None)
    return vocabulary


def plan_target(partnership: Partnership, year: FinancialYear) -> tuple[ActionPlan | None, str]:
    """The plan an import fills (None: a new one) and, if it cannot, why."""
    plan = ActionPlan.objects.filter(partnership=partnership, year=year).first()
    if plan is None:
        return None, ""
    if plan.status != ActionPlan.Status.DRAFT or plan.themes.exists():
        return plan, (
            f"The {year} plan already exists with its themes ({plan.get_status_display()}): "
            "a plan is imported into a year with no plan, or into an empty draft."
        )
    return plan, ""


class _Resolver:
    def __init__(self, vocabulary, decisions):
        self.vocabulary = vocabulary
        self.decisions = decisions or {}
        self.unknown: dict[str, UnknownName] = {}
        self.organisations = {str(org.pk): org for org in vocabulary.organisations.values()}

    def name(self, name: str, place: Place, *, as_lead: bool) -> Name:
        key = text.normal(name)
        organisation = self.vocabulary.organisations.get(key)
        if organisation is not None:
            return Name(name, organisation)
        if not as_lead and key in self.vocabulary.others:
            return Name(self.vocabulary.others[key])
        unknown = self.unknown.get(key)
        if unknown is None:
            unknown = self.unknown[key] = UnknownName(name, name_key(name))
            unknown.suggestion = self.suggest(name)
        unknown.places.append(place)
        unknown.as_lead = unknown.as_lead or as_lead
        return Name(name, unknown=unknown)

    def suggest(self, name: str) -> Organisation | None:
        """An organisation whose short name begins the unknown one ("SBC Licensing")."""
        first = text.normal(name).split(" ")[0]
        return self.vocabulary.organisations.get(first)

    def decide(self, problems: list[Problem]) -> None:
        for unknown in self.unknown.values():
            decision = self.decisions.get(unknown.key) or self.decisions.get("*", "")
            if decision == TEXT and unknown.as_lead:
                decision = ""  # a lead is always an organisation
            if decision not in ("", NEW, TEXT) and decision not in self.organisations:
                decision = ""
            unknown.decision = decision
            if decision == NEW and len(unknown.name) > SHORT_NAME_MAX:
                problems.append(
                    Problem(
                        unknown.places[0].row,
                        [
                            f"'{unknown.name}' is too long to be an organisation's short name "
                            f"({SHORT_NAME_MAX} characters): map it to an existing one."
                        ],
                        sheet=unknown.places[0].sheet,
                    )
                )

    def resolved(self, name: Name) -> Name:
        if name.unknown and name.unknown.decision not in ("", NEW, TEXT):
            return Name(name.name, self.organisations[name.unknown.decision], name.unknown)
        return name


def plan_preview(
    partnership: Partnership,
    year: FinancialYear,
    sheets: list[SheetRows],
    *,
    decisions: dict[str, str] | None = None,
) -> PlanPreview:
    """The plan as importing the sheets would create it. ``decisions`` maps an unknown name's
    key to NEW, TEXT or an organisation's pk; the key "*" decides every unknown name."""
    layout = parse_layout(sheets)
    preview = PlanPreview(year=year, layout=layout, problems=list(layout.problems))
    preview.plan, refusal = plan_target(partnership, year)
    if refusal:
        preview.problems.insert(0, Problem(0, [refusal]))
    preview.title = preview.plan.title if preview.plan else f"Action plan {year}"
    resolver = _Resolver(vocabulary_of(partnership), decisions)
    for theme in layout.themes:
        theme_row = ThemeRow(theme.place, theme.number, theme.title)
        preview.themes.append(theme_row)
        for aim in theme.aims:
            ref = f"{theme.number}.{aim.number}"
            aim_row = AimRow(aim.place, ref, aim.number, aim.text)
            theme_row.aims.append(aim_row)
            for action in aim.actions:
                leads = []
                for name, role in text.split_leads(action.lead, resolver.vocabulary):
                    if not name:
                        preview.problems.append(
                            Problem(
                                action.place.row,
                                [f"Lead ({role}): write the organisation before the bracket."],
                                sheet=action.place.sheet,
                            )
                        )
                        continue
                    leads.append(LeadRow(resolver.name(name, action.place, as_lead=True), role))
                partners = [
                    resolver.name(name, action.place, as_lead=False)
                    for name in text.split_partners(action.partners, resolver.vocabulary)
                ]
                row = ActionRow(
                    action.place,
                    f"{ref} {action.letter})" if action.letter else ref,
                    action.letter,
                    action.text,
                    leads,
                    partners,
                    text.lines(action.resources),
                    text.split_outcomes(action.outcomes),
                )
                aim_row.actions.append(row)
                preview.rows.append(row)
    resolver.decide(preview.problems)
    for row in preview.rows:
        for lead in row.leads:
            lead.name = resolver.resolved(lead.name)
        row.partners = [resolver.resolved(name) for name in row.partners]
    preview.unknown = sorted(resolver.unknown.values(), key=lambda u: text.normal(u.name))
    preview.row_count = len(preview.rows)
    if not preview.rows and not preview.problems:
        preview.problems.append(Problem(0, ["The file has no actions under its column headings."]))
    order = {title: index for index, title in enumerate(layout.plan_sheets)}
    preview.problems.sort(key=lambda p: (p.number != 0, order.get(p.sheet, 0), p.number))
    return preview


def undecided_problems(preview: PlanPreview) -> list[Problem]:
    """Each undecided name at every row it appears, for the command line."""
    problems = []
    for unknown in preview.undecided:
        kind = "Lead organisation" if unknown.as_lead else "Partner"
        for place in unknown.places:
            problems.append(
                Problem(
                    place.row,
                    [f"{kind} '{unknown.name}' is not one of the partnership's organisations."],
                    sheet=place.sheet,
                )
            )
    return sorted(problems, key=lambda p: (p.sheet, p.number))


def importable_years(partnership: Partnership) -> list[FinancialYear]:
    """Years a plan can be imported into: no plan yet, or an empty draft; from the first
    plan's year (or last year) to two years ahead."""
    current = FinancialYear.current()
    plans = {
        plan.year: plan
        for plan in ActionPlan.objects.filter(partnership=partnership).prefetch_related("themes")
    }
    first = min([*plans, current.previous()]).start_year
    years = [FinancialYear(start) for start in range(first, current.start_year + 3)]
    return [
        year
        for year in years
        if year not in plans
        or (plans[year].status == ActionPlan.Status.DRAFT and not plans[year].themes.all())
    ]
