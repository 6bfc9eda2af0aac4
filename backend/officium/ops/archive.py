"""The backup archive: a tar file holding `manifest.json`, the database and the media files.

The manifest names the product version, the applied migrations, the row count of every table, the
audit chain heads and the SHA-256 of every other member, so a restore can refuse a foreign, damaged
or mismatched archive before it touches anything.

An archive may be encrypted with the backup key (OFFICIUM_BACKUP_KEY): AES-256-GCM over 1 MiB chunks
with a key derived per archive (HKDF with a random salt). Each chunk's nonce carries its number and a
"last chunk" flag, so reordered, dropped or truncated chunks fail authentication.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import shutil
import struct
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = 1
PRODUCT = "officium"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
ENCRYPTED_MAGIC = b"OFFICIUM-BACKUP-AES256GCM-1\n"
CHUNK = 1 << 20
_LENGTH = struct.Struct(">I")


class ArchiveError(Exception):
    """The archive cannot be used; the message says why, in words an operator can act on."""


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.data["version"])

    @property
    def database(self) -> str:
        return str(self.data["database"]["vendor"])

    @property
    def database_member(self) -> str:
        return str(self.data["database"]["member"])

    @property
    def migrations(self) -> dict[str, list[str]]:
        return {app: list(names) for app, names in self.data["migrations"].items()}

    @property
    def tables(self) -> dict[str, int]:
        return {table: int(count) for table, count in self.data["tables"].items()}

    @property
    def audit_heads(self) -> dict[str, str]:
        return {str(chain): str(last_hash) for chain, last_hash in self.data["audit_heads"].items()}

    @property
    def members(self) -> dict[str, dict[str, Any]]:
        return dict(self.data["members"])

    @property
    def created_at(self) -> str:
        return str(self.data["created_at"])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def write(target: Path, manifest: dict[str, Any], members: list[tuple[str, Path]]) -> dict[str, Any]:
    """Write the tar: each (name, file) in order, hashed while it is copied, then the manifest with
    those checksums as the last member. Returns the manifest written."""
    listed: dict[str, dict[str, Any]] = {}
    with tarfile.open(target, "w") as tar:
        for name, path in members:
            with path.open("rb") as source:
                info = tar.gettarinfo(arcname=name, fileobj=source)
                info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                hashing = _HashingReader(source)
                tar.addfile(info, hashing)
            listed[name] = {"sha256": hashing.digest.hexdigest(), "size": info.size}
        complete = {**manifest, "members": listed}
        encoded = json.dumps(complete, ensure_ascii=False, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(encoded), 0o600
        tar.addfile(info, io.BytesIO(encoded))
    return complete


class _HashingReader:
    """A file the tar reads from, hashing exactly the bytes it copies (a file may change meanwhile)."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source, self.digest = source, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        block = self.source.read(size)
        self.digest.update(block)
        return block


def open_checked(archive: Path, work_dir: Path, key: bytes | None) -> tuple[Manifest, Path]:
    """Decrypt (when needed), read and check the archive; extract it into `work_dir`.

    Every member must be listed in the manifest with its checksum, and nothing else may be there.
    Returns the manifest and the directory holding the extracted members."""
    if not archive.is_file():
        raise ArchiveError(f"{archive} does not exist or is not a file")
    plain = archive
    if is_encrypted(archive):
        if key is None:
            raise ArchiveError("this archive is encrypted: set OFFICIUM_BACKUP_KEY to the key it was made with")
        plain = work_dir / "archive.tar"
        decrypt(archive, plain, key)
    extracted = work_dir / "members"
    extracted.mkdir()
    try:
        with tarfile.open(plain, "r:") as tar:
            manifest = _read_manifest(tar)
            _extract(tar, manifest, extracted)
    except tarfile.TarError as error:
        raise ArchiveError(f"not an Officium backup archive ({error})") from None
    finally:
        if plain != archive:
            plain.unlink(missing_ok=True)
    return manifest, extracted


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise ArchiveError("not an Officium backup archive: it has no manifest.json") from None
    stream = tar.extractfile(member)
    if stream is None:
        raise ArchiveError("manifest.json is not a regular file")
    try:
        data = json.loads(stream.read())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(f"manifest.json is damaged ({error})") from None
    if not isinstance(data, dict) or data.get("product") != PRODUCT:
        raise ArchiveError("not an Officium backup archive: the manifest names another product")
    if data.get("format") != FORMAT:
        raise ArchiveError(f"archive format {data.get('format')!r} is not supported (this version reads {FORMAT})")
    required = ("version", "created_at", "database", "migrations", "tables", "audit_heads", "members")
    missing = [name for name in required if name not in data]
    if missing:
        raise ArchiveError(f"the manifest lacks {', '.join(missing)}")
    return Manifest(data)


