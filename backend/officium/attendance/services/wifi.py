"""Wi-Fi networks of an attendance group (Wi-Fi 打卡): the access points a punch may be made on.

Only a host app (a native wrapper, DingTalk, WeCom) can read the phone's Wi-Fi; a browser cannot, so
a punch carries it only where the host supplies it. A punch whose BSSID is one of its group's counts
as in range, with or without a location. Access points are identified by their BSSID, stored in
lower case; the SSID is the network's name as people see it.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.attendance.models import AttendanceGroup, WifiNetwork
from officium.attendance.permissions import GROUP_MANAGE
from officium.attendance.services.groups import locked_group, remove_from_group, rules_changed
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed

MAX_SSID = 32  # bytes in 802.11; characters here
_BSSID = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")


def normalise_bssid(text: str) -> str | None:
    """aa:bb:cc:dd:ee:ff in lower case (dashes, as Windows writes them, are accepted); None otherwise."""
    value = text.strip().lower().replace("-", ":")
    return value if _BSSID.match(value) else None


def matching(group: AttendanceGroup, bssid: str | None) -> WifiNetwork | None:
    """The group's network with this (normalised) BSSID; the group's networks are prefetched."""
    if not bssid:
        return None
    return next((network for network in group.wifi_networks.all() if network.bssid == bssid), None)


def _cleaned(name: str, ssid: str, bssid: str) -> tuple[str, str, str]:
    normalised = normalise_bssid(bssid)
    problems = [
        {"pointer": f"/{field}", "code": "invalid", "message": message}
        for field, wrong, message in (
            ("name", not name.strip() or len(name.strip()) > 100, "Name the network (at most 100 characters)."),
            ("ssid", not ssid or len(ssid) > MAX_SSID, f"The SSID has 1 to {MAX_SSID} characters."),
            ("bssid", normalised is None, "The BSSID is six pairs of hexadecimal digits: aa:bb:cc:dd:ee:ff."),
        )
        if wrong
    ]
    if problems or normalised is None:
        raise ValidationFailed("The Wi-Fi network is not valid.", code="invalid_wifi", errors=problems)
    return name.strip(), ssid, normalised


def wifi_create(*, actor: Any, group_id: UUID, name: str, ssid: str, bssid: str) -> WifiNetwork:
    permissions.require(actor, GROUP_MANAGE)
    name, ssid, bssid = _cleaned(name, ssid, bssid)
    with transaction.atomic():
        group = locked_group(group_id)
        try:
            with transaction.atomic():
                network = WifiNetwork.objects.create(group=group, name=name, ssid=ssid, bssid=bssid)
        except IntegrityError:
            raise Conflict("The group already has this access point.", code="wifi_taken") from None
        rules_changed(group.pk)
        audit.record(
            action="attendance.wifi.create",
            actor=actor,
            target=network,
            changes={"group": str(group.pk), "name": name, "ssid": ssid, "bssid": bssid},
        )
    return network


def wifi_delete(*, actor: Any, wifi_id: UUID) -> None:
    permissions.require(actor, GROUP_MANAGE)
    with transaction.atomic():
        network = WifiNetwork.objects.filter(pk=wifi_id, group__is_active=True).first()
        if network is None:
            raise NotFound("No such Wi-Fi network.", code="wifi_not_found")
        remove_from_group(
            actor=actor,
            item=network,
            action="attendance.wifi.delete",
            changes={"name": network.name, "bssid": network.bssid},
        )
