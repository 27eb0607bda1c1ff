"""The files area's declaration: uploads owned by a record of any area, their storage and their
checks (see `pcrm.core.areas`). It has no pages of its own: each owner serves its files."""

from __future__ import annotations

from pcrm.core.areas import Area

AREA = Area(
    name="files",
    summary="Uploaded files of any record: where the bytes go, what is accepted, downloads.",
)
