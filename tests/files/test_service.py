"""The files area's service, through its functions: an upload is checked, kept under a random
key and numbered per owner and kind; a file is answered only for its own owner in its own
workspace; a deletion takes the bytes once it is committed."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pcrm.core.deps import run_after_commit
from pcrm.core.errors import NotFound, ValidationFailed
from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.files import service
from pcrm.files.models import StoredFile
from pcrm.files.storage import LocalStorage
from tests.factories import make_user, make_workspace

PDF = b"%PDF-1.4\n%%EOF\n"
TEXT = "会议纪要\n".encode()


@pytest.fixture
def given(uow, tmp_path) -> dict[str, object]:
    """Workspaces acme (with an uploader) and other, and an empty storage."""
    with uow() as db:
        acme = make_workspace(db, "acme")
        other = make_workspace(db, "other", "Other 集团")
        uploader = make_user(db, acme, "sales@acme.example")
    return {
        "acme": WorkspaceScope(acme.id),
        "other": WorkspaceScope(other.id),
        "uploader": uploader.user_id,
        "storage": LocalStorage(tmp_path / "files"),
        "folder": tmp_path / "files",
    }


def _upload(db, given, kind="rfp", owner_id=7, name="招标文件.pdf", content=PDF, **options):
    return service.upload_file(
        db,
        given["acme"],
        "opportunity",
        owner_id,
        kind,
        name,
        io.BytesIO(content),
        given["storage"],
        1024,
        given["uploader"],
        **options,
    )


def _kept(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _rows(uow) -> int:
    with uow() as db:
        count = db.scalar(select(func.count()).select_from(StoredFile).execution_options(**GLOBAL))
    return int(count or 0)


def test_uploads_are_numbered_per_owner_and_kind_and_listed_newest_first(uow, given):
    # given an RFP and a proposal of owner 7 and an RFP of owner 8
    with uow() as db:
        first = _upload(db, given)
        _upload(db, given, kind="proposal", name="技术方案.txt", content=TEXT)
        _upload(db, given, owner_id=8)

    # when owner 7's RFP is uploaded again
    with uow() as db:
        second = _upload(db, given, name="招标文件（修订）.pdf")

    # then it is version 2 of its kind, and owner 7's files are listed by kind, newest first
    assert (first.version, second.version) == (1, 2)
    with uow() as db:
        listed = service.owned_files(db, given["acme"], "opportunity", [7])
    assert [(f.owner_id, f.kind, f.version, f.filename) for f in listed] == [
        (7, "proposal", 1, "技术方案.txt"),
        (7, "rfp", 2, "招标文件（修订）.pdf"),
        (7, "rfp", 1, "招标文件.pdf"),
    ]
    assert second.model_dump(exclude={"id", "created_at"}) == {
        "owner_type": "opportunity",
        "owner_id": 7,
        "kind": "rfp",
        "version": 2,
        "filename": "招标文件（修订）.pdf",
        "content_type": "application/pdf",
        "size": len(PDF),
        "sha256": "14bcd090baf31edba64e9cbd8cdfc15f943344aa72cb3675ad8e91bfcbce03ad",
        "uploaded_by_id": given["uploader"],
    }


def test_the_bytes_are_kept_under_a_random_key(uow, given):
    with uow() as db:
        uploaded = _upload(db, given)
        key = db.scalar(
            select(StoredFile.storage_key)
            .where(StoredFile.id == uploaded.id)
            .execution_options(**GLOBAL)
        )
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}", key)
    assert _kept(given["folder"]) == [given["folder"] / key]
    assert (given["folder"] / key).read_bytes() == PDF


def test_the_owner_is_locked_after_the_bytes_are_kept_and_before_the_numbering(uow, given):
    seen: list[tuple[int, int]] = []

    def lock() -> None:  # what was kept and recorded when the owner was locked
        recorded = db.scalar(select(func.count(StoredFile.id)).execution_options(**GLOBAL))
        seen.append((len(_kept(given["folder"])), recorded))

    with uow() as db:
        _upload(db, given, lock_owner=lock)

    assert seen == [(1, 0)]


def test_a_file_that_is_not_what_its_name_says_writes_nothing(uow, given):
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        _upload(db, given, name="招标文件.pdf", content=b"MZ\x90\x00")
    assert [(e.field, e.type) for e in refused.value.errors] == [("file", "file_mismatch")]
    assert _rows(uow) == 0
    assert _kept(given["folder"]) == []


def test_a_file_is_found_only_for_its_owner_in_its_workspace(uow, given):
    with uow() as db:
        uploaded = _upload(db, given)
    with uow() as db:
        found = service.get_file(db, given["acme"], "opportunity", uploaded.id, owner_id=7)
        assert found == uploaded
        for scope, owner_type, owner_id in (
            (given["acme"], "project", None),  # another kind of owner
            (given["acme"], "opportunity", 8),  # another owner
            (given["other"], "opportunity", None),  # another workspace
        ):
            with pytest.raises(NotFound):
                service.get_file(db, scope, owner_type, uploaded.id, owner_id=owner_id)


def test_a_file_opens_with_its_bytes_and_missing_bytes_are_not_found(uow, given):
    with uow() as db:
        uploaded = _upload(db, given)
    with uow() as db:
        opened = service.open_file(db, given["acme"], "opportunity", uploaded.id, given["storage"])
        assert (opened.file, b"".join(opened.chunks)) == (uploaded, PDF)
    for path in _kept(given["folder"]):
        path.unlink()
    with uow() as db, pytest.raises(NotFound):
        service.open_file(db, given["acme"], "opportunity", uploaded.id, given["storage"])


def test_a_deleted_file_keeps_its_bytes_until_the_deletion_is_committed(uow, given):
    # given two versions of the RFP
    with uow() as db:
        first = _upload(db, given)
        _upload(db, given, name="招标文件（修订）.pdf", content=PDF + b"%v2\n")
    both = _kept(given["folder"])

    # when version 1 is deleted in a transaction that fails, then in one that commits
    with pytest.raises(RuntimeError), uow() as db:
        service.delete_file(db, given["acme"], "opportunity", first.id, given["storage"])
        raise RuntimeError("the request failed later")
    assert (_rows(uow), _kept(given["folder"])) == (2, both)
    with uow() as db:
        service.delete_file(db, given["acme"], "opportunity", first.id, given["storage"])
        db.commit()
        run_after_commit(db)  # what the request's unit of work does after its commit

    # then only version 2 and its bytes remain
    with uow() as db:
        left = service.owned_files(db, given["acme"], "opportunity", [7])
    assert [f.version for f in left] == [2]
    assert len(_kept(given["folder"])) == 1
