"""Prints the API's OpenAPI document; `make schema` writes it to schema/openapi.json."""

from __future__ import annotations

import json
import os
import sys


def render() -> str:
    from officium.config.api import api

    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officium.config.settings.test")
    import django

    django.setup()
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
