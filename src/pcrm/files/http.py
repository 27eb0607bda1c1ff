"""The HTTP side of uploads and downloads, for the routes of the areas that own files: a route
class that cuts an upload body off once it passes the size limit (before it is parsed), the
storage and the limit as dependencies, and downloads as attachments with the checked content
type, `nosniff` and a sandboxing CSP, so a file is never rendered as part of PCRM."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request, Response
from starlette.exceptions import HTTPException
from starlette.responses import StreamingResponse
from starlette.types import Message

from pcrm.core.deps import AppSettings, SessionRoute
from pcrm.core.errors import field_error
from pcrm.files.checks import MB, TOO_LARGE
from pcrm.files.schemas import FileStream
from pcrm.files.storage import Storage, storage_for

FORM_OVERHEAD = 64 * 1024  # room for the multipart framing and the other fields
DOWNLOAD_CSP = "sandbox; default-src 'none'"


# --- the size limit, enforced on the wire ------------------------------------------------------


class _BodyTooLarge(Exception):
    pass


def refuse_too_large(_request: Request) -> Response:
    """The JSON API's answer to an oversized upload: a 422 on the `file` field."""
    raise field_error("file", TOO_LARGE, "file_too_large")


def limited_route(on_too_large: Callable[[Request], Response]) -> type[SessionRoute]:
    """A route class that refuses a body larger than the upload limit (plus the form's
    framing): at once when its Content-Length says so, else as soon as the bytes received pass
    the limit, so an oversized upload is never spooled to disk whole."""

    class LimitedRoute(SessionRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def limited(request: Request) -> Response:
                settings = request.app.state.settings
                limit = settings.max_upload_mb * MB + FORM_OVERHEAD
                declared = request.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    return on_too_large(request)
                received = 0

                async def counting() -> Message:
                    nonlocal received
                    message = await request.receive()
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise _BodyTooLarge()
                    return message

                try:
                    return await handler(Request(request.scope, counting, request._send))
                except (_BodyTooLarge, HTTPException) as exc:
                    if isinstance(exc, _BodyTooLarge) or isinstance(exc.__cause__, _BodyTooLarge):
                        return on_too_large(request)
                    raise

            return limited

    return LimitedRoute


def get_storage(settings: AppSettings) -> Storage:
    return storage_for(settings)


FileStorage = Annotated[Storage, Depends(get_storage)]


def _max_bytes(settings: AppSettings) -> int:
    return int(settings.max_upload_mb) * MB


MaxUploadBytes = Annotated[int, Depends(_max_bytes)]


# --- downloads ---------------------------------------------------------------------------------


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the real one per RFC 5987/6266."""
    fallback = "".join(c if 0x20 <= ord(c) < 0x7F and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(stream: FileStream) -> StreamingResponse:
    """The file as an attachment, typed by its checked content, never sniffed nor rendered."""
    file = stream.file
    return StreamingResponse(
        stream.chunks,
        media_type=file.content_type,
        headers={
            "Content-Disposition": content_disposition(file.filename),
            "Content-Length": str(file.size),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": DOWNLOAD_CSP,
            "Cache-Control": "no-store",
            "Cross-Origin-Resource-Policy": "same-origin",
        },
    )
