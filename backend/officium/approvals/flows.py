"""Flow definitions: a tree of nodes (not free BPMN), its validation, and where each node sits in it.

`{"nodes": [node, ...]}` is a sequence. A node is an approver, handler or CC node, a condition group
(`branches`, the first whose condition holds wins, the last one is the default) or a parallel group
(all branches run, joined before what follows). Branches hold sequences of their own, to any depth.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from officium.approvals import expressions
from officium.approvals.expressions import ExpressionError

TASK_NODES = {"approver", "handler"}
NODE_TYPES = TASK_NODES | {"cc", "condition", "parallel"}
GROUPS = {"condition", "parallel"}
MODES = {"sequential", "all", "any", "ratio"}
SOURCES = {
    "members",
    "role",
    "position",
    "supervisor",
    "continuous_supervisors",
    "department_head",
    "submitter_selected",
    "form_field",
    "submitter",
    "previous_approver",
}
FIELD_PERMISSIONS = {"hidden", "read", "edit"}
ON_EMPTY = {"auto_approve", "admin", "person"}
ON_SELF = {"approve", "skip", "supervisor", "department_head"}
TIMEOUT_THEN = {"none", "auto_approve", "auto_reject", "escalate"}


@dataclass(frozen=True)
class FlowProblem:
    pointer: str
    message: str


@dataclass(frozen=True)
class Frame:
    """A group and the branch a node sits in."""

    group: str
    branch: str


@dataclass(frozen=True)
class Place:
    """Where a node sits: its enclosing frames (outermost first), its sequence and index in it."""

    frames: tuple[Frame, ...]
    sequence: tuple[str, ...]
    index: int


class Flow:
    """A validated flow definition with an index of every node's place."""

    def __init__(self, definition: Mapping[str, Any]) -> None:
        self.definition = definition
        self.nodes: dict[str, dict[str, Any]] = {}
        self.branches: dict[str, dict[str, Any]] = {}
        self.places: dict[str, Place] = {}
        self._index(list(definition.get("nodes", [])), ())

    def _index(self, sequence: list[dict[str, Any]], frames: tuple[Frame, ...]) -> None:
        ids = tuple(node["id"] for node in sequence)
        for position, node in enumerate(sequence):
            self.nodes[node["id"]] = node
            self.places[node["id"]] = Place(frames, ids, position)
            for branch in node.get("branches", []):
                self.branches[branch["id"]] = branch
                self._index(list(branch.get("nodes", [])), (*frames, Frame(node["id"], branch["id"])))

    @property
    def top(self) -> list[dict[str, Any]]:
        return list(self.definition.get("nodes", []))

    def sequence_of(self, frames: tuple[Frame, ...]) -> list[dict[str, Any]]:
        if not frames:
            return self.top
        return list(self.branches[frames[-1].branch].get("nodes", []))

    def task_nodes(self) -> Iterator[dict[str, Any]]:
        return (node for node in self.nodes.values() if node["type"] in TASK_NODES)

    def encloses(self, outer: tuple[Frame, ...], inner: tuple[Frame, ...]) -> bool:
        return inner[: len(outer)] == outer

    def common_frames(self, first: str, second: str) -> tuple[Frame, ...]:
        """The innermost frames both nodes share (the smallest sequence that contains both)."""
        a, b = self.places[first].frames, self.places[second].frames
        shared = []
        for left, right in zip(a, b, strict=False):
            if left != right:
                break
            shared.append(left)
        return tuple(shared)

    def precedes(self, earlier: str, later: str) -> bool:
        """Whether `earlier` runs before `later` on every route that reaches both (a return may target it)."""
        frames = self.common_frames(earlier, later)
        depth = len(frames)

        def position(node_id: str) -> int:
            place = self.places[node_id]
            # The index, in the shared sequence, of the element that contains the node.
            anchor = place.frames[depth].group if len(place.frames) > depth else node_id
            return self.places[anchor].index

        # Equal positions mean different branches of one group: neither precedes the other.
        return position(earlier) < position(later)


def check(definition: Mapping[str, Any], form_fields: Mapping[str, Mapping[str, Any]]) -> list[FlowProblem]:
    """Every problem that prevents publishing, each with a pointer into the definition."""
    problems: list[FlowProblem] = []
    nodes = definition.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        return [FlowProblem("/nodes", "A flow has at least one node.")]
    seen: set[str] = set()
    _check_sequence(nodes, "/nodes", seen, form_fields, problems)
    if not problems and not any(True for _ in Flow(definition).task_nodes()):
        problems.append(FlowProblem("/nodes", "A flow needs at least one approver or handler node."))
    return problems


def _check_sequence(
    nodes: list[Any], pointer: str, seen: set[str], fields: Mapping[str, Mapping[str, Any]], problems: list[FlowProblem]
) -> None:
    for index, node in enumerate(nodes):
        where = f"{pointer}/{index}"
        if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not node["id"]:
            problems.append(FlowProblem(where, "Every node has an id."))
            continue
        if node["id"] in seen:
            problems.append(FlowProblem(where, f"Two nodes are called {node['id']}."))
        seen.add(node["id"])
        kind = node.get("type")
        if kind not in NODE_TYPES:
            problems.append(FlowProblem(where, f"Unknown node type {kind!r}."))
        elif kind in TASK_NODES:
            _check_task_node(node, where, fields, problems)
        elif kind == "cc":
            _check_sources(node.get("recipients"), f"{where}/recipients", fields, problems, "CC node")
        else:
            _check_group(node, where, seen, fields, problems)


