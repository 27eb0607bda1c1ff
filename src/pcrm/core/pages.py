"""Small helpers every area's HTML routes share: the page's language, the notice shown after
a redirect, and where a form may send the user back to."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.i18n import translate
from pcrm.core.templating import is_htmx


def page_locale(request: Request) -> str:
    return str(request.state.locale)


def notice(request: Request, notices: Mapping[str, str]) -> str | None:
    """The translated notice named by `?notice=` if it is one of the area's (never free text
    from the URL)."""
    key = request.query_params.get("notice", "")
    return translate(page_locale(request), notices[key]) if key in notices else None


def redirect(url: str, notice_key: str | None = None) -> RedirectResponse:
    """303 to `url` after a form post, naming the notice to show there."""
    if notice_key:
        url += ("&" if "?" in url else "?") + f"notice={notice_key}"
    return RedirectResponse(url, status_code=303)


def saved(request: Request, target: str) -> Response:
    """After a saved edit: an inline (HTMX) edit reloads the whole page with the notice, a
    plain form post is redirected there."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": f"{target}?notice=saved"})
    return redirect(target, "saved")


def local_path(url: str, default: str) -> str:
    """A redirect target from a form: a path on this site, never another site."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else default
