"""Reading and writing the organisation's spreadsheets: .xlsx and .csv (UTF-8 with BOM, for Excel).

Columns have Chinese headers (English ones are accepted too), so that HR can fill a sheet exported
from Officium or from another system and import it back.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from officium.core.errors import DomainError, ValidationFailed

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
CSV_BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False


EMPLOYEE_COLUMNS = (
    Column("employee_number", "工号", ("employee number", "employee_number"), required=True),
    Column("name", "姓名", ("name",), required=True),
    Column("department", "部门", ("department",), required=True),
    Column("mobile", "手机", ("mobile", "手机号")),
    Column("email", "邮箱", ("email",)),
    Column("gender", "性别", ("gender",)),
    Column("hire_date", "入职日期", ("hire date", "hire_date")),
    Column("first_work_date", "参加工作日期", ("first work date", "first_work_date")),
    Column("status", "状态", ("status",)),
    Column("job_title", "职务", ("job title", "job_title")),
    Column("positions", "岗位", ("positions",)),
    Column("supervisor", "直属上级工号", ("supervisor", "supervisor number")),
    Column("secondary_departments", "兼职部门", ("secondary departments", "part-time departments")),
)
DEPARTMENT_COLUMNS = (
    Column("code", "部门编码", ("code",), required=True),
    Column("name", "部门名称", ("name",), required=True),
    Column("parent", "上级部门编码", ("parent", "parent code")),
    Column("order", "排序", ("order",)),
    Column("heads", "负责人工号", ("heads", "head numbers")),
)


class UnreadableFile(DomainError):
    status = 400
    code = "unreadable_file"
    title = "The file could not be read as a spreadsheet"


@dataclass(frozen=True)
class Sheet:
    """Rows as {column key: text}, with the spreadsheet row number (headers are row 1)."""

    rows: list[tuple[int, dict[str, str]]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _raw_rows(content: bytes, file_name: str) -> list[list[str]]:
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed(f"Files up to {MAX_FILE_BYTES // 1024 // 1024} MB.", code="file_too_large")
    if file_name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")  # what Excel on a Chinese Windows saves
            except UnicodeDecodeError:
                raise UnreadableFile("Save the CSV as UTF-8.") from None
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    if file_name.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
            raise UnreadableFile(str(error)[:200]) from None
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append([_text(cell) for cell in row])
                if len(rows) > MAX_ROWS + 1:
                    break
            return rows
        finally:
            workbook.close()
    raise UnreadableFile("Upload an .xlsx or a .csv file.", code="unsupported_file_type")


def read(content: bytes, file_name: str, columns: Sequence[Column]) -> Sheet:
    """Map the header row onto `columns` and return the non-empty rows."""
    rows = _raw_rows(content, file_name)
    if not rows:
        raise ValidationFailed("The file is empty.", code="empty_file")
    names = {c.header.lower(): c.key for c in columns} | {a.lower(): c.key for c in columns for a in c.aliases}
    header = [names.get(cell.strip().lower(), "") for cell in rows[0]]
    missing = [c.header for c in columns if c.required and c.key not in header]
    if missing:
        raise ValidationFailed(f"Missing columns: {', '.join(missing)}", code="missing_columns")
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationFailed(f"At most {MAX_ROWS} rows per file.", code="too_many_rows")
    data = []
    for number, cells in enumerate(rows[1:], start=2):
        values = {key: cells[index] if index < len(cells) else "" for index, key in enumerate(header) if key}
        if any(values.values()):
            data.append((number, values))
    return Sheet(data)


def write(columns: Sequence[Column], rows: Iterable[dict[str, str]], file_format: str) -> bytes:
    headers = [column.header for column in columns]
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(column.key, "") for column in columns])
        return (CSV_BOM + buffer.getvalue()).encode("utf-8")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(column.key, "") for column in columns])
    buffer_bytes = io.BytesIO()
    workbook.save(buffer_bytes)
    return buffer_bytes.getvalue()


def split_list(value: str) -> list[str]:
    """Several values in one cell: separated by commas, 、 or semicolons."""
    for separator in ("、", "；", ";", "，"):
        value = value.replace(separator, ",")
    return [part.strip() for part in value.split(",") if part.strip()]
