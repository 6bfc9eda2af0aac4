"""Who reports to whom (汇报上级): the rules, as pure functions over a snapshot of the tree.

A person's supervisor is the one HR set explicitly, if that person is still active; otherwise the
first head of their main department; when they are one of that department's heads (or it has none),
the first head of the nearest ancestor department that has heads and is not headed by them. The
services store the result as `Employee.effective_supervisor`, so the N-th supervisor is a walk along
stored links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class TreeSnapshot:
    """The department tree and its active heads, as the rules need them."""

    parent_of: Mapping[UUID, UUID | None]
    heads_of: Mapping[UUID, Sequence[UUID]]


def head_for(employee_id: UUID, department_id: UUID | None, tree: TreeSnapshot) -> UUID | None:
    """The first head of the nearest department, from the employee's own upwards, that has heads and
    is not headed by the employee (co-heads never report to each other)."""
    seen: set[UUID] = set()
    while department_id is not None and department_id not in seen:
        seen.add(department_id)
        heads = tree.heads_of.get(department_id, ())
        if heads and employee_id not in heads:
            return heads[0]
        department_id = tree.parent_of.get(department_id)
    return None


def effective_supervisor(
    *,
    employee_id: UUID,
    department_id: UUID,
    explicit_supervisor_id: UUID | None,
    active: Iterable[UUID] | set[UUID],
    tree: TreeSnapshot,
) -> UUID | None:
    if explicit_supervisor_id not in (None, employee_id) and explicit_supervisor_id in active:
        return explicit_supervisor_id
    return head_for(employee_id, department_id, tree)


def chain(links: Mapping[UUID, UUID | None], start: UUID, levels: int) -> list[UUID]:
    """Up to `levels` supervisors above `start`, nearest first; stops at the top or at a repeat."""
    found: list[UUID] = []
    seen = {start}
    current = links.get(start)
    while current is not None and len(found) < levels and current not in seen:
        found.append(current)
        seen.add(current)
        current = links.get(current)
    return found


def find_cycle(links: Mapping[UUID, UUID | None], starts: Iterable[UUID]) -> list[UUID] | None:
    """A reporting loop reachable from any of `starts`, as the people in it; None when there is none."""
    settled: set[UUID] = set()
    for start in starts:
        path: list[UUID] = []
        on_path: dict[UUID, int] = {}
        current: UUID | None = start
        while current is not None and current not in settled:
            if current in on_path:
                return path[on_path[current] :]
            on_path[current] = len(path)
            path.append(current)
            current = links.get(current)
        settled.update(path)
    return None
