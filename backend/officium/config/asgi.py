"""ASGI entry point: HTTP through Django (punches at the peak through their lane first), websockets through
Channels, and the lifespan start-up."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officium.config.settings.production")
django.setup(set_prefix=False)

from officium.config.http_handler import PooledThreadASGIHandler  # noqa: E402  (needs Django set up first)

django_asgi_app = PooledThreadASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from officium.attendance.api.lane import PunchLane  # noqa: E402
from officium.config.routing import websocket_urlpatterns  # noqa: E402
from officium.core import realtime  # noqa: E402
from officium.documents import rooms  # noqa: E402

Scope = dict[str, Any]


class Lifespan:
    """Answers ASGI lifespan messages and remembers the server's event loop for the embedded worker."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                realtime.record_server_loop(asyncio.get_running_loop())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                # Open documents write what they hold and a snapshot before the process ends.
                await rooms.registry().close_all()
                await send({"type": "lifespan.shutdown.complete"})
                return


application = Lifespan(
    ProtocolTypeRouter(
        {
            "http": PunchLane(django_asgi_app),
            "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        }
    )
)
