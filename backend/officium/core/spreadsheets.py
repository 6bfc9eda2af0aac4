"""What every spreadsheet the API hands out shares: content types, CSV with a BOM, cells that never run,
and a formatted table (bold frozen header, widths, number formats, shaded rows, a bold totals row)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
# Cells starting with these are formulas (or DDE) to Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text as a spreadsheet shows it and never runs: a leading formula character gets a quote."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_with_bom(rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel shows Chinese correctly; text cells made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_text(cell) if isinstance(cell, str) else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


PERCENT = "0.0%"
HOURS = "0.00"
SHADE = "FFF2CC"  # a pale yellow: rows that need a look


@dataclass(frozen=True)
class Column[Row]:
    """One column of a table: its header (already translated), width in characters and cell value."""

    header: str
    width: int
    value: Callable[[Row], Any]
    number_format: str | None = None


def _cell(value: Any) -> Any:
    return safe_text(value) if isinstance(value, str) else value


def table_xlsx[Row](
    *,
    title: str,
    columns: Sequence[Column[Row]],
    rows: Iterable[Row],
    freeze: str = "A2",
    shade: Callable[[Row], bool] | None = None,
    totals: Row | None = None,
) -> bytes:
    """A one-sheet workbook: bold centred frozen header, column widths and number formats, rows for
    which `shade` holds filled pale yellow, and `totals` (if any) as a bold last row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]  # Excel's limit
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fill = PatternFill("solid", fgColor=SHADE)
    for row in rows:
        sheet.append([_cell(column.value(row)) for column in columns])
        if shade is not None and shade(row):
            for cell in sheet[sheet.max_row]:
                cell.fill = fill
    if totals is not None:
        sheet.append([_cell(column.value(totals)) for column in columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            for cell in sheet[letter][1:]:
                cell.number_format = column.number_format
    sheet.freeze_panes = freeze
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_csv[Row](*, columns: Sequence[Column[Row]], rows: Iterable[Row], totals: Row | None = None) -> bytes:
    """The same table as CSV with a BOM."""
    body = [[column.value(row) for column in columns] for row in rows]
    if totals is not None:
        body.append([column.value(totals) for column in columns])
    return csv_with_bom([[column.header for column in columns], *body])
