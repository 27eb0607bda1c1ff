"""The web shell's declaration: the workbench, the layout and shared components every page
extends, the application's own static files and the interactive API documentation (see
`pcrm.core.areas`). It comes last: the shell may show what any area offers."""

from __future__ import annotations

from pcrm.core.areas import Area, NavEntry
from pcrm.core.i18n import N_
from pcrm.web import routes, routes_search

AREA = Area(
    name="web",
    summary="The shell: workbench, layout, navigation, shared components, static files.",
    api=(routes_search.api,),
    pages=(routes.router, routes_search.pages),
    nav=(NavEntry("home", N_("Workbench"), "home", "/", order=10),),
    static_mount="/static",
)
