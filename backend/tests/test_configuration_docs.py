"""Every OFFICIUM_* variable the code reads is documented in docs/configuration.md and .env.example."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((REPO / "backend" / "officium").rglob("*.py"))]
READ_PATTERNS = (
    re.compile(r"""(?:ENV|env)\.(?:text|flag|integer|items|choice|raw)\(\s*"([A-Z_]+)\""""),
    re.compile(r"""os\.environ\.get\(\s*"OFFICIUM_([A-Z_]+)\""""),
)


def variables_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        for pattern in READ_PATTERNS:
            names |= {f"OFFICIUM_{name}" for name in pattern.findall(text)}
    return names


def test_the_scan_finds_the_core_variables() -> None:
    assert {"OFFICIUM_DATABASE_URL", "OFFICIUM_REDIS_URL", "OFFICIUM_ENVIRONMENT", "OFFICIUM_PORT"} <= (
        variables_read_by_the_code()
    )


def test_every_variable_is_documented() -> None:
    documented = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    missing_in_docs = sorted(name for name in variables_read_by_the_code() if f"`{name}" not in documented)
    missing_in_example = sorted(name for name in variables_read_by_the_code() if f"{name}=" not in example)
    assert missing_in_docs == []
    assert missing_in_example == []
