"""Valid inputs for every API operation, used by the authorization matrix.

Each operation that takes path parameters or a body needs an entry here: a new endpoint without
one fails the matrix, so no operation escapes the permission check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from officium.accounts.models import User


@dataclass(frozen=True)
class Example:
    path_params: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    query: dict[str, Any] = field(default_factory=dict)


Factory = Callable[[dict[str, User], User | None], Example]

EXAMPLES: dict[str, Factory] = {
    "update_me": lambda people, actor: Example(body={"display_name": "Matrix"}),
    "get_directory_user": lambda people, actor: Example(path_params={"user_id": people["employee"].pk}),
    "verify_audit_chain": lambda people, actor: Example(),
}
