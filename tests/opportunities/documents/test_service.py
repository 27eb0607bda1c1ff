"""The documents service, through its functions: versions per kind, a document only of its own
opportunity, a rolled-back upload or deletion keeps the storage as it was, and only a writer
deletes."""

from __future__ import annotations

import io

import pytest

from pcrm.core.errors import NotFound, PermissionDenied
from pcrm.files.models import StoredFile
from pcrm.files.storage import LocalStorage
from pcrm.identity.public import operator_principal
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.vocab import DocumentKind
from tests.opportunities.builders import row_counts, stored
from tests.opportunities.documents.world import (
    NAME,
    PDF,
    stored_files,
    uploaded,
)


def test_an_upload_rolled_back_after_it_was_stored_leaves_no_file(app, uow, acme, opp, files):
    # given an upload whose transaction fails after the file and the row were written
    storage = LocalStorage(files)
    with pytest.raises(RuntimeError), uow() as db:
        principal = operator_principal(db, "acme", "sales@acme.example")
        documents.upload_document(
            db, principal, opp, DocumentKind.RFP, "招标文件.pdf", io.BytesIO(PDF), storage, 1024
        )
        assert len(stored_files(files)) == 1
        raise RuntimeError("the request failed later")
    # then neither the file nor the row remain
    assert stored_files(files) == []
    assert row_counts(uow)["documents"] == 0


def test_a_deletion_keeps_the_file_until_it_is_committed(uow, client, acme, files, opp):
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    with pytest.raises(RuntimeError), uow() as db:
        principal = operator_principal(db, "acme", "sales@acme.example")
        documents.delete_document(db, principal, document["id"], LocalStorage(files))
        assert stored_files(files) == kept  # not before the commit
        raise RuntimeError("the request failed later")
    assert stored_files(files) == kept
    assert stored(uow, StoredFile, document["id"])["filename"] == NAME


def test_only_a_writer_may_delete_through_the_service(uow, client, acme, files, opp):
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)
    with uow() as db:
        viewer = operator_principal(db, "acme", "viewer@acme.example")
        with pytest.raises(PermissionDenied):
            documents.delete_document(db, viewer, document["id"], LocalStorage(files))
    assert stored(uow, StoredFile, document["id"])["filename"] == NAME


def test_each_kind_has_its_versions_newest_first(uow, acme, opp, files):
    # given an RFP, our proposal, then the amended RFP, uploaded through the service
    storage = LocalStorage(files)
    with uow() as db:
        sales = operator_principal(db, "acme", "sales@acme.example")
        for kind, name in (
            (DocumentKind.RFP, "招标文件.pdf"),
            (DocumentKind.PROPOSAL, "技术方案.pdf"),
            (DocumentKind.RFP, "招标文件（修订）.pdf"),
        ):
            documents.upload_document(db, sales, opp, kind, name, io.BytesIO(PDF), storage, 1024)

    # when the opportunity's documents are listed
    with uow() as db:
        viewer = operator_principal(db, "acme", "viewer@acme.example")
        listed = documents.list_documents(db, viewer, opp)

    # then each kind lists its versions, newest first, uploaded by the salesperson
    assert [(d.kind, d.version, d.filename, d.uploaded_by_id) for d in listed] == [
        (DocumentKind.PROPOSAL, 1, "技术方案.pdf", acme.sales.user_id),
        (DocumentKind.RFP, 2, "招标文件（修订）.pdf", acme.sales.user_id),
        (DocumentKind.RFP, 1, "招标文件.pdf", acme.sales.user_id),
    ]


def test_a_document_opens_only_for_its_own_opportunity(uow, client, acme, opp, files):
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)
    storage = LocalStorage(files)
    with uow() as db:
        viewer = operator_principal(db, "acme", "viewer@acme.example")
        opened = documents.open_document(db, viewer, document["id"], storage, opp)
        assert (opened.file.filename, b"".join(opened.chunks)) == (NAME, PDF)
        with pytest.raises(NotFound):
            documents.open_document(db, viewer, document["id"], storage, opp + 1)
