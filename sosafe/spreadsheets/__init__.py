"""Every spreadsheet the portal reads or writes goes through this package.

Writing (``writing``): ``Sheet(title, headers, rows)``; ``csv_bytes(sheet)``,
``xlsx_bytes(sheets)`` (a sheet may have a title row, ``Heading`` rows, ``Choices`` drop-downs and
locked columns); ``csv_response(filename, sheet)``, ``xlsx_response(filename, sheets)``
and ``download(filename, file_format, sheet)`` for views. Text that a spreadsheet would run as a
formula is always written as text.

Reading (``reading``): ``read_table(content, fmt) -> Table`` of ``Row(number, cells, ...)``
within the size, row and unpacked-size caps; ``SpreadsheetError`` for a file that cannot be
read; ``read_sheets(content, fmt) -> [SheetRows]`` for every sheet as laid out (titles,
several tables, merged cells). Importing (``imports``): ``UploadForm``, ``preview_upload`` and
``confirm_upload`` around an app's ``plan(table) -> Preview`` and ``apply(preview, upload)``
(``read=read_sheets`` for an import that finds its own tables); the upload waits in
``pending``.
"""

from sosafe.spreadsheets.imports import (
    SHOWN,
    ImportRefused,
    Preview,
    Problem,
    UploadForm,
    confirm_upload,
    formula_problems,
    preview_upload,
)
from sosafe.spreadsheets.reading import (
    Row,
    SheetRows,
    SpreadsheetError,
    Table,
    read_sheets,
    read_table,
)
from sosafe.spreadsheets.writing import (
    CONTENT_TYPES,
    Choices,
    Heading,
    Sheet,
    csv_bytes,
    csv_response,
    download,
    neutralise,
    xlsx_bytes,
    xlsx_response,
)

__all__ = [
    "CONTENT_TYPES",
    "Choices",
    "Heading",
    "SHOWN",
    "ImportRefused",
    "Preview",
    "Problem",
    "Row",
    "Sheet",
    "SheetRows",
    "SpreadsheetError",
    "Table",
    "UploadForm",
    "confirm_upload",
    "csv_bytes",
    "csv_response",
    "download",
    "formula_problems",
    "neutralise",
    "preview_upload",
    "read_sheets",
    "read_table",
    "xlsx_bytes",
    "xlsx_response",
]
