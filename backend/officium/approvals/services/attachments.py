"""Files attached to forms and comments: checked on the way in, stored under server-chosen names."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.core.files.base import ContentFile

from officium.approvals.models import Attachment
from officium.approvals.services.common import employee_of
from officium.core import audit
from officium.core.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed

MAX_BYTES = 20 * 1024 * 1024
# What a form accepts, and the first bytes each kind must start with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04",),
    ".txt": (b"",),
    ".csv": (b"",),
}


def attachment_upload(*, actor: Any, name: str, content: bytes) -> Attachment:
    me = employee_of(actor)
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "file"
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if len(content) > MAX_BYTES:
        raise PayloadTooLarge(f"Files up to {MAX_BYTES // 1024 // 1024} MB.")
    if not content:
        raise ValidationFailed("The file is empty.", code="empty_file")
    if extension not in SIGNATURES or not any(content.startswith(sig) for sig in SIGNATURES[extension]):
        raise UnsupportedMediaType("This kind of file is not accepted, or it is not what its name says.")
    attachment = Attachment(
        name=name,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(content),
        uploaded_by=me,
    )
    # The stored name is ours (the id); the person's name is kept only as metadata.
    attachment.file.save(f"{attachment.pk.hex}{extension}", ContentFile(content), save=False)
    attachment.save(force_insert=True)
    audit.record(
        action="approvals.attachment.uploaded",
        actor=actor,
        target=attachment,
        changes={"name": name, "size": len(content)},
    )
    return attachment
