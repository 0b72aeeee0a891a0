"""Every spreadsheet the portal reads or writes goes through this package.

Writing (``writing``): ``Sheet(title, headers, rows)``; ``csv_bytes(sheet)``,
``xlsx_bytes(sheets)``; ``csv_response(filename, sheet)``, ``xlsx_response(filename, sheets)``
and ``download(filename, file_format, sheet)`` for views. Text that a spreadsheet would run as a
formula is always written as text.
"""

from sosafe.spreadsheets.writing import (
    CONTENT_TYPES,
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
    "Sheet",
    "csv_bytes",
    "csv_response",
    "download",
    "neutralise",
    "xlsx_bytes",
    "xlsx_response",
]
