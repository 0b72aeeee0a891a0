"""Bids to and from spreadsheets (CSV and Excel) through django-import-export.

The import is always previewed first (a dry run inside a transaction that is rolled back),
lists every bad row with its spreadsheet row number and what is wrong, and is then applied
in one transaction: all rows or none.

A row with an ID updates that bid of the partnership (exports carry the ID, so a sheet can go
out, be corrected and come back); a row without one adds a new bid. A change of status must
follow the pipeline, as in the portal, and is recorded in the bid's timeline.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpResponse
from import_export import resources, widgets
from import_export.fields import Field
from import_export.results import RowResult

from actionplan.models import Objective
from funding import rules
from funding.models import BidStatus, BidStatusChange, DatePrecision, Funder, FundingBid
from funding.money import format_pounds, parse_pounds
from sosafe.models import Membership, Organisation
from sosafe.spreadsheets import Sheet, download

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S"]
STATUS_WORDS = {
    BidStatus.DRAFT: "Draft",
    BidStatus.SUBMITTED: "Submitted",
    BidStatus.SUCCESSFUL: "Successful",
    BidStatus.UNSUCCESSFUL: "Unsuccessful",
    BidStatus.WITHDRAWN: "Withdrawn",
}
PRECISION_WORDS = {DatePrecision.DAY: "Exact", DatePrecision.MONTH: "Month only"}


class FileProblem(ValueError):
    """The upload as a whole cannot be read; nothing row by row to report."""


# ---- widgets: one cell to one value, with a message that says what to write instead ---------


class PoundsWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_pounds(value)

    def render(self, value, obj=None, **kwargs):
        return value if value is not None else ""


class UKDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(f"“{text}” is not a date; write it like 31/03/2018.")

    def render(self, value, obj=None, **kwargs):
        return value if value else ""


class ChoiceWordWidget(widgets.Widget):
    """A choice by its word in the export ("Successful") or its stored value ("successful")."""

    def __init__(self, words: dict, choices, what: str, **kwargs):
        super().__init__(**kwargs)
        self.words = words
        self.lookup = {}
        for value, label in choices:
            self.lookup[value.lower()] = value
            self.lookup[str(label).lower()] = value
        for value, word in words.items():
            self.lookup[word.lower()] = value
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        try:
            return self.lookup[text.lower()]
        except KeyError:
            options = ", ".join(self.words.values())
            raise ValueError(f"“{text}” is not a {self.what}; use one of: {options}.") from None

    def render(self, value, obj=None, **kwargs):
        return self.words.get(value, value or "")


class PartnershipLookupWidget(widgets.Widget):
    """A funder or organisation of the partnership, by name (any case)."""

    def __init__(self, choices: dict[str, object], message: str, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.message = message

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else " ".join(str(value).split())
        if not text:
            return None
        found = self.choices.get(text.lower())
        if found is None:
            raise ValueError(self.message.format(text=text))
        return found

    def render(self, value, obj=None, **kwargs):
        return str(value) if value is not None else ""


def objective_ref(objective: Objective) -> str:
    """How a sheet names an objective: strategy years and number, "2018-2021/3"."""
    strategy = objective.strategy
    return f"{strategy.start_year}-{strategy.end_year}/{objective.number}"


class ObjectivesWidget(widgets.ManyToManyWidget):
    def __init__(self, objectives: list[Objective], **kwargs):
        super().__init__(Objective, separator=";", **kwargs)
        self.by_ref = {objective_ref(o): o for o in objectives}

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value)
        found, unknown = [], []
        for part in text.split(self.separator):
            ref = part.strip().replace("–", "-").replace(" ", "")
            if not ref:
                continue
            if ref in self.by_ref:
                found.append(self.by_ref[ref])
            else:
                unknown.append(part.strip())
        if unknown:
            names = ", ".join(f"“{u}”" for u in unknown)
            raise ValueError(
                f"No objective {names} in this partnership's strategies; write objectives as "
                "strategy years and number, like 2018-2021/3, separated by semicolons."
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(objective_ref(o) for o in value.all())


# ---- the resource -----------------------------------------------------------------------


class BidResource(resources.ModelResource):
    """Bids of one partnership, laid out as the bids list is."""

    id = Field(
        attribute="id", column_name="ID", widget=widgets.IntegerWidget(coerce_to_string=False)
    )
    title = Field(attribute="title", column_name="Title", widget=widgets.CharWidget())
    funder = Field(attribute="funder", column_name="Funder")
    fund = Field(attribute="fund", column_name="Fund", widget=widgets.CharWidget())
    organisation = Field(attribute="organisation", column_name="Delivering organisation")
    delivering_team = Field(
        attribute="delivering_team", column_name="Delivering team", widget=widgets.CharWidget()
    )
    purpose = Field(
        attribute="purpose", column_name="How the funding is used", widget=widgets.CharWidget()
    )
    objectives = Field(attribute="objectives", column_name="Objectives")
    amount_requested = Field(
        attribute="amount_requested", column_name="Amount requested", widget=PoundsWidget()
    )
    amount_awarded = Field(
        attribute="amount_awarded", column_name="Amount awarded", widget=PoundsWidget()
    )
    status = Field(attribute="status", column_name="Status")
    submitted_on = Field(
        attribute="submitted_on", column_name="Date submitted", widget=UKDateWidget()
    )
    decision_on = Field(
        attribute="decision_on", column_name="Date of decision", widget=UKDateWidget()
    )
    received_on = Field(
        attribute="received_on", column_name="Date funding received", widget=UKDateWidget()
    )
    date_precision = Field(attribute="date_precision", column_name="Dates are")
    grant_starts = Field(
        attribute="grant_starts", column_name="Grant period starts", widget=UKDateWidget()
    )
    grant_ends = Field(
        attribute="grant_ends", column_name="Grant period ends", widget=UKDateWidget()
    )
    notes = Field(attribute="notes", column_name="Notes", widget=widgets.CharWidget())
    financial_year = Field(column_name="Financial year", readonly=True)
    spent = Field(column_name="Spent", readonly=True)
    remaining = Field(column_name="Remaining", readonly=True)

    class Meta:
        model = FundingBid
        fields = (
            "id",
            "title",
            "funder",
            "fund",
            "organisation",
            "delivering_team",
            "purpose",
            "objectives",
            "amount_requested",
            "amount_awarded",
            "status",
            "submitted_on",
            "decision_on",
            "received_on",
            "date_precision",
            "grant_starts",
            "grant_ends",
            "notes",
            "financial_year",
            "spent",
            "remaining",
        )
        export_order = fields
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        store_instance = True
        chunk_size = 5000  # exports read the bids in pages of this many

    def __init__(self, *, membership: Membership, source_name: str = ""):
        super().__init__()
        self.membership = membership
        self.source_name = source_name
        partnership = membership.partnership
        funders = {f.name.lower(): f for f in Funder.objects.filter(partnership=partnership)}
        known = ", ".join(sorted(f.name for f in funders.values())) or "none yet"
        self.fields["funder"].widget = PartnershipLookupWidget(
            funders,
            "No funder called “{text}” in this partnership (known funders: "
            + known
            + "). Add it on the Funders page first, or correct the name.",
        )
        organisations = {}
        for org in Organisation.objects.filter(partnership=partnership):
            organisations[org.name.lower()] = org
            organisations[org.short_name.lower()] = org
        self.fields["organisation"].widget = PartnershipLookupWidget(
            organisations,
            "No organisation “{text}” in this partnership; use its short name as the "
            "partnership home page lists it, e.g. SBC.",
        )
        objectives = list(
            Objective.objects.filter(strategy__partnership=partnership).select_related("strategy")
        )
        self.fields["objectives"].widget = ObjectivesWidget(objectives)
        self.fields["status"].widget = ChoiceWordWidget(STATUS_WORDS, BidStatus.choices, "status")
        self.fields["date_precision"].widget = ChoiceWordWidget(
            PRECISION_WORDS, DatePrecision.choices, "way of giving dates"
        )
        self.previous: dict[int, FundingBid] = {}

    # -- which rows and which instances --

    def get_queryset(self):
        return FundingBid.objects.filter(partnership=self.membership.partnership)

    def before_import(self, dataset, **kwargs):
        if "ID" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="ID")

    def get_instance(self, instance_loader, row):
        raw = row.get("ID")
        if raw is None or str(raw).strip() == "":
            return None
        try:
            number = Decimal(str(raw).strip())
            if number != number.to_integral_value():
                raise ValueError
            pk = int(number)
        except (ArithmeticError, ValueError):
            raise ValidationError(
                {"id": f"“{raw}” is not a bid ID; leave ID empty for a new bid."}
            ) from None
        bid = self.get_queryset().filter(pk=pk).first()
        if bid is None:
            raise ValidationError(
                {"id": f"No bid with ID {pk} in this partnership; leave ID empty for a new bid."}
            )
        self.previous[bid.pk] = FundingBid.objects.get(pk=bid.pk)
        return bid

    def init_instance(self, row=None):
        return FundingBid(partnership=self.membership.partnership)

    def import_instance(self, instance, row, **kwargs):
        """Every cell of the row, then the rules that span cells; all problems at once."""
        errors = {}
        for import_field in self.get_import_fields():
            if import_field.column_name not in row or import_field.readonly:
                continue
            try:
                value = import_field.clean(row)
            except ValueError as exc:
                errors[import_field.attribute] = ValidationError(str(exc), code="invalid")
                continue
            if isinstance(import_field.widget, widgets.ManyToManyWidget):
                continue  # set after the bid is saved, in save_m2m
            if import_field.attribute == "id":
                continue
            if value is None and import_field.attribute in {"date_precision"}:
                value = DatePrecision.DAY
            if value is None and isinstance(import_field.widget, widgets.CharWidget):
                value = ""
            setattr(instance, import_field.attribute, value)
        if not instance.title:
            errors.setdefault("title", ValidationError("Every bid needs a title."))
        if not instance.status:
            errors.setdefault(
                "status", ValidationError("Give the bid a status, e.g. Submitted or Successful.")
            )
        previous = self.previous.get(instance.pk) if instance.pk else None
        if previous is not None and "status" not in errors:
            try:
                from funding.services import check_status_change

                check_status_change(
                    membership=self.membership,
                    previous=previous,
                    bid=instance,
                    note=f"Imported from {self.source_name or 'a spreadsheet'}.",
                )
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.setdefault(name, ValidationError(messages))
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if all(value in (None, "") for value in row.values()):
            return True
        return super().skip_row(instance, original, row, import_validation_errors)

    # -- saving --

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk:
            # A portal edit started before this import must not silently overwrite it.
            instance.version = self.previous[instance.pk].version + 1

    def after_save_instance(self, instance, row, **kwargs):
        previous = self.previous.get(instance.pk)
        if previous is None or previous.status != instance.status:
            BidStatusChange.objects.create(
                bid=instance,
                from_status=previous.status if previous else "",
                to_status=instance.status,
                is_correction=bool(previous)
                and rules.is_correction(previous.status, instance.status),
                note=f"Imported from {self.source_name or 'a spreadsheet'}.",
                changed_by=self.membership.user if self.membership.user.pk else None,
            )

    # -- export --

    def dehydrate_financial_year(self, bid):
        year = bid.financial_year
        return str(year) if year else ""

    def dehydrate_spent(self, bid):
        return bid.spent if bid.is_successful else ""

    def dehydrate_remaining(self, bid):
        remaining = bid.remaining
        return remaining if remaining is not None else ""

    def column_label(self, attribute: str) -> str:
        if attribute == NON_FIELD_ERRORS:
            return ""
        for resource_field in self.fields.values():
            if resource_field.attribute == attribute:
                return resource_field.column_name
        return attribute.replace("_", " ").capitalize()


# ---- reading an upload ----------------------------------------------------------------------

REQUIRED_COLUMNS = ("Title", "Status")


def read_upload(content: bytes, file_format: str) -> tuple[tablib.Dataset, list[str]]:
    """The upload as a dataset with the resource's column names, and the columns not used.

    Blank rows are kept so that row numbers match the spreadsheet's.
    """
    rows = _xlsx_rows(content) if file_format == "xlsx" else _csv_rows(content)
    if not rows:
        raise FileProblem("The file is empty.")
    if all(_blank(v) for v in rows[0]):
        raise FileProblem("The first row must hold the column names, as in the export.")
    known = {
        f.column_name.lower(): f.column_name
        for f in BidResource.fields.values()  # the declared fields, by class
    }
    headers, unused = [], []
    for index, cell in enumerate(rows[0]):
        name = " ".join(str(cell or "").split())
        canonical = known.get(name.lower())
        if canonical:
            headers.append(canonical)
        else:
            headers.append(f"(unused {index + 1}) {name}")
            if name:
                unused.append(name)
    missing = [name for name in REQUIRED_COLUMNS if name not in headers]
    if missing:
        raise FileProblem(
            "The file has no "
            + " or ".join(f"“{m}”" for m in missing)
            + " column. The first row must hold the column names, as in the export."
        )
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for number, row in enumerate(rows[1:], start=2):
        extra = [v for v in row[width:] if not _blank(v)]
        if extra:
            raise FileProblem(f"Row {number} has values to the right of the last named column.")
        row = row[:width] + [""] * (width - len(row))
        dataset.append(row)
    if not len(dataset):
        raise FileProblem("The file has column names but no rows of bids.")
    return dataset, unused


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _csv_rows(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise FileProblem("The file is not text; save it as CSV (UTF-8) or as .xlsx.")
    if "\x00" in text:
        raise FileProblem("The file is not a CSV file; save it as CSV (UTF-8) or as .xlsx.")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise FileProblem(f"The file could not be read as CSV: {exc}.") from exc


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem("The file could not be read as an Excel .xlsx workbook.") from exc
    try:
        return [list(row) for row in workbook.active.iter_rows(values_only=True)]
    finally:
        workbook.close()


# ---- the report the preview and the confirmation show ----------------------------------------

ACTION_WORDS = {
    RowResult.IMPORT_TYPE_NEW: "Add",
    RowResult.IMPORT_TYPE_UPDATE: "Update",
    RowResult.IMPORT_TYPE_SKIP: "No change",
}
COMPARED = [
    "title",
    "funder",
    "fund",
    "organisation",
    "delivering_team",
    "purpose",
    "amount_requested",
    "amount_awarded",
    "status",
    "submitted_on",
    "decision_on",
    "received_on",
    "date_precision",
    "grant_starts",
    "grant_ends",
    "notes",
]


@dataclass
class RowProblem:
    number: int  # as the spreadsheet shows it: the column names are row 1
    title: str
    messages: list[str]


@dataclass
class RowPlan:
    number: int
    action: str
    title: str
    status: str
    amount_awarded: str
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    problems: list[RowProblem] = field(default_factory=list)
    rows: list[RowPlan] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def added(self) -> int:
        return self.count("Add")

    @property
    def updated(self) -> int:
        return self.count("Update")

    @property
    def unchanged(self) -> int:
        return self.count("No change")


class _RollBack(Exception):
    pass


def run_import(
    *, membership: Membership, dataset: tablib.Dataset, dry_run: bool, source_name: str
) -> ImportReport:
    """Preview (``dry_run``) or apply the rows; applying keeps all of them or none."""
    resource = BidResource(membership=membership, source_name=source_name)
    report = ImportReport()
    try:
        with transaction.atomic():
            result = resource.import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            _fill_report(report, resource, dataset, result)
            if dry_run or not report.ok:
                raise _RollBack
            report.applied = True
    except _RollBack:
        pass
    return report


def _fill_report(report, resource, dataset, result) -> None:
    report.file_errors = [_error_text(error.error) for error in result.base_errors]
    titles = dataset["Title"] if "Title" in dataset.headers else [""] * len(dataset)
    for number, row_errors in result.row_errors():
        report.problems.append(
            RowProblem(
                number + 1,
                str(titles[number - 1] or ""),
                [f"Could not be saved: {_error_text(e.error)}" for e in row_errors],
            )
        )
    for invalid in result.invalid_rows:
        messages = []
        for attribute, texts in invalid.error_dict.items():
            label = resource.column_label(attribute)
            messages.extend(f"{label}: {text}" if label else text for text in texts)
        report.problems.append(
            RowProblem(invalid.number + 1, str(titles[invalid.number - 1] or ""), messages)
        )
    report.problems.sort(key=lambda problem: problem.number)
    if report.problems or report.file_errors:
        return
    for number, row_result in enumerate(result.rows, start=1):
        if all(_blank(v) for v in dataset[number - 1]):
            continue
        instance = row_result.instance
        report.rows.append(
            RowPlan(
                number=number + 1,
                action=ACTION_WORDS.get(row_result.import_type, row_result.import_type),
                title=instance.title if instance else "",
                status=instance.get_status_display() if instance else "",
                amount_awarded=format_pounds(instance.amount_awarded) if instance else "",
                changes=_changes(row_result.original, instance)
                if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE
                else [],
            )
        )


def _changes(original, instance) -> list[str]:
    if original is None or instance is None:
        return []
    changes = []
    for name in COMPARED:
        before, after = getattr(original, name), getattr(instance, name)
        if before != after:
            model_field = FundingBid._meta.get_field(name)
            changes.append(
                f"{str(model_field.verbose_name).capitalize()}: "
                f"{_shown(model_field, before)} → {_shown(model_field, after)}"
            )
    return changes


def _shown(model_field, value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Decimal):
        return format_pounds(value)
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or error.__class__.__name__


def export_bids(*, membership: Membership, bids, file_format: str) -> HttpResponse:
    """The bids as a CSV or Excel file, with the columns the import reads back."""
    dataset = BidResource(membership=membership).export(bids)
    sheet = Sheet("Funding bids", dataset.headers, dataset)
    filename = f"funding-bids-{membership.partnership.slug}-{datetime.date.today():%Y-%m-%d}"
    return download(filename, file_format, sheet)
