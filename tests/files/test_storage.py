"""Where uploaded files are kept: the files folder's default and the local storage's keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcrm.config import Settings
from pcrm.files.storage import LocalStorage, files_dir

# --- where files go -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"files_dir": "/srv/pcrm/files"}, Path("/srv/pcrm/files")),
        (
            {"database_url": "sqlite:////var/lib/pcrm/pcrm.sqlite3"},
            Path("/var/lib/pcrm/pcrm-files"),
        ),
        ({"database_url": "postgresql+psycopg://pcrm@db/pcrm"}, Path.cwd() / "pcrm-files"),
    ],
)
def test_the_files_directory_defaults_next_to_the_database(settings, expected):
    assert files_dir(Settings(**settings)) == expected


def test_local_storage_refuses_anything_but_its_own_keys(tmp_path):
    storage = LocalStorage(tmp_path)
    for key in ("../outside", "ab/../../x", "招标文件.pdf", "AB/" + "0" * 32):
        with pytest.raises(ValueError, match="not a storage key"):
            storage.save(key, [b"x"])
    assert list(tmp_path.iterdir()) == []
