"""Read an action plan laid out as the committee paper's appendix into themes -> aims -> actions.

What a real plan workbook holds, and how each is read (every row keeps its sheet and number):

- title and introduction rows above the first table: not imported (counted in ``ignored``);
- a theme heading ("1. Antisocial behaviour", "Theme 1: Reduce crime") on a row of its own before
  the column headings or the theme's first action; before the first table only the last such
  row counts (the introduction may list the strategy's numbered objectives);
- the column headings (``actionplan.appendix.COLUMNS``; at least Aim, Action and Lead), repeated
  under each theme or not; columns with other headings (a later "Status") are ignored, and so is
  "Progress to date" (progress is reported per quarter in the portal, not imported);
- an aim cell merged down over its actions, left blank under the first, or repeated; an aim
  written without its reference ("1.2") takes the next number; an aim on a row of its own;
- action letters "a)" that restart for each aim; a letter used twice in one aim is a problem;
- "Page 23" cells (a printed page's number), cells of dashes only (a document table's rule),
  blank rows, and rows after the table such as a heading "Abbreviations" and its glossary: not
  imported;
- a row with no action and no lead continues the row above (a cell split by a page break): each
  of its cells is added to the same column's cell above.

Nothing here touches the database: names of organisations are resolved in ``resolve``.
"""

import re
from dataclasses import dataclass, field

from actionplan.appendix import ACTION, AIM, COLUMNS, LEAD, OUTCOMES, PARTNERS, RESOURCES
from sosafe.spreadsheets import Problem, SheetRows

REQUIRED = (AIM, ACTION, LEAD)
THEME_HEADING = re.compile(r"^(?:[Tt]heme\s*)?(\d{1,3})\s*[.:)\u2013-]?\s+([A-Z].*)$", re.S)
AIM_REF = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?\s+(\S.*)$", re.S)
ACTION_LETTER = re.compile(r"^(?:\(?([a-z])\)|([a-z])\.)\s*(\S.*)$", re.S)
PAGE_NUMBER = re.compile(r"^page\s+\d+$", re.I)
RULE = re.compile(r"^[-\u2013\u2014_=|.*\s]+$")  # a line of dashes left by a document's table
TABLE_ENDS = re.compile(r"^(abbreviations|glossary)\b", re.I)
SENTENCE_END = (".", "!", "?", ":", ";", ")")


@dataclass(frozen=True)
class Place:
    sheet: str
    row: int

    def __str__(self) -> str:
        return f"Sheet '{self.sheet}', row {self.row}" if self.sheet else f"Row {self.row}"


@dataclass
class ActionDraft:
    place: Place
    letter: str
    text: str
    lead: str = ""
    partners: str = ""
    resources: str = ""
    outcomes: str = ""


@dataclass
class AimDraft:
    place: Place
    number: int
    text: str
    raw: str  # the cell as written, to tell a repeated aim cell from a new aim
    actions: list[ActionDraft] = field(default_factory=list)


@dataclass
class ThemeDraft:
    place: Place
    number: int
    title: str
    aims: list[AimDraft] = field(default_factory=list)


@dataclass
class Layout:
    themes: list[ThemeDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    plan_sheets: list[str] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)  # no column headings: not read
    ignored: list[tuple[Place, str]] = field(default_factory=list)  # title, notes, glossary

    def problem(self, place: Place | None, message: str) -> None:
        if place is None:
            self.problems.append(Problem(0, [message]))
        else:
            self.problems.append(Problem(place.row, [message], sheet=place.sheet))

    @property
    def actions(self) -> list[ActionDraft]:
        return [action for theme in self.themes for aim in theme.aims for action in aim.actions]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    return "" if PAGE_NUMBER.match(text) or RULE.match(text) else text


def join(above: str, more: str) -> str:
    """A cell continued on the next row: mid-sentence joins with a space, else a new line."""
    if not above:
        return more
    if not above.endswith(SENTENCE_END) and (more[:1].islower() or more[:1].isdigit()):
        return f"{above} {more}"
    return f"{above}\n{more}"


def header_columns(cells: list[str]) -> dict[str, int] | None:
    names = {name.lower(): name for name in COLUMNS}
    found: dict[str, int] = {}
    for index, text in enumerate(cells):
        name = names.get(" ".join(text.split()).lower())
        if name and name not in found:
            found[name] = index
    return found if all(name in found for name in REQUIRED) else None


