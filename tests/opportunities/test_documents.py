"""Project documents (项目文档): uploads checked by content and size, versions per kind, files kept
under random keys, downloads as sandboxed attachments, tenancy, permissions, deletion and the
documents tab."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from pcrm.config import Settings
from pcrm.core.audit import AuditEntry
from pcrm.core.errors import PermissionDenied
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.public import operator_principal
from pcrm.opportunities import documents
from pcrm.opportunities.models import Document
from pcrm.opportunities.storage import LocalStorage, files_dir
from pcrm.opportunities.vocab import DocumentKind
from tests.factories import bearer, sign_in
from tests.opportunities.builders import account, opportunity, row_counts, stored

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = bytes.fromhex("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C489")
JPEG = bytes.fromhex("FFD8FFE000104A46494600010100000100010000FFD9")
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
TEXT = "会议纪要：答疑截止 12 月 1 日\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(48)
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POWERPOINT = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

TOO_LARGE = {
    "field": "file",
    "message": "The file is larger than the upload limit.",
    "type": "file_too_large",
}
MISMATCH = {
    "field": "file",
    "message": "The file's content does not match its extension.",
    "type": "file_mismatch",
}
NOT_ACCEPTED = {
    "field": "file",
    "message": "This type of file is not accepted. Upload a PDF, Word, Excel or PowerPoint "
    "document, a PNG or JPEG image, a text file or a ZIP archive.",
    "type": "file_type",
}


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = zipped("[Content_Types].xml", "_rels/.rels", "word/document.xml")
XLSX = zipped("[Content_Types].xml", "xl/workbook.xml")
PPTX = zipped("[Content_Types].xml", "ppt/presentation.xml")
ZIP = zipped("图纸/总图.dwg", "说明.txt")


@pytest.fixture(autouse=True)
def files(app, tmp_path, monkeypatch) -> Path:
    """Every test keeps its uploads in a folder of its own."""
    folder = tmp_path / "files"
    monkeypatch.setattr(app.state.settings, "files_dir", folder)
    return folder


def stored_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def opp(client, acme):
    token = acme["tokens"]["sales"]
    return opportunity(client, token, account(client, token)["id"])["id"]


def upload(client, token, opportunity_id, filename, content, kind="rfp", part_type="text/plain"):
    return client.post(
        f"/api/v1/opportunities/{opportunity_id}/documents",
        data={"kind": kind},
        files={"file": (filename, content, part_type)},
        headers=bearer(token),
    )


def uploaded(client, token, opportunity_id, filename, content, kind="rfp"):
    response = upload(client, token, opportunity_id, filename, content, kind)
    assert response.status_code == 201, response.text
    return response.json()


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
    token = acme["tokens"]["sales"]
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
        "uploaded_by_id": acme["sales"].user_id,
    }
    # and the bytes are kept under a random key that has nothing of the file's name
    row = stored(uow, Document, body["id"])
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}", row["storage_key"])
    assert stored_files(files) == [files / row["storage_key"]]
    assert (files / row["storage_key"]).read_bytes() == content
    after = row_counts(uow)
    assert after["documents"] == before["documents"] + 1
    assert after["audit_entries"] == before["audit_entries"] + 1


def test_a_new_upload_of_a_kind_is_its_next_version_and_older_ones_stay(client, acme, uow, opp):
    token = acme["tokens"]["sales"]
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
    # and the audit trail records the upload with its file name
    with uow() as db:
        entry = db.scalar(
            select(AuditEntry)
            .where(
                AuditEntry.entity_type == "opportunity_document",
                AuditEntry.entity_id == second["id"],
            )
            .execution_options(**GLOBAL)
        )
        assert entry is not None
        assert (entry.action, entry.entity_label, entry.actor_user_id) == (
            "create",
            "招标文件（修订）.pdf",
            acme["sales"].user_id,
        )
        assert {k: entry.changes[k] for k in ("kind", "filename", "content_type", "size")} == {
            "kind": [None, "rfp"],
            "filename": [None, "招标文件（修订）.pdf"],
            "content_type": [None, "application/pdf"],
            "size": [None, len(PDF) + 9],
        }


def test_the_folder_part_of_a_filename_is_dropped(client, acme, uow, files, opp):
    body = uploaded(client, acme["tokens"]["sales"], opp, "..\\..\\etc/答疑纪要.txt", TEXT)
    assert body["filename"] == "答疑纪要.txt"
    assert stored_files(files) == [files / stored(uow, Document, body["id"])["storage_key"]]


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
    token = acme["tokens"]["sales"]
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
    response = upload(client, acme["tokens"]["sales"], opp, filename, content)
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [error]
    assert row_counts(uow) == before
    assert stored_files(files) == []


def test_an_unknown_kind_is_refused(client, acme, uow, files, opp):
    before = row_counts(uow)
    response = upload(client, acme["tokens"]["sales"], opp, "招标文件.pdf", PDF, kind="invoice")
    assert response.status_code == 422
    assert [(e["field"], e["type"]) for e in response.json()["errors"]] == [("kind", "enum")]
    assert row_counts(uow) == before
    assert stored_files(files) == []


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


# --- downloads ----------------------------------------------------------------------------------

NAME = "招标文件 第2版.pdf"
DISPOSITION = (
    'attachment; filename="____ _2_.pdf"; '
    "filename*=UTF-8''%E6%8B%9B%E6%A0%87%E6%96%87%E4%BB%B6%20%E7%AC%AC2%E7%89%88.pdf"
)


def _download_headers(response):
    return {
        name: response.headers.get(name)
        for name in (
            "content-type",
            "content-disposition",
            "content-length",
            "x-content-type-options",
            "content-security-policy",
        )
    }


def test_a_download_is_a_sandboxed_attachment_with_the_checked_type(client, acme, opp):
    # given an uploaded RFP with a Chinese name
    token = acme["tokens"]["viewer"]
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)

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
        assert _download_headers(response) == {
            "content-type": "application/pdf",
            "content-disposition": DISPOSITION,
            "content-length": str(len(PDF)),
            "x-content-type-options": "nosniff",
            "content-security-policy": "sandbox; default-src 'none'",
        }


def test_a_text_file_is_served_as_utf8_text(client, acme, opp):
    document = uploaded(client, acme["tokens"]["sales"], opp, "notes.txt", TEXT, kind="qa")
    response = client.get(
        f"/api/v1/opportunity-documents/{document['id']}/download",
        headers=bearer(acme["tokens"]["sales"]),
    )
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt"
    )
    assert response.content == TEXT


def test_a_document_of_another_opportunity_is_a_404_on_the_page_routes(client, acme, uow, opp):
    token = acme["tokens"]["sales"]
    document = uploaded(client, token, opp, NAME, PDF)
    elsewhere = opportunity(client, token, account(client, token, "别的客户")["id"], "二期")["id"]
    csrf = sign_in(client, "sales@acme.example")
    base = f"/opportunities/{elsewhere}/documents/{document['id']}"
    assert client.get(f"{base}/download").status_code == 404
    assert client.post(f"{base}/delete", data={"csrf_token": csrf}).status_code == 404
    assert stored(uow, Document, document["id"])["filename"] == NAME


# --- tenancy and permissions ---------------------------------------------------------------------


def test_another_workspace_gets_404_and_changes_nothing(client, acme, uow, files, opp):
    # given an RFP of acme
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    before = row_counts(uow)
    stranger = bearer(acme["tokens"]["stranger"])

    # when another workspace's user asks for it every way
    answers = [
        client.get(f"/api/v1/opportunities/{opp}/documents", headers=stranger),
        upload(client, acme["tokens"]["stranger"], opp, NAME, PDF),
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
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    before = row_counts(uow)
    viewer = bearer(acme["tokens"]["viewer"])

    listed = client.get(f"/api/v1/opportunities/{opp}/documents", headers=viewer)
    refused_upload = upload(client, acme["tokens"]["viewer"], opp, "述标.pptx", PPTX)
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
    token = acme["tokens"]["sales"]
    first = uploaded(client, token, opp, "招标文件.pdf", PDF)
    second = uploaded(client, token, opp, "招标文件（修订）.pdf", PDF + b"%v2\n")
    second_file = files / stored(uow, Document, second["id"])["storage_key"]

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
                AuditEntry.entity_type == "opportunity_document",
                AuditEntry.entity_id == first["id"],
            )
            .order_by(AuditEntry.id)
            .execution_options(**GLOBAL)
        ).all()
    assert actions == ["create", "delete"]
    # and the next RFP upload follows the latest version
    assert uploaded(client, token, opp, "招标文件（三）.pdf", PDF)["version"] == 3


def test_a_deletion_keeps_the_file_until_it_is_committed(uow, client, acme, files, opp):
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    kept = stored_files(files)
    with pytest.raises(RuntimeError), uow() as db:
        principal = operator_principal(db, "acme", "sales@acme.example")
        documents.delete_document(db, principal, document["id"], LocalStorage(files))
        assert stored_files(files) == kept  # not before the commit
        raise RuntimeError("the request failed later")
    assert stored_files(files) == kept
    assert stored(uow, Document, document["id"])["filename"] == NAME


def test_only_a_writer_may_delete_through_the_service(uow, client, acme, files, opp):
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    with uow() as db:
        viewer = operator_principal(db, "acme", "viewer@acme.example")
        with pytest.raises(PermissionDenied):
            documents.delete_document(db, viewer, document["id"], LocalStorage(files))
    assert stored(uow, Document, document["id"])["filename"] == NAME


# --- the documents tab --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "html_lang", "nav"), [("zh_CN", "zh-CN", "客户"), ("en", "en", "Accounts")]
)
def test_the_documents_tab_renders_in_both_languages(client, acme, opp, lang, html_lang, nav):
    token = acme["tokens"]["sales"]
    uploaded(client, token, opp, "招标文件.pdf", PDF)
    uploaded(client, token, opp, "招标文件（修订）.pdf", PDF + b"%v2\n")
    uploaded(client, token, opp, "技术方案.docx", DOCX, kind="proposal")
    sign_in(client, "sales@acme.example")
    client.cookies.set("pcrm_lang", lang)

    page = client.get(f"/opportunities/{opp}/documents")

    assert page.status_code == 200
    assert f'<html lang="{html_lang}">' in page.text
    assert nav in page.text
    tab = page.text[page.text.index('data-testid="documents-tab"') :]
    assert re.findall(r'data-testid="document-download">([^<]+)<', tab) == [
        "招标文件（修订）.pdf",
        "招标文件.pdf",
        "技术方案.docx",
    ]
    assert re.findall(r"<td>v(\d)", tab) == ["2", "1", "1"]
    assert tab.count('data-testid="document-kind"') == 2
    assert 'data-testid="upload-form"' in tab
    assert 'enctype="multipart/form-data"' in tab


def test_uploading_from_the_page_carries_the_csrf_token(client, acme, uow, files, opp):
    csrf = sign_in(client, "sales@acme.example")
    client.cookies.set("pcrm_lang", "en")
    form = {"kind": "contract", "csrf_token": csrf}

    # without the token the post is refused and nothing is written
    before = row_counts(uow)
    refused = client.post(
        f"/opportunities/{opp}/documents",
        data={"kind": "contract"},
        files={"file": ("合同.pdf", PDF, "application/pdf")},
    )
    assert refused.status_code == 403
    assert row_counts(uow) == before
    assert stored_files(files) == []

    # with it (a multipart form) the upload lands and the tab lists it
    response = client.post(
        f"/opportunities/{opp}/documents",
        data=form,
        files={"file": ("合同.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{opp}/documents?notice=uploaded"
    page = client.get(response.headers["location"])
    assert "The document has been uploaded." in page.text
    assert 'data-testid="document-download">合同.pdf<' in page.text
    assert len(stored_files(files)) == 1


def test_a_bad_file_from_the_page_is_shown_inline_and_nothing_is_written(
    client, acme, uow, files, opp
):
    csrf = sign_in(client, "sales@acme.example")
    client.cookies.set("pcrm_lang", "en")
    before = row_counts(uow)

    response = client.post(
        f"/opportunities/{opp}/documents",
        data={"kind": "pitch", "csrf_token": csrf},
        files={"file": ("述标.pdf", EXE, "application/pdf")},
    )

    assert response.status_code == 422
    error = re.search(r'data-testid="error-file">([^<]+)<', response.text)
    assert error is not None
    assert error.group(1) == "The file&#39;s content does not match its extension."
    assert '<option value="pitch" selected>' in response.text
    assert row_counts(uow) == before
    assert stored_files(files) == []


def test_a_page_upload_without_a_file_or_kind_says_so(client, acme, uow, files, opp):
    csrf = sign_in(client, "sales@acme.example")
    client.cookies.set("pcrm_lang", "en")
    before = row_counts(uow)
    no_file = client.post(
        f"/opportunities/{opp}/documents",
        data={"kind": "rfp", "csrf_token": csrf},
        files={"file": ("", b"", "application/octet-stream")},
    )
    no_kind = client.post(
        f"/opportunities/{opp}/documents",
        data={"kind": "invoice", "csrf_token": csrf},
        files={"file": ("合同.pdf", PDF, "application/pdf")},
    )
    assert (no_file.status_code, no_kind.status_code) == (422, 422)
    assert 'data-testid="error-file">Choose a file to upload.<' in no_file.text
    assert 'data-testid="error-kind">Choose one of the allowed values.<' in no_kind.text
    assert row_counts(uow) == before
    assert stored_files(files) == []


def test_a_far_too_large_page_upload_is_refused_before_it_is_read(
    app, client, acme, uow, files, opp, monkeypatch
):
    monkeypatch.setattr(app.state.settings, "max_upload_mb", 1)
    csrf = sign_in(client, "sales@acme.example")
    client.cookies.set("pcrm_lang", "en")
    before = row_counts(uow)
    response = client.post(
        f"/opportunities/{opp}/documents",
        data={"kind": "rfp", "csrf_token": csrf},
        files={"file": ("big.pdf", b"%PDF-" + bytes(3 * 1024 * 1024), "application/pdf")},
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert 'data-testid="error-file">The file is larger than the upload limit.<' in page.text
    assert row_counts(uow) == before
    assert stored_files(files) == []


def test_deleting_from_the_page_removes_the_file(client, acme, uow, files, opp):
    document = uploaded(client, acme["tokens"]["sales"], opp, NAME, PDF)
    csrf = sign_in(client, "sales@acme.example")
    response = client.post(
        f"/opportunities/{opp}/documents/{document['id']}/delete", data={"csrf_token": csrf}
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{opp}/documents?notice=deleted"
    assert row_counts(uow)["documents"] == 0
    assert stored_files(files) == []


def test_the_documents_tab_query_count_is_pinned(client, acme, opp, count_queries):
    token = acme["tokens"]["sales"]
    uploaded(client, token, opp, "招标文件.pdf", PDF)
    sign_in(client, "sales@acme.example")
    with count_queries() as few:
        assert client.get(f"/opportunities/{opp}/documents").status_code == 200
    for n, kind in enumerate(["rfp", "qa", "proposal", "pitch", "contract", "other"] * 2):
        uploader = acme["tokens"]["owner" if n % 2 else "sales"]
        uploaded(client, uploader, opp, f"文件{n}.pdf", PDF, kind=kind)
    with count_queries() as many:
        assert client.get(f"/opportunities/{opp}/documents").status_code == 200
    # session; opportunity, account, owner, tender, team and relations for the page's header;
    # the documents and their uploaders
    assert few.count == many.count == 9


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
