"""What an upload must be to be kept: one of the accepted types, its content what its
extension says (read from the bytes, never from what the client claims), not empty and not over
the size limit. The name is cleaned of any folder part and control characters."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.files.storage import CHUNK

MB = 1024 * 1024
MAX_FILENAME = 255

PDF = b"%PDF-"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # legacy Office: .doc, .xls, .ppt
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
ZIP = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"

OOXML = "application/vnd.openxmlformats-officedocument."


@dataclass(frozen=True, slots=True)
class FileType:
    """An accepted kind of file: how its content must begin (or look), and the content type
    it is served with."""

    check: str  # pdf, ooxml, ole2, png, jpeg, text, zip
    content_type: str
    folder: str = ""  # OOXML: the package folder the extension promises (word/, xl/, ppt/)


ACCEPTED: dict[str, FileType] = {
    "pdf": FileType("pdf", "application/pdf"),
    "docx": FileType("ooxml", OOXML + "wordprocessingml.document", "word/"),
    "xlsx": FileType("ooxml", OOXML + "spreadsheetml.sheet", "xl/"),
    "pptx": FileType("ooxml", OOXML + "presentationml.presentation", "ppt/"),
    "doc": FileType("ole2", "application/msword"),
    "xls": FileType("ole2", "application/vnd.ms-excel"),
    "ppt": FileType("ole2", "application/vnd.ms-powerpoint"),
    "png": FileType("png", "image/png"),
    "jpg": FileType("jpeg", "image/jpeg"),
    "jpeg": FileType("jpeg", "image/jpeg"),
    "txt": FileType("text", "text/plain; charset=utf-8"),
    "zip": FileType("zip", "application/zip"),
}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ACCEPTED)  # the file input's `accept`

NOT_ACCEPTED = N_(
    "This type of file is not accepted. Upload a PDF, Word, Excel or PowerPoint document, a "
    "PNG or JPEG image, a text file or a ZIP archive."
)
MISMATCH = N_("The file's content does not match its extension.")
TOO_LARGE = N_("The file is larger than the upload limit.")
EMPTY = N_("The file is empty.")
NO_FILE = N_("Choose a file to upload.")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str


def clean_filename(raw: str | None) -> str:
    """The name the user's file had, without any folder part or control characters, at most
    255 characters (the extension kept)."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", _CONTROL.sub("", name)).strip().strip(".")
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cf", "Cs"))
    if not name:
        raise field_error("file", NO_FILE, "missing")
    if len(name) > MAX_FILENAME:
        suffix = PurePosixPath(name).suffix[:20]
        name = name[: MAX_FILENAME - len(suffix)] + suffix
    return name


def _extension(filename: str) -> str:
    return PurePosixPath(filename).suffix.lower().removeprefix(".")


def check_file(stream: BinaryIO, filename: str, max_bytes: int) -> CheckedFile:
    """Read the spooled upload once, in chunks, stopping as soon as it passes `max_bytes`;
    then check that its content is what its extension says."""
    name = clean_filename(filename)
    file_type = ACCEPTED.get(_extension(name))
    if file_type is None:
        raise field_error("file", NOT_ACCEPTED, "file_type")
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")() if file_type.check == "text" else None
    size, head, text_ok = 0, b"", True
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise field_error("file", TOO_LARGE, "file_too_large")
        digest.update(chunk)
        if len(head) < len(OLE2):
            head = (head + chunk)[: len(OLE2)]
        if decoder is not None and text_ok:
            text_ok = b"\x00" not in chunk and _decodes(decoder, chunk)
    if size == 0:
        raise field_error("file", EMPTY, "file_empty")
    if decoder is not None and text_ok:
        text_ok = _decodes(decoder, b"", final=True)
    if not _content_matches(file_type, head, stream, text_ok):
        raise field_error("file", MISMATCH, "file_mismatch")
    return CheckedFile(name, file_type.content_type, size, digest.hexdigest())


def _decodes(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


def _content_matches(file_type: FileType, head: bytes, stream: BinaryIO, text_ok: bool) -> bool:
    def ooxml() -> bool:
        names = _zip_names(stream) if head.startswith(ZIP) else None
        return (
            names is not None
            and "[Content_Types].xml" in names
            and any(n.startswith(file_type.folder) for n in names)
        )

    checks: dict[str, Callable[[], bool]] = {
        "pdf": lambda: head.startswith(PDF),
        "ole2": lambda: head == OLE2,
        "png": lambda: head == PNG,
        "jpeg": lambda: head.startswith(JPEG),
        "text": lambda: text_ok,
        "zip": lambda: head.startswith((ZIP, EMPTY_ZIP)) and _zip_names(stream) is not None,
        "ooxml": ooxml,
    }
    return checks[file_type.check]()


def _zip_names(stream: BinaryIO) -> list[str] | None:
    """The member names from the archive's central directory (nothing is decompressed), or
    None when it is not a readable ZIP archive."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
