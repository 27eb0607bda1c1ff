"""The documents service, through its functions: a rolled-back upload or deletion keeps the
storage as it was, and only a writer deletes."""

from __future__ import annotations

import io

import pytest

from pcrm.core.errors import PermissionDenied
from pcrm.files.models import StoredFile
from pcrm.files.storage import LocalStorage
from pcrm.identity.service import operator_principal
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
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    with pytest.raises(RuntimeError), uow() as db:
        principal = operator_principal(db, "acme", "sales@acme.example")
        documents.delete_document(db, principal, document["id"], LocalStorage(files))
        assert stored_files(files) == kept  # not before the commit
        raise RuntimeError("the request failed later")
    assert stored_files(files) == kept
    assert stored(uow, StoredFile, document["id"])["filename"] == NAME


def test_only_a_writer_may_delete_through_the_service(uow, client, acme, files, opp):
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    with uow() as db:
        viewer = operator_principal(db, "acme", "viewer@acme.example")
        with pytest.raises(PermissionDenied):
            documents.delete_document(db, viewer, document["id"], LocalStorage(files))
    assert stored(uow, StoredFile, document["id"])["filename"] == NAME
