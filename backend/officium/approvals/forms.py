"""Form definitions (the designer's output) and form data (what people fill in), checked on the server.

A definition is `{"fields": [field, ...]}`; a field is `{"id", "type", "label", ...options}`. The same
definition renders on the phone and is validated here: the server is the authority. Values that the
server derives (formulas, durations, serial numbers) are always recomputed here, never trusted.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import cn2an

from officium.approvals import expressions
from officium.approvals.expressions import ExpressionError

FIELD_ID = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
MOBILE = re.compile(r"^(\+?86)?1\d{10}$|^\+[1-9]\d{6,14}$")
ID_NUMBER = re.compile(r"^\d{17}[\dXx]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

VALUE_TYPES = {
    "text",
    "textarea",
    "number",
    "money",
    "select",
    "multiselect",
    "date",
    "datetime",
    "daterange",
    "person",
    "department",
    "attachment",
    "image",
    "table",
    "formula",
    "serial",
    "related",
    "location",
    "phone",
    "id_number",
}
TYPES = VALUE_TYPES | {"description"}
# Values computed by the server, never taken from the client.
DERIVED = {"formula", "serial"}
REFERENCE_TYPES = {
    "person": "employees",
    "department": "departments",
    "attachment": "attachments",
    "image": "attachments",
    "related": "instances",
}
MAX_FIELDS = 200
# The halves of a day in a half-day range, in order.
HALVES = {"am": 0, "pm": 1}
MAX_ROWS = 500
MAX_TEXT = 20_000


class DefinitionError(ValueError):
    """A form definition the designer must fix; `pointer` names the field."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer


@dataclass(frozen=True)
class Problem:
    pointer: str  # JSON pointer into the form data, e.g. "/items/0/amount"
    code: str
    message: str


@dataclass
class Result:
    """Cleaned values, and the problems found (the form is valid when there are none)."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# --- definitions ----------------------------------------------------------------------------------
def check_definition(definition: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Validate a form definition; returns its fields. Raises DefinitionError with a pointer."""
    fields = definition.get("fields")
    if not isinstance(fields, list) or not fields:
        raise DefinitionError("/fields", "A form has at least one field.")
    if len(fields) > MAX_FIELDS:
        raise DefinitionError("/fields", f"A form has at most {MAX_FIELDS} fields.")
    _check_fields(fields, "/fields", nested=False)
    return fields


def _check_fields(fields: list[Any], pointer: str, *, nested: bool) -> None:
    seen: set[str] = set()
    for index, spec in enumerate(fields):
        where = f"{pointer}/{index}"
        if not isinstance(spec, dict):
            raise DefinitionError(where, "A field is an object.")
        field_id, kind = spec.get("id"), spec.get("type")
        if not isinstance(field_id, str) or not FIELD_ID.match(field_id):
            raise DefinitionError(where, "Field ids are lower-case letters, digits and _ (starting with a letter).")
        if field_id in seen:
            raise DefinitionError(where, f"Two fields are called {field_id}.")
        seen.add(field_id)
        if kind not in TYPES:
            raise DefinitionError(where, f"Unknown field type {kind!r}.")
        if not isinstance(spec.get("label", ""), str) or not spec.get("label"):
            raise DefinitionError(where, "Every field has a label.")
        if kind == "table":
            if nested:
                raise DefinitionError(where, "A detail table cannot contain another table.")
            columns = spec.get("columns")
            if not isinstance(columns, list) or not columns:
                raise DefinitionError(where, "A detail table has columns.")
            _check_fields(columns, f"{where}/columns", nested=True)
        if kind in ("select", "multiselect"):
            options = spec.get("options")
            if (
                not isinstance(options, list)
                or not options
                or not all(isinstance(o, dict) and isinstance(o.get("value"), str) for o in options)
            ):
                raise DefinitionError(where, "A choice field lists its options as {value, label}.")
        if kind == "formula":
            _check_expression(spec.get("expression"), where, "A formula needs an expression.")
        if kind == "serial" and not isinstance(spec.get("prefix", ""), str):
            raise DefinitionError(where, "A serial number's prefix is text.")
        if spec.get("visible_if"):
            _check_expression(spec["visible_if"], where, "")
        if spec.get("pattern"):
            try:
                re.compile(spec["pattern"])
            except re.error:
                raise DefinitionError(where, "The pattern is not a valid regular expression.") from None


def _check_expression(expression: Any, where: str, missing: str) -> None:
    if not isinstance(expression, str) or not expression.strip():
        raise DefinitionError(where, missing or "An expression is text.")
    try:
        expressions.check(expression)
    except ExpressionError as error:
        raise DefinitionError(where, f"Expression error: {error}") from None


