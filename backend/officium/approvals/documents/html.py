"""The printout of an approval as an HTML page with print CSS (every value escaped by the template)."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils import translation

from officium.approvals.documents.content import PNG_DATA_URL, Field, PrintDocument


def sections(fields: list[Field]) -> list[tuple[str, list[Field]]]:
    """Runs of simple fields (one label | value table each) and detail tables, in form order."""
    grouped: list[tuple[str, list[Field]]] = []
    for item in fields:
        kind = "table" if item.table is not None else "fields"
        if kind == "fields" and grouped and grouped[-1][0] == "fields":
            grouped[-1][1].append(item)
        else:
            grouped.append((kind, [item]))
    return grouped


def render(document: PrintDocument) -> str:
    # Signatures are re-encoded from the checked PNG bytes, never copied from the stored text.
    signatures = [
        (signature, PNG_DATA_URL + base64.b64encode(signature.png).decode() if signature.png else "")
        for signature in document.signatures
    ]
    context = {
        "doc": document,
        "sections": sections(document.fields),
        "signatures": signatures,
        "language": translation.get_language() or "zh-hans",
    }
    return render_to_string("approvals/print.html", context)
