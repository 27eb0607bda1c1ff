"""Every area of PCRM in layer order: an area may import the `public` module of an area above
it in this list, never one below (tests/test_architecture.py checks it). The application
factory includes their routers in this order, the navigation and the demo seed follow it, and
`pcrm.models` imports their models from it.

The planned order of the areas still to come: core → identity → files, notifications →
accounts → relationships → opportunities → contracts → projects → service → loyalty →
analytics → transfer → portal → web (docs/adr/0005-area-layout.md)."""

from __future__ import annotations

from pcrm.accounts.area import AREA as ACCOUNTS
from pcrm.core.areas import Area
from pcrm.files.area import AREA as FILES
from pcrm.identity.area import AREA as IDENTITY
from pcrm.notifications.area import AREA as NOTIFICATIONS
from pcrm.opportunities.area import AREA as OPPORTUNITIES
from pcrm.portal.area import AREA as PORTAL
from pcrm.projects.area import AREA as PROJECTS
from pcrm.relationships.area import AREA as RELATIONSHIPS
from pcrm.service.area import AREA as SERVICE
from pcrm.web.area import AREA as WEB

AREAS: tuple[Area, ...] = (
    IDENTITY,
    FILES,
    NOTIFICATIONS,
    ACCOUNTS,
    RELATIONSHIPS,
    OPPORTUNITIES,
    PROJECTS,
    SERVICE,
    PORTAL,
    WEB,
)
