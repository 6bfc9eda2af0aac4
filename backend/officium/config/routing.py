"""Websocket routes."""

from django.urls import path

from officium.core.realtime import UserEventsConsumer
from officium.documents.consumers import DocumentSyncConsumer

websocket_urlpatterns = [
    path("ws/", UserEventsConsumer.as_asgi()),
    path("ws/documents/<str:document_id>/", DocumentSyncConsumer.as_asgi()),
]
