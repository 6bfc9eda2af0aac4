"""The printout of an approval as a PDF (reportlab; Chinese in the built-in CID font STSong-Light, see ADR 14)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable

from officium.approvals.documents.content import Field, PrintDocument, Signature, Table

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH = A4[0] - 30 * mm
LINE = colors.HexColor("#999999")
SHADE = colors.HexColor("#f2f3f5")
# CJK word wrap: Chinese lines break between any two characters, not only at spaces.
BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, wordWrap="CJK")
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11)
HEADING = ParagraphStyle("heading", parent=BODY, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=6)
# Every table may split inside a row: a long text (a 20,000-character field, a 5,000-character comment)
# is taller than a page, and a row that cannot split stops the whole document.
GRID = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("GRID", (0, 0), (-1, -1), 0.5, LINE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def render(document: PrintDocument, *, compress: bool = True) -> bytes:
    """The PDF bytes. `compress=False` writes readable content streams (for inspection)."""
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{document.template} {document.serial_number}",
        author="Officium",
        pageCompression=1 if compress else 0,
    )
    pdf.build(_story(document), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """User text as a paragraph: escaped, since reportlab reads paragraphs as markup."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _story(document: PrintDocument) -> list[Flowable]:
    story: list[Flowable] = [_p(document.template, TITLE), _summary(document)]
    story += _fields(document.fields)
    story += [_p(_("Approval history"), HEADING), _timeline(document)]
    if document.signatures:
        story += [_p(_("Signatures"), HEADING), _signatures(document.signatures)]
    return story


def _summary(document: PrintDocument) -> PdfTable:
    pairs = [
        (_("Serial number"), document.serial_number, _("Status"), document.status),
        (_("Title"), document.title, _("Department"), document.department),
        (_("Submitter"), document.submitter, _("Submitted at"), document.submitted_at),
        ("", "", _("Finished at"), document.finished_at),
    ]
    rows = [[_p(cell) for cell in row] for row in pairs]
    widths = [WIDTH * share for share in (0.15, 0.35, 0.15, 0.35)]
    return PdfTable(
        rows, colWidths=widths, splitInRow=1, style=[*GRID, ("BACKGROUND", (0, 0), (0, -1), SHADE), *_shade_col(2)]
    )


def _shade_col(column: int) -> list[Any]:
    return [("BACKGROUND", (column, 0), (column, -1), SHADE)]


def _fields(fields: list[Field]) -> list[Flowable]:
    """Simple fields in label | value rows; each detail table as a table of its own, with its totals."""
    story: list[Flowable] = [_p(_("Form"), HEADING)]
    pending: list[list[Paragraph]] = []

    def flush() -> None:
        if pending:
            table = PdfTable(list(pending), colWidths=[WIDTH * 0.25, WIDTH * 0.75], splitInRow=1)
            table.setStyle([*GRID, ("BACKGROUND", (0, 0), (0, -1), SHADE)])
            story.append(table)
            pending.clear()

    for item in fields:
        if item.table is None:
            value = item.text + (f"\n{_('In words')}: {item.words}" if item.words else "")
            pending.append([_p(item.label), _p(value)])
            continue
        flush()
        story += [Spacer(1, 4), _p(item.label, SMALL), _detail_table(item.table)]
    flush()
    return story


def _detail_table(table: Table) -> Flowable:
    if not table.headers:
        return Spacer(1, 1)
    rows = [[_p(cell, SMALL) for cell in table.headers]]
    rows += [[_p(cell, SMALL) for cell in row] for row in table.rows]
    rows.append([_p(cell, SMALL) for cell in table.totals])
    width = WIDTH / len(table.headers)
    return PdfTable(
        rows,
        colWidths=[width] * len(table.headers),
        repeatRows=1,
        splitInRow=1,
        style=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BACKGROUND", (0, -1), (-1, -1), SHADE)],
    )


def _timeline(document: PrintDocument) -> Flowable:
    headers = [_("Time"), _("Person"), _("Action"), _("Step"), _("Comment")]
    rows = [[_p(text, SMALL) for text in headers]]
    for step in document.timeline:
        who = step.who + (f" ({_('for %(name)s') % {'name': step.acted_for}})" if step.acted_for else "")
        rows.append([_p(text, SMALL) for text in (step.at, who, step.action, step.node, step.comment)])
    widths = [WIDTH * share for share in (0.18, 0.2, 0.14, 0.14, 0.34)]
    return PdfTable(
        rows, colWidths=widths, repeatRows=1, splitInRow=1, style=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    )


def _signatures(signatures: list[Signature]) -> Flowable:
    rows: list[list[Any]] = [[_p(text, SMALL) for text in (_("Step"), _("Person"), _("Time"), _("Signature"))]]
    for signature in signatures:
        rows.append([_p(signature.node, SMALL), _p(signature.who, SMALL), _p(signature.at, SMALL), _image(signature)])
    widths = [WIDTH * share for share in (0.2, 0.2, 0.2, 0.4)]
    return PdfTable(
        rows, colWidths=widths, repeatRows=1, splitInRow=1, style=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    )


def _image(signature: Signature) -> Flowable:
    if signature.png is None:
        return _p(_("(the signature cannot be shown)"), SMALL)
    image = Image(io.BytesIO(signature.png))
    # Fit into 60 x 18 mm, keeping the proportions.
    scale = min(60 * mm / image.imageWidth, 18 * mm / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def _footer(canvas: Any, document: Any) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, _("Page %(number)d") % {"number": document.page})
    canvas.restoreState()
