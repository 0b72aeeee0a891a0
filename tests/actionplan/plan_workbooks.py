"""Workbooks laid out as the committee paper's appendix, built in code from a plan in the
database, with every trait the plan import must read (title and introduction rows, theme
headings in two styles, column headings repeated with extra columns, merged and blank aim
cells, an aim without its reference, "Page 23" rows, continuation rows, leads run together,
partners space-separated and by full name, bullets, a glossary sheet), and what a plan holds
as plain data to compare an import with the plan it came from."""

import csv
import io
import re

from openpyxl import Workbook

from actionplan.appendix import COLUMNS
from actionplan.models import Action, ActionPlan

HEADERS = [*COLUMNS, "Status", "Version"]  # a later export's extra columns: ignored


def plan_data(plan: ActionPlan) -> list:
    """Themes -> aims -> actions with leads, partners, other partners, resources, outcomes."""
    actions = (
        Action.objects.filter(aim__theme__plan=plan)
        .select_related("aim__theme")
        .prefetch_related("leads__organisation", "partners", "outcomes")
        .order_by("aim__theme__number", "aim__number", "letter", "pk")
    )
    themes: dict = {}
    for action in actions:
        theme, aim = action.aim.theme, action.aim
        aims = themes.setdefault((theme.number, theme.title), {})
        aims.setdefault((aim.number, aim.text), []).append(
            {
                "letter": action.letter,
                "text": action.text,
                "leads": [
                    (lead.organisation.short_name, lead.officer_role) for lead in action.leads.all()
                ],
                "partners": sorted(p.short_name for p in action.partners.all()),
                "other_partners": sorted(action.other_partners_list),
                "resources": action.resources,
                "outcomes": [o.text for o in action.outcomes.all()],
            }
        )
    return [(theme, [(aim, acts) for aim, acts in aims.items()]) for theme, aims in themes.items()]


def _split_mid_sentence(text: str) -> tuple[str, str] | None:
    """Where a page break could have cut the cell: a space before a lower-case word."""
    for match in re.finditer(r" (?=[a-z])", text):
        left = text[: match.start()]
        if len(left) > 10 and not left.endswith((".", "!", "?", ":", ";", ")")):
            return left, text[match.end() :]
    return None


def appendix_rows(plan: ActionPlan, *, merge_aims: bool = True) -> tuple[list, list]:
    """The plan sheet's rows (lists of cell values) and the merges to make (as ranges)."""
    rows: list[list] = [
        [f"Action plan {plan.year}"],
        ["The aims in this action plan relate to the five strategic objectives:"],
        ["1. Help people feel safe"],
        ["2. Reduce crime"],
        ["This action plan is updated quarterly by the lead officers for each action."],
        [],
    ]
    merges, continued = [], {"aim": False, "resources": False, "outcomes": False}
    orgs = {
        o.short_name: o.name
        for a in Action.objects.filter(aim__theme__plan=plan)
        for o in a.partners.all()
    }
    for t_index, ((number, title), aims) in enumerate(plan_data(plan)):
        rows.append([f"{number}. {title}" if t_index % 2 == 0 else f"Theme {number}: {title}"])
        rows.append([])
        rows.append(list(HEADERS))
        for a_index, ((aim_number, aim_text), actions) in enumerate(aims):
            aim_cell = f"{number}.{aim_number} {aim_text}"
            if aim_number > 1 and a_index == 1 and t_index == 2:
                aim_cell = aim_text  # "Minimise the risk of radicalisation": no reference
            first_row = len(rows) + 1
            for n, action in enumerate(actions):
                if n == 1 and len(actions) > 2:
                    rows.append(["Page 23"])  # a printed page's number between two actions
                lead_sep = "\n" if (t_index + n) % 2 else " "
                leads = lead_sep.join(
                    f"{org} ({role})" if role else org for org, role in action["leads"]
                )
                partners = list(action["partners"])
                if n == 0 and partners:
                    partners[0] = orgs.get(partners[0], partners[0])  # by full name
                partner_sep = " " if (a_index + n) % 2 == 0 else "\n"
                outcomes = action["outcomes"]
                outcome_cell = "\n".join(f"\u2022 {o}" if t_index % 3 == 1 else o for o in outcomes)
                text = (
                    f"{action['letter']}) {action['text']}" if action["letter"] else action["text"]
                )
                row = [
                    aim_cell if n == 0 else "",
                    text,
                    leads,
                    partner_sep.join(partners + action["other_partners"]),
                    action["resources"],
                    outcome_cell,
                    "Progress is reported in the portal each quarter.",
                    "On track",
                    "3",
                ]
                extra = None
                split_aim = (
                    _split_mid_sentence(aim_cell) if n == 0 and not continued["aim"] else None
                )
                if split_aim and len(actions) == 1:
                    continued["aim"] = True
                    row[0], extra = split_aim[0], ["", "", "", "", "", "", "", "", ""]
                    extra[0] = split_aim[1]
                elif not continued["resources"] and _split_mid_sentence(action["resources"]):
                    continued["resources"] = True
                    left, right = _split_mid_sentence(action["resources"])
                    row[4], extra = left, ["", "", "", "", right]
                elif not continued["outcomes"] and outcomes and _split_mid_sentence(outcome_cell):
                    continued["outcomes"] = True
                    left, right = _split_mid_sentence(outcome_cell)
                    row[5], extra = left, ["", "", "", "", "", right]
                rows.append(row)
                if extra:
                    rows.append(extra)
            if merge_aims and a_index == 0 and len(actions) > 1:
                merges.append(f"A{first_row}:A{len(rows)}")  # the aim merged over its actions
        rows.append([])
    rows += [
        ["Partnership principles"],
        ["1. Partners share information in order to reduce and prevent crime."],
    ]
    return rows, merges


def appendix_xlsx(plan: ActionPlan, *, edit=None) -> bytes:
    """The plan as an appendix workbook; ``edit(rows)`` may change the rows first."""
    rows, merges = appendix_rows(plan)
    if edit:
        edit(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Appendix A"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        top = sheet[cells.split(":")[0]].value
        sheet.merge_cells(cells)
        sheet[cells.split(":")[0]].value = top
    glossary = workbook.create_sheet("Glossary")
    glossary.append(["Abbreviation", "Meaning"])
    glossary.append(["ASB", "Anti-social behaviour"])
    glossary.append(["JAG", "Joint Action Group"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def appendix_csv(plan: ActionPlan, *, edit=None) -> bytes:
    rows, _ = appendix_rows(plan, merge_aims=False)
    if edit:
        edit(rows)
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")
