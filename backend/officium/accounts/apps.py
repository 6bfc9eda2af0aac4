"""Accounts: users, sign-in (django-allauth headless), profile and password."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "officium.accounts"
    label = "accounts"
    verbose_name = "Accounts"