def field_ids(definition: Mapping[str, Any]) -> list[str]:
    return [spec["id"] for spec in definition.get("fields", [])]


def fields_by_id(definition: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {spec["id"]: spec for spec in definition.get("fields", [])}


# --- values ---------------------------------------------------------------------------------------
def money(value: Any, decimals: int = 2) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def money_in_words(amount: Decimal | str) -> str:
    """The upper-case Chinese amount printed on vouchers: 12345.6 → 壹万贰仟叁佰肆拾伍元陆角."""
    amount = Decimal(str(amount))
    words: str = cn2an.an2cn(str(abs(amount)), "rmb")
    if words.endswith("元"):
        words += "整"
    return ("负" if amount < 0 else "") + words


def valid_id_number(value: str) -> bool:
    """A mainland resident ID: 18 characters with the ISO 7064 checksum."""
    if not ID_NUMBER.match(value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17].upper()


def expression_variables(definition: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The form values as CEL sees them: numbers as numbers, everything else as JSON."""
    variables: dict[str, Any] = {}
    for spec in definition.get("fields", []):
        if spec["type"] == "description":
            continue
        variables[spec["id"]] = _for_expression(spec, values.get(spec["id"]))
    return variables


def _for_expression(spec: Mapping[str, Any], value: Any) -> Any:
    kind = spec["type"]
    if kind in ("money", "number", "formula"):
        return float(value) if value not in (None, "") else 0.0
    if kind == "table":
        columns = {column["id"]: column for column in spec.get("columns", [])}
        return [
            {key: _for_expression(columns[key], cell) for key, cell in row.items() if key in columns}
            for row in (value or [])
        ]
    if kind == "daterange":
        return value or {"start": "", "end": "", "duration": 0.0}
    if kind in ("multiselect", "person", "department", "attachment", "image", "related"):
        return list(value or [])
    return value if value is not None else ""


@dataclass
class Clean:
    """Checks submitted values against a definition, gathering every problem with its pointer."""

    definition: Mapping[str, Any]
    context: dict[str, Any]  # extra CEL variables (submitter)
    result: Result = field(default_factory=Result)

    def run(self, data: Any, *, editable: Iterable[str] | None = None) -> Result:
        """`editable`: the field ids this person may write (None: every field)."""
        if not isinstance(data, Mapping):
            self.problem("", "invalid_form", "The form data is an object.")
            return self.result
        fields = self.definition.get("fields", [])
        known = {spec["id"] for spec in fields}
        for unknown in sorted(set(data) - known):
            self.problem(f"/{unknown}", "unknown_field", f"There is no field {unknown}.")
        allowed = set(known if editable is None else editable)
        values: dict[str, Any] = {}
        for spec in fields:
            if spec["type"] in VALUE_TYPES - DERIVED:
                raw = data.get(spec["id"])
                if editable is not None and spec["id"] not in allowed and spec["id"] in data:
                    self.problem(f"/{spec['id']}", "read_only_field", "You cannot change this field.")
                values[spec["id"]] = self.value(spec, raw, f"/{spec['id']}")
        self._derive(fields, values)
        visible = self._visible(fields, values)
        for spec in fields:
            field_id = spec["id"]
            if field_id not in visible:
                values.pop(field_id, None)
                self.result.problems = [
                    p
                    for p in self.result.problems
                    if p.pointer != f"/{field_id}" and not p.pointer.startswith(f"/{field_id}/")
                ]
            elif (
                spec.get("required")
                and spec["type"] not in DERIVED
                and _empty(values.get(field_id))
                and (editable is None or field_id in allowed)
                and not any(p.pointer == f"/{field_id}" for p in self.result.problems)
            ):
                self.problem(f"/{field_id}", "required", f"{spec['label']} is required.")
        self.result.values = {key: value for key, value in values.items() if value not in (None, "", [])}
        return self.result

    def problem(self, pointer: str, code: str, message: str) -> None:
        self.result.problems.append(Problem(pointer, code, message))

    def value(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> Any:
        if _empty(raw):
            return None
        kind = spec["type"]
        checker = getattr(self, f"_{kind}", None)
        return checker(spec, raw, pointer) if checker else None

    # one method per type --------------------------------------------------------------------------
    def _text(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> str | None:
        if not isinstance(raw, str):
            self.problem(pointer, "invalid_type", "Text expected.")
            return None
        text = raw.strip()
        limit = min(int(spec.get("max_length", MAX_TEXT)), MAX_TEXT)
        if len(text) > limit:
            self.problem(pointer, "too_long", f"At most {limit} characters.")
        if len(text) < int(spec.get("min_length", 0)):
            self.problem(pointer, "too_short", f"At least {spec['min_length']} characters.")
        if spec.get("pattern") and not re.fullmatch(spec["pattern"], text):
            self.problem(pointer, "pattern_mismatch", spec.get("pattern_message") or "The format is not right.")
        return text

    _textarea = _text

    def _number(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> Any:
        try:
            if isinstance(raw, bool):
                raise InvalidOperation
            number = Decimal(str(raw))
            if not number.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.problem(pointer, "invalid_number", "A number is expected.")
            return None
        self._bounds(spec, number, pointer)
        decimals = int(spec.get("decimals", 2 if spec["type"] == "money" else 0))
        rounded = money(number, decimals)
        return str(rounded) if spec["type"] == "money" or decimals else int(rounded)

    _money = _number

    def _bounds(self, spec: Mapping[str, Any], number: Decimal, pointer: str) -> None:
        if spec.get("min") is not None and number < Decimal(str(spec["min"])):
            self.problem(pointer, "too_small", f"At least {spec['min']}.")
        if spec.get("max") is not None and number > Decimal(str(spec["max"])):
            self.problem(pointer, "too_large", f"At most {spec['max']}.")

    def _select(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> str | None:
        options = {option["value"] for option in spec.get("options", [])}
        if raw not in options:
            self.problem(pointer, "invalid_choice", "Choose one of the options.")
            return None
        return str(raw)

    def _multiselect(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> list[str] | None:
        options = {option["value"] for option in spec.get("options", [])}
        if not isinstance(raw, list) or not all(isinstance(v, str) and v in options for v in raw):
            self.problem(pointer, "invalid_choice", "Choose among the options.")
            return None
        return list(dict.fromkeys(raw))

    def _date(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> str | None:
        try:
            return datetime.date.fromisoformat(str(raw)).isoformat()
        except ValueError:
            self.problem(pointer, "invalid_date", "A date like 2026-11-25 is expected.")
            return None

    def _datetime(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> str | None:
        try:
            moment = datetime.datetime.fromisoformat(str(raw))
        except ValueError:
            self.problem(pointer, "invalid_datetime", "A date and time like 2026-11-25T09:30:00+08:00 is expected.")
            return None
        if moment.tzinfo is None:
            self.problem(pointer, "invalid_datetime", "Give the time zone (…+08:00).")
            return None
        return moment.isoformat()

    def _daterange(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> dict[str, Any] | None:
        if not isinstance(raw, Mapping) or "start" not in raw or "end" not in raw:
            self.problem(pointer, "invalid_range", "A range has a start and an end.")
            return None
        if spec.get("unit") == "half_day":
            return self._half_days(spec, raw, pointer)
        with_time = spec.get("unit") == "hour"
        parse = self._datetime if with_time else self._date
        start, end = parse(spec, raw["start"], f"{pointer}/start"), parse(spec, raw["end"], f"{pointer}/end")
        if start is None or end is None:
            return None
        if with_time:
            seconds = (datetime.datetime.fromisoformat(end) - datetime.datetime.fromisoformat(start)).total_seconds()
            duration = Decimal(seconds / 3600)
        else:
            duration = Decimal((datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days + 1)
        if duration <= 0:
            self.problem(pointer, "invalid_range", "The end comes after the start.")
            return None
        return {"start": start, "end": end, "duration": float(money(duration, 1))}

    def _half_days(self, spec: Mapping[str, Any], raw: Mapping[str, Any], pointer: str) -> dict[str, Any] | None:
        """Days and halves (上午 am / 下午 pm): 23 November pm to 24 November am is one day."""
        start, end = self._date(spec, raw["start"], f"{pointer}/start"), self._date(spec, raw["end"], f"{pointer}/end")
        start_half, end_half = str(raw.get("start_half")), str(raw.get("end_half"))
        for key, half in (("start_half", start_half), ("end_half", end_half)):
            if half not in HALVES:
                self.problem(f"{pointer}/{key}", "invalid_range", "Say am (上午) or pm (下午).")
        if start is None or end is None or start_half not in HALVES or end_half not in HALVES:
            return None
        days = (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days
        count = days * 2 + HALVES[end_half] - HALVES[start_half] + 1
        if count <= 0:
            self.problem(pointer, "invalid_range", "The end comes after the start.")
            return None
        return {"start": start, "start_half": start_half, "end": end, "end_half": end_half, "duration": count / 2}

    def _references(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> list[str] | None:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(item, str) and _is_uuid(item) for item in raw):
            self.problem(pointer, "invalid_reference", "A list of ids is expected.")
            return None
        if not spec.get("multiple", spec["type"] in ("attachment", "image", "related")) and len(raw) > 1:
            self.problem(pointer, "too_many", "Choose one.")
        if len(raw) > int(spec.get("max_items", 50)):
            self.problem(pointer, "too_many", f"At most {spec.get('max_items', 50)}.")
        return list(dict.fromkeys(raw))

    _person = _department = _attachment = _image = _related = _references

    def _location(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> dict[str, Any] | None:
        try:
            latitude, longitude = float(raw["lat"]), float(raw["lng"])
        except (TypeError, KeyError, ValueError):
            self.problem(pointer, "invalid_location", "A location has lat and lng.")
            return None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.problem(pointer, "invalid_location", "The coordinates are out of range.")
            return None
        return {"lat": latitude, "lng": longitude, "address": str(raw.get("address", ""))[:300]}

    def _phone(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> str | None:
        text = re.sub(r"[\s-]", "", str(raw))
        if not MOBILE.match(text):
            self.problem(pointer, "invalid_phone", "A mobile number is expected.")
            return None
        return text

    def _id_number(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> str | None:
        text = str(raw).strip().upper()
        if not valid_id_number(text):
            self.problem(pointer, "invalid_id_number", "This ID number is not valid.")
            return None
        return text

    def _table(self, spec: Mapping[str, Any], raw: Any, pointer: str) -> list[dict[str, Any]] | None:
        if not isinstance(raw, list) or not all(isinstance(row, Mapping) for row in raw):
            self.problem(pointer, "invalid_table", "Rows are expected.")
            return None
        limit = min(int(spec.get("max_rows", MAX_ROWS)), MAX_ROWS)
        if len(raw) > limit:
            self.problem(pointer, "too_many", f"At most {limit} rows.")
            return None
        if len(raw) < int(spec.get("min_rows", 0)):
            self.problem(pointer, "too_few", f"At least {spec['min_rows']} rows.")
        columns = spec.get("columns", [])
        known = {column["id"] for column in columns}
        rows = []
        for index, row in enumerate(raw):
            for unknown in sorted(set(row) - known):
                self.problem(f"{pointer}/{index}/{unknown}", "unknown_field", f"There is no column {unknown}.")
            cleaned = {}
            for column in columns:
                if column["type"] in DERIVED or column["type"] == "description":
                    continue
                cell = self.value(column, row.get(column["id"]), f"{pointer}/{index}/{column['id']}")
                if column.get("required") and _empty(cell):
                    self.problem(f"{pointer}/{index}/{column['id']}", "required", f"{column['label']} is required.")
                if not _empty(cell):
                    cleaned[column["id"]] = cell
            rows.append(cleaned)
        return rows

    # derived values and visibility ---------------------------------------------------------------
    def _derive(self, fields: list[dict[str, Any]], values: dict[str, Any]) -> None:
        for spec in fields:
            if spec["type"] == "formula":
                variables = {**self.context, **expression_variables(self.definition, values)}
                try:
                    result = expressions.evaluate(spec["expression"], variables)
                    values[spec["id"]] = str(money(result, int(spec.get("decimals", 2))))
                except (ExpressionError, InvalidOperation, ValueError, TypeError) as error:
                    self.problem(f"/{spec['id']}", "formula_error", f"{spec['label']}: {error}")
            elif spec["type"] == "table" and spec.get("totals"):
                rows = values.get(spec["id"]) or []
                values[f"{spec['id']}__totals"] = {
                    column: str(sum((Decimal(str(row.get(column, 0) or 0)) for row in rows), Decimal(0)))
                    for column in spec["totals"]
                }

    def _visible(self, fields: list[dict[str, Any]], values: dict[str, Any]) -> set[str]:
        variables = {**self.context, **expression_variables(self.definition, values)}
        visible = set()
        for spec in fields:
            condition = spec.get("visible_if")
            if not condition:
                visible.add(spec["id"])
                continue
            try:
                if expressions.truthy(condition, variables):
                    visible.add(spec["id"])
            except ExpressionError:
                visible.add(spec["id"])  # a broken condition shows the field rather than hiding data
        return visible


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def clean(
    definition: Mapping[str, Any],
    data: Mapping[str, Any],
    *,
    context: dict[str, Any] | None = None,
    editable: Iterable[str] | None = None,
) -> Result:
    return Clean(definition, dict(context or {})).run(data, editable=editable)


def references(definition: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, set[str]]:
    """Ids the values point to, by kind (employees, departments, attachments, instances), tables included."""
    found: dict[str, set[str]] = {kind: set() for kind in set(REFERENCE_TYPES.values())}

    def visit(specs: list[dict[str, Any]], row: Mapping[str, Any]) -> None:
        for spec in specs:
            if spec["type"] in REFERENCE_TYPES:
                found[REFERENCE_TYPES[spec["type"]]] |= set(row.get(spec["id"]) or [])
            elif spec["type"] == "table":
                for item in row.get(spec["id"]) or []:
                    visit(spec.get("columns", []), item)

    visit(list(definition.get("fields", [])), values)
    return found
