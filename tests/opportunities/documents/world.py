"""Files of every accepted type and of the refused kinds, an opportunity to attach them to, and
the helpers that upload them, for the documents tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.factories import bearer
from tests.opportunities.builders import account, opportunity

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
    token = acme.tokens["sales"]
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


# --- downloads ----------------------------------------------------------------------------------

NAME = "招标文件 第2版.pdf"


DISPOSITION = (
    'attachment; filename="____ _2_.pdf"; '
    "filename*=UTF-8''%E6%8B%9B%E6%A0%87%E6%96%87%E4%BB%B6%20%E7%AC%AC2%E7%89%88.pdf"
)


def download_headers(response):
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
