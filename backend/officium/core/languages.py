"""The languages of the app, as people choose them (BCP 47) and as Django names its translations."""

from __future__ import annotations

DJANGO_LANGUAGES = {"zh-CN": "zh-hans", "en": "en"}
