"""HTTP security: request ids, locale choice, security headers and CSRF tokens, and the
server's time per response (pure ASGI middleware, so context variables reach the worker
threads of plain `def` endpoints).

Every response but static files and the health check says `Cache-Control: no-store` (pages
and API answers carry personal data); over https it says `Strict-Transport-Security`. When
cookies are secure (`PCRM_COOKIE_SECURE`, or https under `auto`) the session and CSRF cookies
are named with the `__Host-` prefix, which browsers accept only with `Secure`, `Path=/` and no
`Domain`: nothing on another subdomain or over plain http can set or shadow them."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request

from pcrm.config import Settings
from pcrm.core.context import client_var, locale_var, request_id_var
from pcrm.core.i18n import negotiate, normalize_locale

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HOST_PREFIX = "__Host-"
CSRF_COOKIE = "pcrm_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
LANG_COOKIE = "pcrm_lang"
SESSION_COOKIE = "pcrm_session"
# The customer portal's own session and CSRF cookies (ADR 0007): a staff session never reaches
# a portal page nor a portal session a staff page, and a token of one is worth nothing in the
# other's forms.
PORTAL_SESSION_COOKIE = "pcrm_portal"
PORTAL_CSRF_COOKIE = "pcrm_portal_csrf"
PORTAL_PREFIX = "/portal"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HSTS = "max-age=31536000; includeSubDomains"
NO_STORE = "no-store"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
}


def sign_csrf(secret: str, nonce: str) -> str:
    mac = hmac.new(secret.encode(), nonce.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{nonce}.{mac}"


def csrf_cookie_valid(secret: str, value: str | None) -> bool:
    if not value or "." not in value:
        return False
    nonce = value.split(".", 1)[0]
    return hmac.compare_digest(sign_csrf(secret, nonce), value)


def is_https(request: Request, trust_proxies: bool) -> bool:
    if trust_proxies:
        proto = request.headers.get("x-forwarded-proto")
        if proto:
            return proto.split(",")[0].strip() == "https"
    return request.url.scheme == "https"


def wants_secure_cookies(request: Request, settings: Settings) -> bool:
    if settings.cookie_secure == "always":
        return True
    if settings.cookie_secure == "never":
        return False
    return is_https(request, settings.trusted_proxies)


def client_ip(request: Request, trust_proxies: bool) -> str:
    if trust_proxies:
        forwarded = request.headers.get("x-forwarded-for")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.client.host if request.client else "unknown"


def secure_cookies_of(request: Request) -> bool:
    """Whether this request's cookies are `Secure` (and so `__Host-` named); the middleware
    decides once per request."""
    return bool(getattr(request.state, "secure_cookies", False))


def cookie_name(request: Request, base: str) -> str:
    """The name of one of PCRM's own cookies (session, CSRF) in this request."""
    return HOST_PREFIX + base if secure_cookies_of(request) else base


def session_cookie_name(request: Request) -> str:
    return cookie_name(request, SESSION_COOKIE)


def is_portal_path(path: str) -> bool:
    return path == PORTAL_PREFIX or path.startswith(PORTAL_PREFIX + "/")


def csrf_cookie_name(request: Request) -> str:
    """The CSRF cookie of this request: the portal's under /portal, the staff's elsewhere."""
    base = PORTAL_CSRF_COOKIE if is_portal_path(request.url.path) else CSRF_COOKIE
    return cookie_name(request, base)


def portal_session_cookie_name(request: Request) -> str:
    return cookie_name(request, PORTAL_SESSION_COOKIE)


def rotate_csrf(request: Request) -> None:
    """Give the browser a new CSRF token with this response (at sign-in and sign-out), so a
    token seen before signing in is worth nothing after."""
    request.state.rotate_csrf = True


