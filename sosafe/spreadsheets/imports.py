"""One preview -> confirm flow for every spreadsheet import.

An app supplies two functions: ``plan(table) -> Preview`` checks every row and writes nothing;
``apply(preview)`` saves through the app's services and raises ``ImportRefused`` (or a
``ValidationError``) to undo everything. The upload is read with the shared caps, kept in the
pending store with its token, and on confirmation planned again against the data as it is
then: nothing from the preview is trusted, and the plan and its application run in one
transaction, so a file that has turned bad applies nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from sosafe.spreadsheets.pending import PendingUpload, pending_discard, pending_load, pending_save
from sosafe.spreadsheets.reading import (
    SpreadsheetError,
    Table,
    check_size,
    file_format,
    megabytes,
    read_table,
)

SHOWN = 200  # rows and problems a preview page lists; the rest are counted


@dataclass
class Problem:
    number: int  # the row as the spreadsheet shows it
    messages: list[str]
    label: str = ""  # what the row is about (a title, or the row's cells)
    sheet: str = ""  # the workbook's tab, for an import that reads several (``read_sheets``)

    @property
    def reason(self) -> str:
        return "; ".join(self.messages)

    @property
    def where(self) -> str:
        """ "Sheet 'Plan', row 12", "Row 12", or "The file" (number 0: the file as a whole)."""
        if not self.number:
            return "The file"
        return f"Sheet '{self.sheet}', row {self.number}" if self.sheet else f"Row {self.number}"


@dataclass
class Preview:
    """What importing a file would do. ``rows`` are the app's own plans (row or group)."""

    problems: list[Problem] = field(default_factory=list)
    rows: list = field(default_factory=list)
    row_count: int = 0
    unused_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.row_count > 0

    @property
    def shown_problems(self) -> list[Problem]:
        return self.problems[:SHOWN]

    @property
    def more_problems(self) -> int:
        return max(0, len(self.problems) - SHOWN)

    @property
    def shown_rows(self) -> list:
        return self.rows[:SHOWN]

    @property
    def more_rows(self) -> int:
        return max(0, len(self.rows) - SHOWN)


class ImportRefused(Exception):
    """Applying failed; nothing was saved. ``problems`` say which rows and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"row {p.number}: {p.reason}" for p in problems))
        self.problems = problems


def formula_problems(table: Table) -> dict[int, list[str]]:
    """Per row number, a message for each XLSX cell that holds a formula (values only)."""
    return {
        row.number: [
            f"{column}: the cell holds a formula; paste its value instead (Paste Special › Values)."
            for column in row.formulas
        ]
        for row in table.rows
        if row.formulas
    }


class UploadForm(forms.Form):
    """A CSV or XLSX file within the size cap. Apps set the label and the help text."""

    label = "Spreadsheet (CSV or Excel .xlsx)"
    help_text = ""
    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.label
        limit = megabytes(settings.SPREADSHEET_MAX_BYTES)
        self.fields["file"].help_text = f"{self.help_text} Up to {limit}.".strip()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.file_format = file_format(upload.name)
            check_size(upload.size)
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


@dataclass
class Upload:
    """What an upload page shows: the preview (or None) and the token to confirm it with."""

    preview: Preview | None = None
    token: str | None = None


def preview_upload(
    request: HttpRequest,
    *,
    kind: str,
    partnership_slug: str,
    form: UploadForm,
    plan: Callable[[Table], Preview],
    read: Callable[[bytes, str], object] = read_table,
) -> Upload:
    """Read the uploaded file, plan it without writing, and keep it for the confirmation.
    ``read`` is ``read_table`` or, for a file laid out as a paper, ``read_sheets``."""
    if request.method != "POST" or not form.is_valid():
        return Upload()
    upload = form.cleaned_data["file"]
    content = upload.read()
    try:
        preview = plan(read(content, form.file_format))
    except SpreadsheetError as exc:
        form.add_error("file", str(exc))
        return Upload()
    token = pending_save(
        request,
        kind=kind,
        partnership_slug=partnership_slug,
        name=upload.name,
        file_format=form.file_format,
        content=content,
    )
    return Upload(preview, token)


@dataclass
class Confirmation:
    upload: PendingUpload | None  # None: nothing waits under that token
    preview: Preview | None = None
    applied: bool = False
    result: object = None  # what ``apply`` returned


def confirm_upload(
    request: HttpRequest,
    *,
    kind: str,
    partnership_slug: str,
    plan: Callable[[Table], Preview],
    apply: Callable[[Preview, PendingUpload], object],
    read: Callable[[bytes, str], object] = read_table,
) -> Confirmation:
    """Plan the kept upload again and apply it, all rows or none, in one transaction."""
    upload = pending_load(
        request, kind=kind, partnership_slug=partnership_slug, token=request.POST.get("token")
    )
    if upload is None:
        return Confirmation(None)
    try:
        table = read(upload.content, upload.file_format)
    except SpreadsheetError as exc:  # e.g. the caps were lowered since the preview
        return Confirmation(upload, Preview(problems=[Problem(1, [str(exc)])]))
    try:
        with transaction.atomic():
            preview = plan(table)
            if not preview.ok:
                return Confirmation(upload, preview)
            result = apply(preview, upload)
    except ImportRefused as exc:
        preview.problems = exc.problems
        return Confirmation(upload, preview)
    except ValidationError as exc:
        preview.problems = [Problem(1, exc.messages)]
        return Confirmation(upload, preview)
    pending_discard(request, upload.token)
    return Confirmation(upload, preview, applied=True, result=result)
