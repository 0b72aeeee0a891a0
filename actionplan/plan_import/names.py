"""The plan table's cells as names and lines: leads, partners and expected outcomes.

Leads are "Organisation (officer)", one per line or run together ("SBC (Community Safety)
Police (Inspector)"); the bracketed text becomes the lead's ``officer_role``. Partners are one
per line, or separated by commas, semicolons or only spaces ("Police SBC Neighbourhood
Wardens"). Runs of words are split at the names the partnership knows (its organisations' names
and short names, and the names it uses for groups and other partners), the longest first; the
words between known names make one unknown name, which the coordinator maps or creates.

Expected outcomes are one per line (a leading bullet is dropped). A numeric target is
recognised only where it cannot be misread: a whole number at the start of the outcome or
after "at least", followed by its unit in lower-case words ("2 sessions delivered",
"at least 2 partnership events", "10 training sessions to ..."). "Every 6 months",
"2017/18", "96%", "£350" and "One event" are not targets.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from actionplan.models import FIGURE_DECIMAL_PLACES, FIGURE_MAX_DIGITS

LEAD_PART = re.compile(r"([^()]*)\(([^()]*)\)")
PARTNER_SEPARATORS = re.compile(r"[\n,;]+")
BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u00b7\u2013\u27a2*-]\s*")
TARGET = re.compile(r"(?:^|\bat least\s+)(\d{1,3}(?:,\d{3})+|\d+)(?=\s)", re.I)
UNIT_WORD = re.compile(r"^(?:[a-z][a-z'\-]*|[A-Z]{2,})$")
NOT_UNIT = {
    "a", "an", "the", "and", "or", "in", "to", "at", "through", "for", "of", "per", "with",
    "by", "on", "from", "across", "each", "every", "is", "are", "be", "will", "was", "were",
    "held", "delivered", "undertaken", "established", "engaged", "received", "trained",
    "completed", "attended", "sent", "made", "shared", "produced", "developed", "identified",
    "referred", "run", "taken", "given", "done", "achieved", "reached", "signed",
}  # fmt: skip
UNIT_MAX_WORDS, UNIT_MAX_LENGTH = 4, 50


def normal(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split()).casefold().strip(" .")


@dataclass
class Vocabulary:
    """The names the partnership knows, normalised: organisations' and other partners'."""

    organisations: dict[str, object] = field(default_factory=dict)  # name -> Organisation
    others: dict[str, str] = field(default_factory=dict)  # name -> as the partnership writes it

    @property
    def longest(self) -> int:
        names = [*self.organisations, *self.others]
        return max((len(name.split()) for name in names), default=1)

    def organisations_only(self) -> "Vocabulary":
        return Vocabulary(self.organisations)

    def knows(self, name: str) -> bool:
        key = normal(name)
        return key in self.organisations or key in self.others


def split_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """Known names, longest first, and the runs of other words between them."""
    text = " ".join(text.split()).strip(" .")
    if not text:
        return []
    if vocabulary.knows(text):
        return [text]
    words, names, unknown = text.split(), [], []
    longest, index = vocabulary.longest, 0
    while index < len(words):
        for end in range(min(len(words), index + longest), index, -1):
            candidate = " ".join(words[index:end])
            if vocabulary.knows(candidate):
                if unknown:
                    names.append(" ".join(unknown))
                    unknown = []
                names.append(candidate)
                index = end
                break
        else:
            unknown.append(words[index])
            index += 1
    if unknown:
        names.append(" ".join(unknown))
    return [name.strip(" .") for name in names if name.strip(" .")]


def _lead_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """Several organisations only when every word belongs to a known name ("SBC Police");
    otherwise the whole text is one name ("SBC Licensing", to map or create)."""
    names = split_names(text, vocabulary)
    if len(names) > 1 and not all(vocabulary.knows(name) for name in names):
        return [" ".join(text.split()).strip(" .")]
    return names


def split_leads(text: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """(organisation name, officer role) pairs in the order written."""
    vocabulary = vocabulary.organisations_only()  # a lead is an organisation
    leads: list[tuple[str, str]] = []
    for line in text.split("\n"):
        rest = 0
        for match in LEAD_PART.finditer(line):
            names = _lead_names(match.group(1), vocabulary)
            role = " ".join(match.group(2).split())
            if not names:
                names = [""]  # "(role)" with no organisation: reported when resolved
            leads.extend((name, "") for name in names[:-1])
            leads.append((names[-1], role))
            rest = match.end()
        leads.extend((name, "") for name in _lead_names(line[rest:], vocabulary))
    unique: list[tuple[str, str]] = []
    for lead in leads:
        if lead not in unique:
            unique.append(lead)
    return unique


def split_partners(text: str, vocabulary: Vocabulary) -> list[str]:
    names: list[str] = []
    for piece in PARTNER_SEPARATORS.split(text):
        for name in split_names(BULLET.sub("", piece.strip()), vocabulary):
            if normal(name) not in {normal(n) for n in names}:
                names.append(name)
    return names


@dataclass(frozen=True)
class Outcome:
    text: str
    target: Decimal | None = None
    unit: str = ""


def recognise_target(text: str) -> tuple[Decimal | None, str]:
    matches = list(TARGET.finditer(text))
    if len(matches) != 1 or len(re.findall(r"\d+", text.replace(",", ""))) != 1:
        return None, ""  # none, or more than one number: which would be the target?
    match = matches[0]
    target = Decimal(match.group(1).replace(",", ""))
    if len(target.as_tuple().digits) > FIGURE_MAX_DIGITS - FIGURE_DECIMAL_PLACES:
        return None, ""
    unit_words = []
    for word in text[match.end() :].split():
        bare = word.rstrip(".,;:)")
        if not UNIT_WORD.match(bare) or bare.lower() in NOT_UNIT:
            break
        unit_words.append(bare)
        if bare != word or len(unit_words) == UNIT_MAX_WORDS:
            break
    unit = " ".join(unit_words)
    if not unit or len(unit) > UNIT_MAX_LENGTH:
        return None, ""
    return target, unit


def split_outcomes(text: str) -> list[Outcome]:
    outcomes = []
    for line in text.split("\n"):
        line = BULLET.sub("", line.strip()).strip()
        if line:
            outcomes.append(Outcome(line, *recognise_target(line)))
    return outcomes


def lines(text: str) -> str:
    """A free-text cell (resources) with its bullets dropped, one item per line."""
    return "\n".join(
        BULLET.sub("", line.strip()).strip() for line in text.split("\n") if line.strip()
    )
