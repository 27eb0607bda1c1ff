"""Project documents (项目文档): an opportunity's RFP, Q&A, our proposal, pitch deck, contract
and other files, each kind versioned (a new upload of a kind is its next version; older
versions stay). A file is accepted only when its content is what its extension says, and up to
the size limit; the bytes go to the storage under a random key, the row keeps the name, type,
size, SHA-256 and uploader. Nothing is left behind by a failed upload, and a deleted document's
file goes once the deletion is committed."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from pcrm.core.deps import after_commit
from pcrm.core.errors import NotFound, field_error
from pcrm.core.i18n import N_
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.opportunities import repository as repo
from pcrm.opportunities.models import Document
from pcrm.opportunities.schemas import DocumentRead, OpportunityDetail
from pcrm.opportunities.service import opportunity_detail
from pcrm.opportunities.storage import CHUNK, Storage, StoredFileMissing, new_key
from pcrm.opportunities.vocab import DocumentKind

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


# --- checking a file --------------------------------------------------------------------------


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


# --- writing ----------------------------------------------------------------------------------


def upload_document(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    kind: DocumentKind,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> Document:
    """Check the file, store it under a new random key and record it as the next version of
    its kind. If anything fails, or the transaction is rolled back later, the file goes."""
    principal.require(Permission.WRITE)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    checked = check_file(stream, filename or "", max_bytes)
    key = new_key()
    stream.seek(0)
    storage.save(key, _read(stream))
    try:
        repo.lock_opportunity(db, scope, opportunity_id)
        version = repo.latest_document_version(db, scope, opportunity_id, kind) + 1
        document = Document(
            workspace_id=scope.workspace_id,
            opportunity_id=opportunity_id,
            kind=kind,
            version=version,
            filename=checked.filename,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            storage_key=key,
            uploaded_by_id=principal.user_id,
        )
        db.add(document)
        db.flush()
    except BaseException:
        storage.delete(key)
        raise
    _discard_on_rollback(db, storage, key)
    return document


def _read(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def _discard_on_rollback(db: Session, storage: Storage, key: str) -> None:
    """Delete the stored file if this transaction is rolled back rather than committed (a
    savepoint's rollback inside it does not count)."""
    settled = False

    def committed(_session: Session) -> None:
        nonlocal settled
        settled = True

    def rolled_back(_session: Session, previous: SessionTransaction) -> None:
        nonlocal settled
        if not settled and previous.parent is None and not previous.nested:
            settled = True
            storage.delete(key)

    event.listen(db, "after_commit", committed)
    event.listen(db, "after_soft_rollback", rolled_back)


def delete_document(
    db: Session,
    principal: Principal,
    document_id: int,
    storage: Storage,
    opportunity_id: int | None = None,
) -> None:
    """Remove the document (this version only); its file is deleted after the commit, so a
    rolled-back request keeps it. With `opportunity_id`, the document must belong to it."""
    principal.require(Permission.WRITE)
    document = _document(db, principal, document_id, opportunity_id)
    key = document.storage_key
    db.delete(document)
    db.flush()
    after_commit(db, lambda _session: storage.delete(key))


# --- reading ----------------------------------------------------------------------------------


def list_documents(db: Session, principal: Principal, opportunity_id: int) -> list[DocumentRead]:
    """Every version of every document, by kind, newest version first."""
    principal.require(Permission.READ)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    return [DocumentRead.model_validate(d) for d in repo.documents(db, scope, opportunity_id)]


@dataclass(frozen=True, slots=True)
class DocumentsTab:
    """The documents tab of an opportunity: the opportunity (for the page's header), each kind
    that has documents with its versions, newest first, and who uploaded them."""

    opportunity: OpportunityDetail
    groups: list[tuple[DocumentKind, list[DocumentRead]]]
    uploaders: dict[int, str]
    count: int


def documents_tab(
    db: Session, principal: Principal, opportunity_id: int, locale: str
) -> DocumentsTab:
    opportunity = opportunity_detail(db, principal, opportunity_id)  # READ, or 404
    scope = principal.scope
    rows = [DocumentRead.model_validate(d) for d in repo.documents(db, scope, opportunity_id)]
    by_kind: dict[DocumentKind, list[DocumentRead]] = {}
    for d in rows:
        by_kind.setdefault(d.kind, []).append(d)
    ids = {d.uploaded_by_id for d in rows if d.uploaded_by_id is not None}
    names = {uid: ref.display(locale) for uid, ref in user_refs(db, scope, ids).items()}
    groups = [(kind, by_kind[kind]) for kind in DocumentKind if kind in by_kind]
    return DocumentsTab(opportunity, groups, names, len(rows))


@dataclass(frozen=True, slots=True)
class DocumentFile:
    document: DocumentRead
    chunks: Iterator[bytes]


def _document(
    db: Session, principal: Principal, document_id: int, opportunity_id: int | None
) -> Document:
    document = repo.document(db, principal.scope, document_id)
    if opportunity_id is not None and document.opportunity_id != opportunity_id:
        raise NotFound()
    return document


def get_document(db: Session, principal: Principal, document_id: int) -> DocumentRead:
    principal.require(Permission.READ)
    return DocumentRead.model_validate(_document(db, principal, document_id, None))


def open_document(
    db: Session,
    principal: Principal,
    document_id: int,
    storage: Storage,
    opportunity_id: int | None = None,
) -> DocumentFile:
    """A document with its bytes, for a user of its workspace (with `opportunity_id`, of that
    opportunity). A row whose file is missing from the storage is answered as not found."""
    principal.require(Permission.READ)
    document = _document(db, principal, document_id, opportunity_id)
    try:
        chunks = storage.open(document.storage_key)
    except StoredFileMissing as exc:
        raise NotFound() from exc
    return DocumentFile(DocumentRead.model_validate(document), chunks)
