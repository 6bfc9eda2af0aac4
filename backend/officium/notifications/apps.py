"""Notifications (消息): the notification centre, and delivery by websocket, email and enterprise IM robots."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "officium.notifications"
    label = "notifications"
    verbose_name = "Notifications"
