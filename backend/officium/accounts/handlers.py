"""Reactions to account events."""

from __future__ import annotations

from officium.accounts.events import ProfileUpdated
from officium.core import realtime
from officium.core.events import subscribe


@subscribe(ProfileUpdated)
def refresh_profile_in_open_apps(event: ProfileUpdated) -> None:
    realtime.send_to_user(event.user_id, {"type": "changed", "topics": ["me"]})
