"""The user account. People's organisational data (department, position, supervisor) lives in `org`."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from officium.core.ids import uuid7


class Language(models.TextChoices):
    BROWSER = "", _("Browser default")
    ZH_CN = "zh-CN", "简体中文"
    EN = "en", "English"


class User(AbstractUser):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    phone = models.CharField(_("mobile number (E.164)"), max_length=20, unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(default=False)
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.BROWSER, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="user_email_unique"),
        ]

    @property
    def name(self) -> str:
        """The name shown to colleagues."""
        return self.display_name or self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.name