class _SheetReader:
    """One sheet's rows, in order, into the layout's themes."""

    def __init__(self, layout: Layout, sheet: SheetRows):
        self.layout, self.sheet = layout, sheet
        self.columns: dict[str, int] | None = None
        # A table may run on over the next sheet: its theme and aim carry over.
        self.theme: ThemeDraft | None = layout.themes[-1] if layout.themes else None
        self.aim: AimDraft | None = self.theme.aims[-1] if self.theme and self.theme.aims else None
        self.action: ActionDraft | None = None
        self.last = ""  # "aim" or "action": what a continuation row continues
        self.pending: list[tuple[str, Place, str, re.Match | None]] = []

    def read(self) -> None:
        for row in self.sheet.rows:
            place = Place(self.sheet.title, row.number)
            cells = [
                "" if index in row.merged else cell_text(value)
                for index, value in enumerate(row.cells)
            ]
            merged_values = {index: cell_text(row.cells[index]) for index in row.merged}
            for column in row.formulas:
                self.layout.problem(
                    place, f"{column}: the cell holds a formula; paste its value instead."
                )
            self.read_row(place, cells, merged_values)
        self.flush_pending(at_end=True)

    def read_row(self, place: Place, cells: list[str], merged: dict[int, str]) -> None:
        filled = [text for text in cells if text]
        if not filled:
            return  # blank, a page number, or only merged cells' copies: nothing new
        columns = header_columns(cells)
        if columns:
            self.columns = columns
            self.flush_pending(at_end=True, keep_last_theme=True)
            return
        single = filled[0] if len(filled) == 1 else None
        if single and TABLE_ENDS.match(single):
            self.flush_pending(at_end=True)
            self.columns = None
        if self.columns is None:
            if single and THEME_HEADING.match(single):
                self.pending.append(("theme", place, single, THEME_HEADING.match(single)))
            else:
                self.layout.ignored.append((place, " ".join(filled)))
            return
        self.read_table_row(place, cells, merged, single)

    def cell(self, cells: list[str], name: str, merged: dict[int, str] | None = None) -> str:
        index = self.columns.get(name) if self.columns else None
        if index is None:
            return ""
        if merged and index in merged:
            return merged[index]
        return cells[index] if index < len(cells) else ""

    def read_table_row(self, place, cells, merged, single) -> None:
        aim_text, action_text = self.cell(cells, AIM), self.cell(cells, ACTION)
        lead = self.cell(cells, LEAD, merged)
        where = cells.index(single) if single else None
        outside = where is not None and (
            where == self.columns[AIM] or where not in self.columns.values()
        )
        if outside and THEME_HEADING.match(single):
            self.pending.append(("theme", place, single, THEME_HEADING.match(single)))
            self.last = ""
            return
        if self.columns[ACTION] in merged and self.action is not None:
            self.continue_above(place, cells)  # an action merged down over its leads' rows
            return
        if not action_text and not lead:
            if aim_text and self.starts_aim(aim_text):
                self.pending.append(("aim", place, aim_text, None))
                self.last = "pending-aim"
            elif any(cells) and self.last:
                self.continue_above(place, cells)
            elif any(cells):
                self.layout.ignored.append((place, " ".join(t for t in cells if t)))
            return
        self.flush_pending()
        if aim_text and (self.aim is None or aim_text != self.aim.raw):
            self.start_aim(place, aim_text)
        self.start_action(place, cells, merged, action_text, lead)

    def starts_aim(self, text: str) -> bool:
        if AIM_REF.match(text):
            return True
        if self.last == "pending-aim":
            above = self.pending[-1][2]
        else:
            above = self.aim.raw if self.aim else ""
        return not (text[:1].islower() or (above and not above.endswith(SENTENCE_END)))

    def continue_above(self, place: Place, cells: list[str]) -> None:
        if self.last == "pending-aim":
            kind, at, text, match = self.pending[-1]
            aim_more = self.cell(cells, AIM)
            self.pending[-1] = (kind, at, join(text, aim_more) if aim_more else text, match)
            return
        for name, attribute in (
            (AIM, None),
            (LEAD, "lead"),
            (RESOURCES, "resources"),
            (PARTNERS, "partners"),
            (OUTCOMES, "outcomes"),
        ):
            more = self.cell(cells, name)
            if not more:
                continue
            if attribute == "lead" and self.action is not None:
                self.action.lead = f"{self.action.lead}\n{more}".strip()
            elif attribute is None and self.aim is not None:
                self.aim.raw = join(self.aim.raw, more)
                self.aim.text = join(self.aim.text, more)
            elif attribute and self.action is not None:
                setattr(self.action, attribute, join(getattr(self.action, attribute), more))

    def flush_pending(self, *, at_end: bool = False, keep_last_theme: bool = False) -> None:
        """Rows waiting to see what follows: a theme heading or an aim counts once a table or
        an action follows it; at the end (or above the first table) they were notes."""
        pending, self.pending = self.pending, []
        if at_end:
            themes = [entry for entry in pending if entry[0] == "theme"]
            last_theme = themes[-1] if keep_last_theme and themes else None
            for entry in pending:
                if entry is last_theme:
                    self.start_theme(entry[1], entry[3])
                else:
                    self.layout.ignored.append((entry[1], entry[2]))
            return
        for kind, place, text, match in pending:
            if kind == "theme":
                self.start_theme(place, match)
            else:
                self.start_aim(place, text)

    def start_theme(self, place: Place, match: re.Match) -> None:
        number, title = int(match.group(1)), " ".join(match.group(2).split())
        taken = next((t for t in self.layout.themes if t.number == number), None)
        if taken:
            self.layout.problem(place, f"Theme {number} is already used by {taken.place}.")
        self.theme = ThemeDraft(place, number, title)
        self.layout.themes.append(self.theme)
        self.aim, self.action, self.last = None, None, ""

    def start_aim(self, place: Place, raw: str) -> None:
        self.last = "aim"
        self.action = None
        if self.theme is None:
            self.layout.problem(
                place,
                "No theme heading above this aim: add a row such as "
                '"1. Antisocial behaviour" above the table.',
            )
            self.aim = None
            return
        if ACTION_LETTER.match(raw) and ")" in raw[:3]:
            self.layout.problem(
                place,
                "The aim cell begins like an action (“"
                + raw[:20]
                + "…”): are this row's cells one column to the left?",
            )
        match = AIM_REF.match(raw)
        if match:
            theme_ref, number, text = int(match.group(1)), int(match.group(2)), match.group(3)
            if theme_ref != self.theme.number:
                self.layout.problem(
                    place,
                    f"Aim {theme_ref}.{number} is under theme {self.theme.number}: "
                    f"its reference should begin {self.theme.number}.",
                )
        else:
            number = max((aim.number for aim in self.theme.aims), default=0) + 1
            text = raw
        taken = next((a for a in self.theme.aims if a.number == number), None)
        if taken:
            self.layout.problem(
                place, f"Aim {self.theme.number}.{number} is already used by {taken.place}."
            )
        self.aim = AimDraft(place, number, text, raw)
        self.theme.aims.append(self.aim)

    def start_action(self, place, cells, merged, action_text: str, lead: str) -> None:
        self.last = "action"
        if self.aim is None:
            self.action = None
            if self.theme is not None:
                self.layout.problem(
                    place, "This action has no aim: fill in the aim cell of its first action."
                )
            else:
                self.layout.problem(
                    place,
                    "No theme heading above this action: add a row such as "
                    '"1. Antisocial behaviour" above the table.',
                )
            return
        match = ACTION_LETTER.match(action_text)
        letter, text = (
            ((match.group(1) or match.group(2)), match.group(3)) if match else ("", action_text)
        )
        if not text:
            self.layout.problem(place, "The action cell is empty: write what will be done.")
        if not lead:
            self.layout.problem(place, "No lead: name the lead organisation, e.g. SBC (role).")
        self.action = ActionDraft(
            place,
            letter,
            text,
            lead=lead,
            partners=self.cell(cells, PARTNERS, merged),
            resources=self.cell(cells, RESOURCES, merged),
            outcomes=self.cell(cells, OUTCOMES, merged),
        )
        self.check_letter(self.action)
        self.aim.actions.append(self.action)

    def check_letter(self, action: ActionDraft) -> None:
        ref = f"{self.theme.number}.{self.aim.number}"
        same = next((a for a in self.aim.actions if a.letter == action.letter), None)
        if same is None:
            return
        if action.letter:
            self.layout.problem(
                action.place,
                f"Action {action.letter}) is used twice in aim {ref} (also {same.place}): "
                "if it starts a new aim, fill in the aim cell.",
            )
        else:
            self.layout.problem(
                action.place,
                f"Aim {ref} has more than one action without a letter (also {same.place}): "
                "letter them a), b) …",
            )


def parse_layout(sheets: list[SheetRows]) -> Layout:
    """The plan's tree from every sheet that has the column headings, with its problems."""
    layout = Layout()
    for sheet in sheets:
        has_table = any(
            header_columns([cell_text(value) for value in row.cells]) for row in sheet.rows
        )
        if not has_table:
            layout.other_sheets.append(sheet.title)
            continue
        layout.plan_sheets.append(sheet.title)
        _SheetReader(layout, sheet).read()
    order = {title: index for index, title in enumerate(layout.plan_sheets)}
    layout.ignored.sort(key=lambda entry: (order[entry[0].sheet], entry[0].row))
    if not layout.plan_sheets:
        layout.problem(
            None,
            "No sheet has the plan's column headings (" + ", ".join(COLUMNS) + "): "
            "at least Aim, Action and Lead.",
        )
    else:
        for theme in layout.themes:
            if not theme.aims:
                layout.problem(theme.place, f"Theme {theme.number} has no actions.")
            for aim in theme.aims:
                if not aim.actions:
                    layout.problem(aim.place, f"Aim {theme.number}.{aim.number} has no actions.")
    return layout
