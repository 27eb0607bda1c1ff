"""What other areas may use from files: keeping an upload for one of their records, listing,
reading, sending back and deleting it. The owning area checks first that the principal may read
or change its record; files checks the file itself. Returns schemas, never ORM objects."""

from pcrm.files.checks import ACCEPT_ATTRIBUTE, MB, TOO_LARGE
from pcrm.files.http import (
    FileStorage,
    MaxUploadBytes,
    attachment,
    limited_route,
    refuse_too_large,
)
from pcrm.files.schemas import FileRead, FileStream
from pcrm.files.service import delete_file, get_file, open_file, owned_files, upload_file
from pcrm.files.storage import Storage, storage_for

__all__ = [
    "ACCEPT_ATTRIBUTE",
    "MB",
    "TOO_LARGE",
    "FileRead",
    "FileStorage",
    "FileStream",
    "MaxUploadBytes",
    "Storage",
    "attachment",
    "delete_file",
    "get_file",
    "limited_route",
    "open_file",
    "owned_files",
    "refuse_too_large",
    "storage_for",
    "upload_file",
]
