"""The roster as a spreadsheet (排班表): a formatted .xlsx template to fill in, and reading it back.

Row 1 holds 工号, 姓名 and one ISO date per day column; row 2 names the weekdays (星期); one row per
person follows, each day cell holding a shift's name or 休 (blank is a rest day too). Reading never
stops at the first mistake: every bad cell is reported with its row and column.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from officium.core.errors import ValidationFailed
from officium.core.spreadsheets import safe_text

REST = "休"
NUMBER_HEADER, NAME_HEADER, WEEKDAY_LABEL = "工号", "姓名", "星期"
WEEKDAYS = "一二三四五六日"
FIRST_DAY_COLUMN = 3
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_DAYS = 62
LEGEND_TITLE = "班次"


@dataclass(frozen=True)
class SheetPerson:
    employee_number: str
    name: str
    shifts: Mapping[datetime.date, str | None]  # the shift's name on each day; None: a rest day


@dataclass(frozen=True)
class SheetShift:
    name: str
    hours: str
    color: str  # RRGGBB


@dataclass(frozen=True)
class SheetCell:
    row: int
    column: str
    employee_number: str
    day: datetime.date
    shift_name: str | None  # None: a rest day


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    code: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class ReadSheet:
    days: list[datetime.date]
    cells: list[SheetCell]
    problems: list[Problem]


def write(days: Sequence[datetime.date], people: Sequence[SheetPerson], shifts: Sequence[SheetShift]) -> bytes:
    """The filled-in template: a bold frozen header, each shift cell in its colour, rest days grey,
    weekends shaded, a drop-down of the shift names on every day cell, and a legend sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{days[0]:%Y-%m}" if days else "排班"
    last_column = get_column_letter(FIRST_DAY_COLUMN + len(days) - 1)
    sheet.append([NUMBER_HEADER, NAME_HEADER, *(day.isoformat() for day in days)])
    sheet.append(["", WEEKDAY_LABEL, *(WEEKDAYS[day.weekday()] for day in days)])
    bold, centred = Font(bold=True), Alignment(horizontal="center", vertical="center")
    weekend = PatternFill("solid", fgColor="F2F2F2")
    for cells in sheet.iter_rows(min_row=1, max_row=2):
        for cell in cells:
            cell.font, cell.alignment = bold, centred
    fills = {shift.name: PatternFill("solid", fgColor=shift.color) for shift in shifts}
    thin = Side(style="thin", color="D9D9D9")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for person in people:
        values = [person.shifts.get(day) for day in days]
        sheet.append(
            [safe_text(person.employee_number), safe_text(person.name), *(safe_text(v) if v else REST for v in values)]
        )
        for offset, (day, value) in enumerate(zip(days, values, strict=True)):
            cell = sheet.cell(row=sheet.max_row, column=FIRST_DAY_COLUMN + offset)
            cell.alignment, cell.border = centred, border
            if value and value in fills:
                cell.fill = fills[value]
            elif day.weekday() >= 5:
                cell.fill = weekend
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 10
    for offset in range(len(days)):
        sheet.column_dimensions[get_column_letter(FIRST_DAY_COLUMN + offset)].width = 11
    sheet.freeze_panes = "C3"
    legend = book.create_sheet(LEGEND_TITLE)
    legend.append(["班次", "时间"])
    for cell in legend[1]:
        cell.font = bold
    for shift in shifts:
        legend.append([safe_text(shift.name), safe_text(shift.hours)])
        legend.cell(row=legend.max_row, column=1).fill = fills[shift.name]
    legend.append([REST, "休息"])
    legend.column_dimensions["A"].width = 16
    legend.column_dimensions["B"].width = 24
    if people and days:
        choices = DataValidation(
            type="list", formula1=f"'{LEGEND_TITLE}'!$A$2:$A${legend.max_row}", allow_blank=True, showErrorMessage=False
        )
        sheet.add_data_validation(choices)
        choices.add(f"C3:{last_column}{sheet.max_row}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text[1:] if text.startswith("'") else text  # a quote that kept a formula character inert


def _rows(content: bytes) -> list[list[str]]:
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed(f"Files up to {MAX_FILE_BYTES // 1024 // 1024} MB.", code="file_too_large")
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        raise ValidationFailed("Upload the roster as an .xlsx file.", code="unreadable_file") from None
    try:
        rows: list[list[str]] = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            rows.append([_text(cell) for cell in row])
            if len(rows) > MAX_ROWS + 2:
                raise ValidationFailed(f"At most {MAX_ROWS} people per file.", code="too_many_rows")
        return rows
    finally:
        book.close()


def _header_day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def read(content: bytes) -> ReadSheet:
    """The cells of a filled-in template, and a problem for every cell that cannot be read (shift
    names are checked by the caller, who knows the shifts)."""
    rows = _rows(content)
    if not rows or rows[0][:2] != [NUMBER_HEADER, NAME_HEADER]:
        raise ValidationFailed(
            "The first row starts with 工号 and 姓名: use the exported template.", code="not_a_roster"
        )
    problems: list[Problem] = []
    days: list[tuple[int, datetime.date]] = []
    for index, text in enumerate(rows[0][FIRST_DAY_COLUMN - 1 :], start=FIRST_DAY_COLUMN - 1):
        if not text:
            continue
        day, column = _header_day(text), get_column_letter(index + 1)
        if day is None:
            problems.append(Problem(1, column, "invalid_date", "Write the day as YYYY-MM-DD.", text))
        elif day in {known for _, known in days}:
            problems.append(Problem(1, column, "duplicate_date", "This day appears twice.", text))
        else:
            days.append((index, day))
    if not days and not problems:
        raise ValidationFailed("The sheet has no day columns.", code="not_a_roster")
    if days and (max(d for _, d in days) - min(d for _, d in days)).days >= MAX_DAYS:
        raise ValidationFailed(f"A roster file covers at most {MAX_DAYS} days.", code="invalid_range")
    cells: list[SheetCell] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        row = row + [""] * (len(rows[0]) - len(row))
        employee_number = row[0]
        if not employee_number:
            if row[1] != WEEKDAY_LABEL and any(row[index] for index, _ in days):
                problems.append(Problem(number, "A", "employee_number_required", "Fill in the employee number."))
            continue
        if employee_number in seen:
            problems.append(
                Problem(number, "A", "duplicate_employee", f"Already in row {seen[employee_number]}.", employee_number)
            )
            continue
        seen[employee_number] = number
        for index, day in days:
            value = row[index] if index < len(row) else ""
            shift_name = None if value in ("", REST) else value
            cells.append(SheetCell(number, get_column_letter(index + 1), employee_number, day, shift_name))
    return ReadSheet(sorted(day for _, day in days), cells, problems)
