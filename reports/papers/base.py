"""What every paper is made of: frozen data gathered from the apps, then rendered.

A gather function returns a ``Paper``; the template of its kind renders ``paper.body``; the XLSX
holds ``paper.tables``. Nothing is read from the database after gathering.
"""

import dataclasses
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sosafe.models import Partnership

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A table of a paper as it goes into the XLSX (one sheet each)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class GlossaryEntry:
    abbreviation: str
    meaning: str


@dataclass(frozen=True)
class Paper:
    kind: str
    title: str
    partnership: str
    period: str  # "2017/18" or "2017/18-Q3"
    period_label: str  # "2017/18" or "Q3 2017/18"
    prepared_on: datetime.date
    public: bool
    body: object  # the kind's own frozen dataclass
    tables: tuple[Table, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    undefined_acronyms: tuple[str, ...] = ()

    @property
    def template_name(self) -> str:
        return f"reports/papers/{self.kind}.html"


class PaperError(ValueError):
    """A paper that cannot be built as asked (no plan for the year, a wrong period…)."""


def texts(value) -> Iterable[str]:
    """Every piece of text in gathered data (dataclasses, tuples, strings)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from texts(getattr(value, item.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item)


# Two or more capitals, optionally with &, / or lower-case letters inside (SoSafe's NhW counts
# as defined when the glossary has it; an undefined one is reported when it is all capitals).
_CANDIDATE = re.compile(r"(?<![\w&])([A-Z][A-Z&]*[A-Z])(?![\w&])")


def _uses(abbreviation: str, text: str) -> bool:
    return re.search(rf"(?<![\w&]){re.escape(abbreviation)}(?![\w&])", text) is not None


def glossary_for(
    partnership: Partnership, acronyms: dict[str, str], body_texts: list[str]
) -> tuple[tuple[GlossaryEntry, ...], tuple[str, ...]]:
    """The partnership's acronyms the paper uses, and the capitalised abbreviations it uses
    that the partnership has not defined."""
    text = "\n".join(body_texts)
    used = tuple(
        GlossaryEntry(abbreviation, meaning)
        for abbreviation, meaning in sorted(acronyms.items(), key=lambda kv: kv[0].lower())
        if _uses(abbreviation, text)
    )
    # Words inside a defined abbreviation ("CRC" of "BeNCH CRC") are defined with it.
    rest = text
    for abbreviation in sorted(acronyms, key=len, reverse=True):
        rest = re.sub(rf"(?<![\w&]){re.escape(abbreviation)}(?![\w&])", " ", rest)
    undefined = sorted({word for word in _CANDIDATE.findall(rest) if len(word) <= 10})
    return used, tuple(undefined)


def acronyms_of(partnership: Partnership) -> dict[str, str]:
    return dict(partnership.acronyms.values_list("abbreviation", "meaning"))


def finish(
    *,
    kind: str,
    title: str,
    partnership: Partnership,
    period,
    public: bool,
    body,
    tables: tuple[Table, ...],
    today: datetime.date | None = None,
) -> Paper:
    """Wrap a gathered body as a Paper with the glossary of exactly the acronyms it uses."""
    body_texts = [title, *texts(body), *texts(tables)]
    glossary, undefined = glossary_for(partnership, acronyms_of(partnership), body_texts)
    return Paper(
        kind=kind,
        title=title,
        partnership=partnership.name,
        period=str(period),
        period_label=period.label,
        prepared_on=today or datetime.date.today(),
        public=public,
        body=body,
        tables=tables,
        glossary=glossary,
        undefined_acronyms=undefined,
    )
