"""Where the bytes of uploaded files live: a small storage interface and its local
filesystem backend. Rows name a file only by a random storage key, never by the user's file
name, so nothing a user types ever becomes part of a path. Another backend (an S3-compatible
bucket) implements the same four methods."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy.engine import make_url

from pcrm.config import Settings

CHUNK = 64 * 1024
DIR_NAME = "pcrm-files"
_KEY = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{32}$")


class StoredFileMissing(Exception):
    """The storage has no file under this key."""


class Storage(Protocol):
    def save(self, key: str, chunks: Iterable[bytes]) -> None:
        """Store the bytes under `key`, all or nothing."""

    def open(self, key: str) -> Iterator[bytes]:
        """The stored bytes in chunks; `StoredFileMissing` (raised at once) when absent."""

    def delete(self, key: str) -> None:
        """Remove the file; a missing file is not an error."""

    def exists(self, key: str) -> bool: ...


def new_key() -> str:
    """A random storage key: 128 bits, spread over 256 folders."""
    token = secrets.token_hex(16)
    return f"{secrets.token_hex(1)}/{token}"


def files_dir(settings: Settings) -> Path:
    """`PCRM_FILES_DIR`, else `pcrm-files` next to the SQLite database file, else in the
    working directory."""
    if settings.files_dir is not None:
        return settings.files_dir
    if settings.is_sqlite:
        database = make_url(settings.database_url).database
        if database and database != ":memory:":
            return Path(database).resolve().parent / DIR_NAME
    return Path.cwd() / DIR_NAME


class LocalStorage:
    """Files under one directory, as `<root>/<2 hex>/<32 hex>`. A save writes a temporary file
    in the same folder and renames it into place, so a failed save leaves nothing behind."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("not a storage key")
        return self.root / key

    def save(self, key: str, chunks: Iterable[bytes]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> Iterator[bytes]:
        try:
            handle = self._path(key).open("rb")
        except FileNotFoundError as exc:
            raise StoredFileMissing(key) from exc
        return _chunks(handle)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def storage_for(settings: Settings) -> Storage:
    return LocalStorage(files_dir(settings))
