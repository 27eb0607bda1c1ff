"""Pages of change requests."""

from __future__ import annotations

from fastapi import APIRouter

from pcrm.core.deps import SessionRoute

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
