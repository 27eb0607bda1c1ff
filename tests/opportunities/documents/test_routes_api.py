"""Project documents (项目文档) over the JSON API: uploads checked by content and size, versions
per kind, files kept under random keys, downloads as sandboxed attachments, tenancy,
permissions and deletion."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.files.models import StoredFile
from tests.factories import bearer, sign_in
from tests.opportunities.builders import row_counts, stored
from tests.opportunities.documents.world import (
    DISPOSITION,
    DOCX,
    EXCEL,
    EXE,
    HTML,
    JPEG,
    MISMATCH,
    NAME,
    NOT_ACCEPTED,
    OLE2,
    PDF,
    PNG,
    POWERPOINT,
    PPTX,
    TEXT,
    TOO_LARGE,
    WORD,
    XLSX,
    ZIP,
    download_headers,
    stored_files,
    upload,
    uploaded,
)

# --- accepted files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        ("招标文件.pdf", PDF, "application/pdf"),
        ("技术方案.docx", DOCX, WORD),
        ("报价清单.xlsx", XLSX, EXCEL),
        ("述标.pptx", PPTX, POWERPOINT),
        ("旧版方案.doc", OLE2, "application/msword"),
        ("旧版清单.xls", OLE2, "application/vnd.ms-excel"),
        ("旧版述标.ppt", OLE2, "application/vnd.ms-powerpoint"),
        ("现场照片.png", PNG, "image/png"),
        ("现场照片.JPG", JPEG, "image/jpeg"),
        ("现场照片.jpeg", JPEG, "image/jpeg"),
        ("答疑纪要.txt", TEXT, "text/plain; charset=utf-8"),
        ("图纸.zip", ZIP, "application/zip"),
    ],
)
def test_each_accepted_type_is_stored_under_a_random_key(
    client, acme, uow, files, opp, filename, content, content_type
):
    # given an opportunity; the client claims every file is text/html
    token = acme.tokens["sales"]
    before = row_counts(uow)

    # when the file is uploaded as the RFP
    response = upload(client, token, opp, filename, content, part_type="text/html")

    # then it is the RFP's first version, typed by its content
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/api/v1/opportunity-documents/{body['id']}"
    assert {k: v for k, v in body.items() if k not in ("id", "created_at")} == {
        "opportunity_id": opp,
        "kind": "rfp",
        "version": 1,
        "filename": filename,
        "content_type": content_type,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "uploaded_by_id": acme.sales.user_id,
    }
    # and the bytes are kept under a random key that has nothing of the file's name
    row = stored(uow, StoredFile, body["id"])
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}", row["storage_key"])
    assert stored_files(files) == [files / row["storage_key"]]
    assert (files / row["storage_key"]).read_bytes() == content
    after = row_counts(uow)
    assert after["documents"] == before["documents"] + 1
    assert after["audit_entries"] == before["audit_entries"] + 1


def test_a_new_upload_of_a_kind_is_its_next_version_and_older_ones_stay(client, acme, uow, opp):
    token = acme.tokens["sales"]
    # given a first RFP and our proposal
    first = uploaded(client, token, opp, "招标文件.pdf", PDF)
    uploaded(client, token, opp, "技术方案.docx", DOCX, kind="proposal")

    # when the RFP is uploaded again (the amended one)
    second = uploaded(client, token, opp, "招标文件（修订）.pdf", PDF + b"%amended\n")

    # then it is version 2, and version 1 is still listed, each kind newest first
    assert (first["version"], second["version"]) == (1, 2)
    listed = client.get(f"/api/v1/opportunities/{opp}/documents", headers=bearer(token)).json()
    assert [(d["kind"], d["version"], d["filename"]) for d in listed] == [
        ("proposal", 1, "技术方案.docx"),
        ("rfp", 2, "招标文件（修订）.pdf"),
        ("rfp", 1, "招标文件.pdf"),
    ]
    # and the audit trail records the upload, a file of the opportunity, with its file name
    with uow() as db:
        entry = db.scalar(
            select(AuditEntry)
            .where(
                AuditEntry.entity_type == "stored_file",
                AuditEntry.entity_id == second["id"],
            )
            .execution_options(**GLOBAL)
        )
        assert entry is not None
        assert (entry.action, entry.entity_label, entry.actor_user_id) == (
            "create",
            "招标文件（修订）.pdf",
            acme.sales.user_id,
        )
        assert {k: entry.changes[k] for k in ("kind", "filename", "content_type", "size")} == {
            "kind": [None, "rfp"],
            "filename": [None, "招标文件（修订）.pdf"],
            "content_type": [None, "application/pdf"],
            "size": [None, len(PDF) + 9],
        }
        assert (entry.changes["owner_type"], entry.changes["owner_id"]) == (
            [None, "opportunity"],
            [None, opp],
        )


def test_the_folder_part_of_a_filename_is_dropped(client, acme, uow, files, opp):
    body = uploaded(client, acme.tokens["sales"], opp, "..\\..\\etc/答疑纪要.txt", TEXT)
    assert body["filename"] == "答疑纪要.txt"
    assert stored_files(files) == [files / stored(uow, StoredFile, body["id"])["storage_key"]]


# --- refused files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "chunked"),
    [
        (1024 * 1024 + 1, False),  # one byte over: refused while it is read
        (3 * 1024 * 1024, False),  # far over: refused from its Content-Length, unread
        (3 * 1024 * 1024, True),  # far over, no Content-Length: cut off on the wire
    ],
)
def test_a_file_over_the_limit_is_refused_and_nothing_is_written(
    app, client, acme, uow, files, opp, monkeypatch, size, chunked
):
    # given a 1 MB upload limit
    monkeypatch.setattr(app.state.settings, "max_upload_mb", 1)
    token = acme.tokens["sales"]
    before = row_counts(uow)

    # when a larger text file is sent
    if chunked:
        boundary = "pcrm-test-boundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrfp\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()

        def body():
            yield head
            for _ in range(size // 65536):
                yield b"a" * 65536
            yield f"\r\n--{boundary}--\r\n".encode()

        response = client.post(
            f"/api/v1/opportunities/{opp}/documents",
            content=body(),
            headers={
                **bearer(token),
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        assert "content-length" not in response.request.headers
    else:
        response = upload(client, token, opp, "big.txt", b"a" * size)

    # then it is a 422 on the file, and no row, audit entry or file was written
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [TOO_LARGE]
    assert row_counts(uow) == before
    assert stored_files(files) == []


@pytest.mark.parametrize(
    ("filename", "content", "error"),
    [
        ("招标文件.pdf", EXE, MISMATCH),  # a program renamed .pdf
        ("招标文件.pdf", HTML, MISMATCH),  # a web page renamed .pdf
        ("现场照片.jpg", PNG, MISMATCH),  # a PNG is not a JPEG
        ("报价清单.xlsx", DOCX, MISMATCH),  # a Word package renamed .xlsx
        ("技术方案.docx", ZIP, MISMATCH),  # a plain ZIP is not a Word document
        ("技术方案.docx", PDF, MISMATCH),
        ("旧版方案.doc", PDF, MISMATCH),
        ("图纸.zip", EXE + ZIP, MISMATCH),  # a self-extracting program is not a ZIP
        ("答疑纪要.txt", b"abc\x00def", MISMATCH),  # NUL bytes: not text
        ("答疑纪要.txt", "会议纪要".encode("gb18030"), MISMATCH),  # not UTF-8
        ("答疑纪要.txt", b"", {**MISMATCH, "message": "The file is empty.", "type": "file_empty"}),
        ("setup.exe", EXE, NOT_ACCEPTED),
        ("page.html", HTML, NOT_ACCEPTED),
        ("招标文件", PDF, NOT_ACCEPTED),  # no extension
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    client, acme, uow, files, opp, filename, content, error
):
    before = row_counts(uow)
    response = upload(client, acme.tokens["sales"], opp, filename, content)
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [error]
    assert row_counts(uow) == before
    assert stored_files(files) == []


def test_an_unknown_kind_is_refused(client, acme, uow, files, opp):
    before = row_counts(uow)
    response = upload(client, acme.tokens["sales"], opp, "招标文件.pdf", PDF, kind="invoice")
    assert response.status_code == 422
    assert [(e["field"], e["type"]) for e in response.json()["errors"]] == [("kind", "enum")]
    assert row_counts(uow) == before
    assert stored_files(files) == []


def test_a_download_is_a_sandboxed_attachment_with_the_checked_type(client, acme, opp):
    # given an uploaded RFP with a Chinese name
    token = acme.tokens["viewer"]
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)

    # when a viewer downloads it through the API and through the page
    api = client.get(
        f"/api/v1/opportunity-documents/{document['id']}/download", headers=bearer(token)
    )
    sign_in(client, "viewer@acme.example")
    page = client.get(f"/opportunities/{opp}/documents/{document['id']}/download")

    # then both are the same bytes, as an attachment that is never sniffed nor rendered
    for response in (api, page):
        assert response.status_code == 200
        assert response.content == PDF
        assert download_headers(response) == {
            "content-type": "application/pdf",
            "content-disposition": DISPOSITION,
            "content-length": str(len(PDF)),
            "x-content-type-options": "nosniff",
            "content-security-policy": "sandbox; default-src 'none'",
        }


def test_a_text_file_is_served_as_utf8_text(client, acme, opp):
    document = uploaded(client, acme.tokens["sales"], opp, "notes.txt", TEXT, kind="qa")
    response = client.get(
        f"/api/v1/opportunity-documents/{document['id']}/download",
        headers=bearer(acme.tokens["sales"]),
    )
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt"
    )
    assert response.content == TEXT


# --- tenancy and permissions ---------------------------------------------------------------------


def test_another_workspace_gets_404_and_changes_nothing(client, acme, uow, files, opp):
    # given an RFP of acme
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    before = row_counts(uow)
    stranger = bearer(acme.tokens["stranger"])

    # when another workspace's user asks for it every way
    answers = [
        client.get(f"/api/v1/opportunities/{opp}/documents", headers=stranger),
        upload(client, acme.tokens["stranger"], opp, NAME, PDF),
        client.get(f"/api/v1/opportunity-documents/{document['id']}", headers=stranger),
        client.get(f"/api/v1/opportunity-documents/{document['id']}/download", headers=stranger),
        client.delete(f"/api/v1/opportunity-documents/{document['id']}", headers=stranger),
    ]
    csrf = sign_in(client, "owner@other.example")
    answers += [
        client.get(f"/opportunities/{opp}/documents"),
        client.get(f"/opportunities/{opp}/documents/{document['id']}/download"),
        client.post(
            f"/opportunities/{opp}/documents/{document['id']}/delete", data={"csrf_token": csrf}
        ),
        client.post(
            f"/opportunities/{opp}/documents",
            data={"kind": "rfp", "csrf_token": csrf},
            files={"file": (NAME, PDF, "application/pdf")},
        ),
    ]

    # then every answer is a 404, and the document and its file are untouched
    assert [a.status_code for a in answers] == [404] * 9
    assert row_counts(uow) == before
    assert stored_files(files) == kept


def test_a_viewer_reads_but_cannot_upload_or_delete(client, acme, uow, files, opp):
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    before = row_counts(uow)
    viewer = bearer(acme.tokens["viewer"])

    listed = client.get(f"/api/v1/opportunities/{opp}/documents", headers=viewer)
    refused_upload = upload(client, acme.tokens["viewer"], opp, "述标.pptx", PPTX)
    refused_delete = client.delete(
        f"/api/v1/opportunity-documents/{document['id']}", headers=viewer
    )
    csrf = sign_in(client, "viewer@acme.example")
    page = client.get(f"/opportunities/{opp}/documents")
    refused_form = client.post(
        f"/opportunities/{opp}/documents",
        data={"kind": "pitch", "csrf_token": csrf},
        files={"file": ("述标.pptx", PPTX, "application/octet-stream")},
    )
    refused_form_delete = client.post(
        f"/opportunities/{opp}/documents/{document['id']}/delete", data={"csrf_token": csrf}
    )

    assert [d["id"] for d in listed.json()] == [document["id"]]
    assert [
        refused_upload.status_code,
        refused_delete.status_code,
        refused_form.status_code,
        refused_form_delete.status_code,
    ] == [403, 403, 403, 403]
    assert page.status_code == 200
    assert 'data-testid="upload-form"' not in page.text
    assert 'data-testid="document-delete"' not in page.text
    assert NAME in page.text
    assert row_counts(uow) == before
    assert stored_files(files) == kept


# --- deletion -----------------------------------------------------------------------------------


def test_deleting_a_version_removes_its_row_and_file_and_keeps_the_others(
    client, acme, uow, files, opp
):
    # given two versions of the RFP
    token = acme.tokens["sales"]
    first = uploaded(client, token, opp, "招标文件.pdf", PDF)
    second = uploaded(client, token, opp, "招标文件（修订）.pdf", PDF + b"%v2\n")
    second_file = files / stored(uow, StoredFile, second["id"])["storage_key"]

    # when version 1 is deleted
    response = client.delete(f"/api/v1/opportunity-documents/{first['id']}", headers=bearer(token))

    # then its row and file are gone, version 2 stays, and the deletion is in the audit trail
    assert response.status_code == 204
    listed = client.get(f"/api/v1/opportunities/{opp}/documents", headers=bearer(token)).json()
    assert [(d["id"], d["version"]) for d in listed] == [(second["id"], 2)]
    assert stored_files(files) == [second_file]
    with uow() as db:
        actions = db.scalars(
            select(AuditEntry.action)
            .where(
                AuditEntry.entity_type == "stored_file",
                AuditEntry.entity_id == first["id"],
            )
            .order_by(AuditEntry.id)
            .execution_options(**GLOBAL)
        ).all()
    assert actions == ["create", "delete"]
    # and the next RFP upload follows the latest version
    assert uploaded(client, token, opp, "招标文件（三）.pdf", PDF)["version"] == 3
