"""Websocket routes."""

from django.urls import path, re_path

from officium.core.realtime import UserEventsConsumer
from officium.documents.consumers import DocumentSyncConsumer

websocket_urlpatterns = [
    path("ws/", UserEventsConsumer.as_asgi()),
    # The y-websocket client appends the room name to its server URL: with or without a final slash.
    re_path(r"^ws/documents/(?P<document_id>[0-9a-fA-F-]{32,36})/?$", DocumentSyncConsumer.as_asgi()),
]
