"""The files-area migration moves an opportunity's documents into stored_files and back: a
document uploaded before it keeps its id, its kind, version and file fields, and still
downloads after it, on both databases."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from pcrm.core.db import make_engine
from pcrm.core.migrate import downgrade, upgrade
from pcrm.main import create_app
from tests.conftest import BACKENDS, _postgres_database, make_settings
from tests.factories import bearer, make_team

BEFORE = "6d8521506372"  # the opportunities' migration, with opportunity_documents
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FILE_FIELDS = "kind, version, filename, content_type, size, sha256, storage_key"
AS_FILES = f"SELECT id, owner_id, {FILE_FIELDS} FROM stored_files"  # noqa: S608 - constants
AS_DOCUMENTS = f"SELECT id, opportunity_id, {FILE_FIELDS} FROM opportunity_documents"  # noqa: S608


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path):
    if request.param == "postgresql":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        return _postgres_database(f"{worker}_files_migration")
    return f"sqlite:///{tmp_path / 'files-migration.sqlite3'}"


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(query))]
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_document_from_before_the_files_area_still_downloads(database, tmp_path):
    # given an RFP uploaded to an opportunity, and the schema taken back before the files area
    upgrade(database)
    app = create_app(make_settings(database, files_dir=tmp_path / "files"))
    with app.state.session_factory() as db, db.begin():
        token = make_team(db).tokens["sales"]
    headers = bearer(token)
    with TestClient(app) as client:
        customer = client.post("/api/v1/accounts", json={"name": "华为"}, headers=headers).json()
        opp = client.post(
            "/api/v1/opportunities",
            json={"account_id": customer["id"], "name": "智慧园区一期"},
            headers=headers,
        ).json()["id"]
        uploaded = client.post(
            f"/api/v1/opportunities/{opp}/documents",
            data={"kind": "rfp"},
            files={"file": ("招标文件.pdf", PDF, "application/pdf")},
            headers=headers,
        ).json()
    app.state.engine.dispose()
    stored = _rows(database, AS_FILES)
    downgrade(database, BEFORE)

    # then the document is a row of opportunity_documents again, with every field it had
    assert "stored_files" not in _tables(database)
    assert _rows(database, AS_DOCUMENTS) == stored
    assert stored[0][:5] == (uploaded["id"], opp, "rfp", 1, "招标文件.pdf")

    # when the files area's migration runs
    upgrade(database)

    # then the document is a file of its opportunity, with its id, and downloads as before
    assert "opportunity_documents" not in _tables(database)
    assert _rows(database, "SELECT owner_type, owner_id, kind, version FROM stored_files") == [
        ("opportunity", opp, "rfp", 1)
    ]
    with TestClient(app) as client:
        download = client.get(
            f"/api/v1/opportunity-documents/{uploaded['id']}/download", headers=headers
        )
        listed = client.get(f"/api/v1/opportunities/{opp}/documents", headers=headers).json()
        again = client.post(
            f"/api/v1/opportunities/{opp}/documents",
            data={"kind": "rfp"},
            files={"file": ("招标文件（修订）.pdf", PDF, "application/pdf")},
            headers=headers,
        )
    app.state.engine.dispose()
    assert (download.status_code, download.content) == (200, PDF)
    assert listed == [uploaded]
    # and a new upload is the next version, with a new id after the moved ones
    assert again.status_code == 201, again.text
    assert (again.json()["version"], again.json()["id"] > uploaded["id"]) == (2, True)
