"""The files area's declaration: uploads owned by a record of any area, their storage and their
checks (see `pcrm.core.areas`). It has no pages of its own: each owner serves its files."""

from __future__ import annotations

from pcrm.core.areas import Area
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_
from pcrm.files import models
from pcrm.files.service import file_references

AREA = Area(
    name="files",
    summary="Uploaded files of any record: where the bytes go, what is accepted, downloads.",
    models=(models,),
    history=HistoryLabels(
        entities={
            "stored_file": EntityLabels(
                N_("File"),
                {
                    "owner_type": N_("Attached to"),
                    "owner_id": N_("Attached to record"),
                    "kind": N_("File kind"),
                    "filename": N_("File"),
                    "content_type": N_("File type"),
                    "size": N_("File size"),
                    "sha256": N_("Checksum (SHA-256)"),
                    "uploaded_by_id": N_("Uploaded by"),
                },
                kind_fields={"owner_id": "owner_type"},
            )
        },
        resolvers={"stored_file": file_references},
    ),
)
