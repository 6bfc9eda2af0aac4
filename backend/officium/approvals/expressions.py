"""Conditions and formulas in CEL (Common Expression Language): user input, never Python's `eval`.

Expressions see the form's values by field id (money and numbers as numbers, tables as lists of row
maps) and `submitter` (department, department path, roles, positions). Extra functions: `sum(list)`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import cel

MAX_LENGTH = 2000


class ExpressionError(ValueError):
    """The expression does not parse, or fails when evaluated (unknown name, wrong types)."""


def _sum(values: Any) -> float:
    return float(sum(float(value) for value in values))


@lru_cache(maxsize=1024)
def _compiled(expression: str) -> Any:
    if len(expression) > MAX_LENGTH:
        raise ExpressionError(f"An expression has at most {MAX_LENGTH} characters.")
    try:
        return cel.compile(expression)
    except (ValueError, RuntimeError) as error:
        raise ExpressionError(str(error).splitlines()[0]) from None


def check(expression: str) -> None:
    """Raise ExpressionError unless the expression parses."""
    _compiled(expression)


def evaluate(expression: str, variables: dict[str, Any]) -> Any:
    context = cel.Context(variables)
    context.add_function("sum", _sum)
    try:
        return _compiled(expression).execute(context)
    except (ValueError, RuntimeError, TypeError) as error:
        raise ExpressionError(str(error).splitlines()[0]) from None


def truthy(expression: str, variables: dict[str, Any]) -> bool:
    """A condition: must evaluate to a boolean."""
    result = evaluate(expression, variables)
    if not isinstance(result, bool):
        raise ExpressionError(f"A condition must be true or false, not {type(result).__name__}.")
    return result