def _check_task_node(
    node: dict[str, Any], where: str, fields: Mapping[str, Mapping[str, Any]], problems: list[FlowProblem]
) -> None:
    _check_sources(node.get("approvers"), f"{where}/approvers", fields, problems, "approver node")
    mode = node.get("mode", "any")
    if mode not in MODES:
        problems.append(FlowProblem(f"{where}/mode", f"Unknown mode {mode!r}."))
    if mode == "ratio":
        ratio = node.get("ratio")
        if not isinstance(ratio, int | float) or not 0 < ratio <= 1:
            problems.append(FlowProblem(f"{where}/ratio", "A pass ratio is between 0 and 1."))
    if node.get("on_empty", {"action": "auto_approve"}).get("action") not in ON_EMPTY:
        problems.append(FlowProblem(f"{where}/on_empty", "Unknown rule for an empty approver list."))
    if node.get("on_self", "approve") not in ON_SELF:
        problems.append(FlowProblem(f"{where}/on_self", "Unknown rule for the submitter as approver."))
    for field_id, permission in (node.get("field_permissions") or {}).items():
        if field_id not in fields:
            problems.append(FlowProblem(f"{where}/field_permissions/{field_id}", f"No field {field_id}."))
        elif permission not in FIELD_PERMISSIONS:
            problems.append(FlowProblem(f"{where}/field_permissions/{field_id}", "hidden, read or edit."))
    timeout = node.get("timeout")
    if timeout:
        hours = timeout.get("hours")
        if not isinstance(hours, int | float) or not 1 <= hours <= 720:
            problems.append(FlowProblem(f"{where}/timeout/hours", "A time limit is 1 to 720 hours."))
        if timeout.get("then", "none") not in TIMEOUT_THEN:
            problems.append(FlowProblem(f"{where}/timeout/then", "Unknown timeout action."))
        every = timeout.get("remind_every_hours")
        if every is not None and (not isinstance(every, int | float) or not 1 <= every <= 720):
            problems.append(
                FlowProblem(f"{where}/timeout/remind_every_hours", "Reminders repeat every 1 to 720 hours.")
            )


def _check_sources(
    sources: Any, where: str, fields: Mapping[str, Mapping[str, Any]], problems: list[FlowProblem], what: str
) -> None:
    if not isinstance(sources, list) or not sources:
        problems.append(FlowProblem(where, f"This {what} names nobody: add approvers."))
        return
    for index, source in enumerate(sources):
        at = f"{where}/{index}"
        kind = source.get("type") if isinstance(source, dict) else None
        if kind not in SOURCES:
            problems.append(FlowProblem(at, f"Unknown approver source {kind!r}."))
        elif kind == "members" and not source.get("employees"):
            problems.append(FlowProblem(at, "Choose at least one person."))
        elif kind == "form_field":
            target = str(source.get("field", "")).split(".")[0]
            spec = fields.get(target)
            if spec is None:
                problems.append(FlowProblem(at, f"No field {target}."))
            elif spec["type"] not in ("person", "table"):
                problems.append(FlowProblem(at, f"{target} is not a person field."))
        elif kind in ("supervisor", "continuous_supervisors"):
            level = source.get("level", 1 if kind == "supervisor" else source.get("up_to_level", 0))
            if not source.get("up_to_role") and (not isinstance(level, int) or not 1 <= level <= 20):
                problems.append(FlowProblem(at, "A supervisor level is 1 to 20."))


def _check_group(
    node: dict[str, Any],
    where: str,
    seen: set[str],
    fields: Mapping[str, Mapping[str, Any]],
    problems: list[FlowProblem],
) -> None:
    branches = node.get("branches")
    if not isinstance(branches, list) or len(branches) < 2:
        problems.append(FlowProblem(f"{where}/branches", "A branch group has at least two branches."))
        return
    defaults = [i for i, b in enumerate(branches) if isinstance(b, dict) and b.get("default")]
    if node["type"] == "condition":
        if len(defaults) != 1 or defaults[0] != len(branches) - 1:
            problems.append(FlowProblem(f"{where}/branches", "The last branch, and only it, is the default."))
    elif defaults:
        problems.append(FlowProblem(f"{where}/branches", "Parallel branches have no default."))
    for index, branch in enumerate(branches):
        at = f"{where}/branches/{index}"
        if not isinstance(branch, dict) or not isinstance(branch.get("id"), str) or not branch["id"]:
            problems.append(FlowProblem(at, "Every branch has an id."))
            continue
        if branch["id"] in seen:
            problems.append(FlowProblem(at, f"Two branches or nodes are called {branch['id']}."))
        seen.add(branch["id"])
        if node["type"] == "condition" and not branch.get("default"):
            condition = branch.get("condition")
            if not isinstance(condition, str) or not condition.strip():
                problems.append(FlowProblem(f"{at}/condition", "A branch needs a condition."))
            else:
                try:
                    expressions.check(condition)
                except ExpressionError as error:
                    problems.append(FlowProblem(f"{at}/condition", f"Expression error: {error}"))
        nodes = branch.get("nodes")
        if not isinstance(nodes, list) or not nodes:
            if node["type"] == "parallel" or not branch.get("default"):
                problems.append(FlowProblem(f"{at}/nodes", "This branch is empty."))
            continue
        _check_sequence(nodes, f"{at}/nodes", seen, fields, problems)
