"""The opportunity page's documents tab: both languages, uploading (with the CSRF token, a bad
file shown inline, a far too large one refused unread), downloading and deleting from it, and
its pinned query count."""

from __future__ import annotations

import re

import pytest

from pcrm.files.models import StoredFile
from tests.factories import sign_in
from tests.opportunities.builders import account, opportunity, row_counts, stored
from tests.opportunities.documents.world import (
    DOCX,
    EXE,
    NAME,
    PDF,
    stored_files,
    uploaded,
)


def test_a_document_of_another_opportunity_is_a_404_on_the_page_routes(client, acme, uow, opp):
    token = acme.tokens["sales"]
    document = uploaded(client, token, opp, NAME, PDF)
    elsewhere = opportunity(client, token, account(client, token, "别的客户")["id"], "二期")["id"]
    csrf = sign_in(client, "sales@acme.example")
    base = f"/opportunities/{elsewhere}/documents/{document['id']}"
    assert client.get(f"{base}/download").status_code == 404
    assert client.post(f"{base}/delete", data={"csrf_token": csrf}).status_code == 404
    assert stored(uow, StoredFile, document["id"])["filename"] == NAME


# --- the documents tab --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "html_lang", "nav", "picker"),
    [
        ("zh_CN", "zh-CN", "客户", ("选择文件", "未选择文件")),
        ("en", "en", "Accounts", ("Choose a file", "No file chosen")),
    ],
)
def test_the_documents_tab_renders_in_both_languages(
    client, acme, opp, lang, html_lang, nav, picker
):
    token = acme.tokens["sales"]
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
    # the file picker is the app's own, in the page's language (not the browser's)
    choose, nothing = picker
    assert f"</svg> {choose}</span>" in tab
    assert f'data-empty="{nothing}">{nothing}</span>' in tab


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
    document = uploaded(client, acme.tokens["sales"], opp, NAME, PDF)
    csrf = sign_in(client, "sales@acme.example")
    response = client.post(
        f"/opportunities/{opp}/documents/{document['id']}/delete", data={"csrf_token": csrf}
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{opp}/documents?notice=deleted"
    assert row_counts(uow)["documents"] == 0
    assert stored_files(files) == []


def test_the_documents_tab_query_count_is_pinned(client, acme, opp, count_queries):
    token = acme.tokens["sales"]
    uploaded(client, token, opp, "招标文件.pdf", PDF)
    sign_in(client, "sales@acme.example")
    with count_queries() as few:
        assert client.get(f"/opportunities/{opp}/documents").status_code == 200
    for n, kind in enumerate(["rfp", "qa", "proposal", "pitch", "contract", "other"] * 2):
        uploader = acme.tokens["owner" if n % 2 else "sales"]
        uploaded(client, uploader, opp, f"文件{n}.pdf", PDF, kind=kind)
    with count_queries() as many:
        assert client.get(f"/opportunities/{opp}/documents").status_code == 200
    # session; opportunity, account, owner, tender, team and relations for the page's header;
    # the documents and their uploaders
    assert few.count == many.count == 9
