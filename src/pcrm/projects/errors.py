"""Errors of the project that carry more than a message."""

from __future__ import annotations

from pcrm.core.errors import Conflict
from pcrm.core.i18n import N_


class AlreadyConverted(Conflict):
    """The opportunity was converted to a project before: a 409 that names the project."""

    def __init__(self, project_id: int) -> None:
        super().__init__(N_("This opportunity has already been converted to a project."))
        self.project_id = project_id
