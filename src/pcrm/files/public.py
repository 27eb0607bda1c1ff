"""What other areas may use from files: checking and storing an upload, and sending a file
back. The owning area checks that the principal may read or change its record first; files
checks the file. Returns schemas or plain values, never ORM objects."""

from pcrm.files.checks import ACCEPT_ATTRIBUTE, MB, TOO_LARGE, CheckedFile, check_file
from pcrm.files.http import (
    FileStorage,
    MaxUploadBytes,
    attachment,
    limited_route,
    refuse_too_large,
)
from pcrm.files.storage import CHUNK, Storage, StoredFileMissing, new_key, storage_for

__all__ = [
    "ACCEPT_ATTRIBUTE",
    "CHUNK",
    "MB",
    "TOO_LARGE",
    "CheckedFile",
    "FileStorage",
    "MaxUploadBytes",
    "Storage",
    "StoredFileMissing",
    "attachment",
    "check_file",
    "limited_route",
    "new_key",
    "refuse_too_large",
    "storage_for",
]
