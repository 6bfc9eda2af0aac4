"""Documents (文档): libraries, permissions and real-time co-editing."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "officium.documents"
    label = "documents"
    verbose_name = "Documents"
