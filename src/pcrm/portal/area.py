"""The customer portal's declaration (see `pcrm.core.areas`): presentation only, no models, no
queries; its pages call `identity.public` (portal principals) and `projects.public`."""

from __future__ import annotations

from pcrm.core.areas import Area
from pcrm.portal import routes_html

AREA = Area(
    name="portal",
    summary="The customer's portal: their projects, what awaits them, their sign-offs and answers.",
    pages=(routes_html.router,),
    presentation_only=True,
    demo="portal",
)
