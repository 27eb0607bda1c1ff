"""Every table of PCRM in one `MetaData` (Alembic, tests): the platform's own and those of
every area's declared models."""

from pcrm.areas import AREAS
from pcrm.core import audit, instance, jobs
from pcrm.core.db import Base

PLATFORM_MODELS = (audit, instance, jobs)
AREA_MODELS = tuple(module for area in AREAS for module in area.models)
metadata = Base.metadata

__all__ = ["AREA_MODELS", "PLATFORM_MODELS", "metadata"]