def _csrf_cookie(name: str, value: str, secure: bool) -> str:
    jar: SimpleCookie = SimpleCookie()
    jar[name] = value
    jar[name]["path"] = "/"
    jar[name]["httponly"] = True
    jar[name]["samesite"] = "Lax"
    if secure:
        jar[name]["secure"] = True
    return jar.output(header="").strip()


class PlatformMiddleware:
    """Sets request id, locale and CSRF cookie on the way in; security headers and the
    server's time on the way out.

    `Server-Timing: app;dur=<ms>` is the time from the request reaching the application to
    its response starting: the handler, and any wait for a worker thread or a connection,
    but not the wait for the event loop before it nor the client's own time. Browsers show
    it in their developer tools; bench/http_load.py reports it as the server time."""

    def __init__(
        self,
        app: ASGIApp,
        secret: Callable[[], str],
        default_locale: str,
        secure_cookies: Callable[[Request], bool],
        https: Callable[[Request], bool] = lambda _request: False,
        client: Callable[[Request], str] = lambda request: client_ip(request, False),
        cacheable: tuple[str, ...] = ("/static/",),
    ) -> None:
        self.app = app
        self.secret = secret
        self.default_locale = default_locale
        self.secure_cookies = secure_cookies
        self.https = https
        self.client = client
        self.cacheable = cacheable

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        incoming = request.headers.get("x-request-id", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        is_api = scope["path"].startswith("/api/")
        state["locale"] = (
            (None if is_api else normalize_locale(request.cookies.get(LANG_COOKIE)))
            or negotiate(request.headers.get("accept-language"))
            or ("en" if is_api else self.default_locale)
        )
        locale_token = locale_var.set(state["locale"])  # for services: current_locale()
        secure = state["secure_cookies"] = self.secure_cookies(request)
        csrf_base = PORTAL_CSRF_COOKIE if is_portal_path(scope["path"]) else CSRF_COOKIE
        csrf_name = HOST_PREFIX + csrf_base if secure else csrf_base
        secret = self.secret()
        cookie = request.cookies.get(csrf_name)
        new_cookie = None
        if not csrf_cookie_valid(secret, cookie):
            cookie = new_cookie = sign_csrf(secret, secrets.token_urlsafe(24))
        state["csrf_token"] = cookie
        https = self.https(request)
        path = scope["path"]
        cacheable = path == "/healthz" or path.startswith(self.cacheable)
        client = client_var.set((self.client(request), request.headers.get("user-agent")))

        async def send_wrapper(message: Message) -> None:
            nonlocal new_cookie
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if not cacheable:
                    headers["cache-control"] = NO_STORE
                if https:
                    headers["strict-transport-security"] = HSTS
                headers["x-request-id"] = request_id
                elapsed = (time.perf_counter() - started) * 1000
                headers.append("server-timing", f"app;dur={elapsed:.1f}")
                if state.get("rotate_csrf"):
                    new_cookie = sign_csrf(secret, secrets.token_urlsafe(24))
                if new_cookie and not is_api:
                    headers.append("set-cookie", _csrf_cookie(csrf_name, new_cookie, secure))
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            locale_var.reset(locale_token)
            client_var.reset(client)
            request_id_var.reset(token)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


async def csrf_ok(request: Request, secret: str, trust_proxies: bool) -> bool:
    """Unsafe requests carry the CSRF cookie's value in a header or form field, and come from
    our own origin when the browser says where they come from. Bearer-token calls are exempt:
    browsers never attach that header on their own."""
    if request.method not in UNSAFE_METHODS or bearer_token(request) is not None:
        return True
    origin = request.headers.get("origin")
    if origin and origin != "null":
        scheme = "https" if is_https(request, trust_proxies) else request.url.scheme
        if origin != f"{scheme}://{request.headers.get('host', '')}":
            return False
    cookie = request.cookies.get(csrf_cookie_name(request))
    if not csrf_cookie_valid(secret, cookie):
        return False
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    return sent is not None and cookie is not None and hmac.compare_digest(sent, cookie)