def _extract(tar: tarfile.TarFile, manifest: Manifest, target: Path) -> None:
    expected = manifest.members
    seen: set[str] = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        if member.name not in expected or not member.isfile():
            raise ArchiveError(f"unexpected member {member.name!r}: the archive was altered")
        destination = (target / member.name).resolve()
        if not destination.is_relative_to(target.resolve()):
            raise ArchiveError(f"member {member.name!r} points outside the archive")
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        assert source is not None
        hashing = _HashingReader(source)
        with destination.open("wb") as out:
            shutil.copyfileobj(hashing, out, CHUNK)
        if hashing.digest.hexdigest() != expected[member.name]["sha256"]:
            raise ArchiveError(f"{member.name} does not match its checksum: the archive is damaged")
        seen.add(member.name)
    absent = sorted(set(expected) - seen)
    if absent:
        raise ArchiveError(f"the archive is incomplete: {', '.join(absent[:5])} missing")


# --- encryption --------------------------------------------------------------------------------------------
def parse_key(text: str) -> bytes:
    """OFFICIUM_BACKUP_KEY: 32 random bytes, base64-encoded (`openssl rand -base64 32`)."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ArchiveError("OFFICIUM_BACKUP_KEY must be base64 (e.g. from `openssl rand -base64 32`)") from None
    if len(key) != 32:
        raise ArchiveError(f"OFFICIUM_BACKUP_KEY must decode to 32 bytes, not {len(key)}")
    return key


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC


def _archive_key(key: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"officium backup archive").derive(key)
    return AESGCM(derived)


def _nonce(number: int, last: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def encrypt(source: Path, target: Path, key: bytes) -> None:
    salt = os.urandom(32)
    cipher = _archive_key(key, salt)
    header = ENCRYPTED_MAGIC + salt
    with source.open("rb") as plain, target.open("wb") as out:
        out.write(header)
        for number, (chunk, last) in enumerate(_chunks(plain)):
            sealed = cipher.encrypt(_nonce(number, last), chunk, header)
            out.write(_LENGTH.pack(len(sealed)))
            out.write(sealed)


def _chunks(stream: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    current = stream.read(CHUNK)
    while True:
        following = stream.read(CHUNK)
        yield current, not following
        if not following:
            return
        current = following


def decrypt(source: Path, target: Path, key: bytes) -> None:
    with source.open("rb") as sealed, target.open("wb") as out:
        header = sealed.read(len(ENCRYPTED_MAGIC) + 32)
        cipher = _archive_key(key, header[len(ENCRYPTED_MAGIC) :])
        number, finished = 0, False
        while length_bytes := sealed.read(_LENGTH.size):
            if finished or len(length_bytes) != _LENGTH.size:
                raise ArchiveError("the encrypted archive has trailing data: it was altered")
            (length,) = _LENGTH.unpack(length_bytes)
            chunk = sealed.read(length)
            try:
                out.write(cipher.decrypt(_nonce(number, False), chunk, header))
            except InvalidTag:
                try:
                    out.write(cipher.decrypt(_nonce(number, True), chunk, header))
                except InvalidTag:
                    raise ArchiveError(
                        "the archive cannot be decrypted: OFFICIUM_BACKUP_KEY is not the key it was made "
                        "with, or the file is damaged"
                    ) from None
                finished = True
            number += 1
        if not finished:
            raise ArchiveError("the encrypted archive is truncated")
