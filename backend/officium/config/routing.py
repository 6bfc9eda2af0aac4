"""Websocket routes."""

from django.urls import path

from officium.core.realtime import UserEventsConsumer

websocket_urlpatterns = [path("ws/", UserEventsConsumer.as_asgi())]
