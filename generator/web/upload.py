"""What an upload must pass before the library sees it: a size limit, and being an .xlsx by content.

The limit is checked twice: against Content-Length before a byte is read, and while the body
streams in (a chunked upload has no Content-Length, and a client may lie). The check by
content, not by name: an .xlsx is a zip whose [Content_Types].xml declares a spreadsheetml part.
"""
from __future__ import annotations

import io
import zipfile

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_LIMIT_MB = 20
_ZIP_MAGIC = b"PK\x03\x04"
# [Content_Types].xml is a few KB; reading more of it would only let a zip bomb in.
_CONTENT_TYPES_MAX = 256 * 1024


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"文件太大：上传不能超过 {limit // (1024 * 1024)} MB")


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes is answered 413 and not read further
    (announced by Content-Length: not read at all)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"")
        seen = 0

        async def counted() -> Message:
            # Raised inside the endpoint's form parsing, so the app's error handler answers it:
            # JSON for the API, a page for a browser.
            nonlocal seen
            if length.isdigit() and int(length) > self.limit:
                raise too_large(self.limit)
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise too_large(self.limit)
            return message

        await self.app(scope, counted, send)


def is_xlsx(content: bytes) -> bool:
    """Whether `content` is an Office Open XML workbook (what Excel and WPS save as .xlsx)."""
    if not content.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            with z.open("[Content_Types].xml") as fh:
                types = fh.read(_CONTENT_TYPES_MAX)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        return False
    return b"spreadsheetml" in types


async def workbook_upload(request: Request, form=None) -> bytes:
    """The bytes of the form's `file` field; HTTPException 400 when missing or not an .xlsx."""
    form = form if form is not None else await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "请选择要上传的 .xlsx 工作簿（表单字段 file）")
    content = await upload.read()
    if not is_xlsx(content):
        raise HTTPException(400, "上传的文件不是 .xlsx 工作簿（请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”）")
    return content
