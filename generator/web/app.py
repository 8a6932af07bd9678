"""The site as one ASGI app: routes, the size limit, error pages, LibreOffice stopped on shutdown."""
from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from generator.web import api, bureau, pages
from generator.web.site import Settings, Site
from generator.web.upload import BodyLimit

ROUTES = [
    Route("/", pages.index),
    Route("/check", pages.check, methods=["POST"]),
    Route("/r/{id}", pages.result),
    Route("/r/{id}/report.docx", pages.report_docx),
    Route("/r/{id}/report.pdf", pages.report_pdf),
    Route("/r/{id}/page-{n:int}.png", pages.page_png),
    Route("/blank/{kind}.xlsx", pages.blank),
    Route("/api/validate", api.validate, methods=["POST"]),
    Route("/api/render", api.render, methods=["POST"]),
    Route("/login", bureau.login_form),
    Route("/login", bureau.login, methods=["POST"]),
    Route("/logout", bureau.logout, methods=["POST"]),
    Route("/c", bureau.collections),
    Route("/c", bureau.create, methods=["POST"]),
    Route("/c/{id}", bureau.collection),
    Route("/c/{id}/units", bureau.add_units, methods=["POST"]),
    Route("/c/{id}/download.zip", bureau.archive),
    Route("/u/{token}", bureau.unit_page),
    Route("/u/{token}", bureau.unit_upload, methods=["POST"]),
]
TITLES = {400: "文件或表单有误", 403: "没有权限", 404: "找不到页面", 405: "不支持的请求", 413: "文件太大",
          500: "服务器出错", 503: "暂时无法完成"}


async def http_error(request: Request, exc: HTTPException) -> Response:
    """An API error as JSON {"error": …}; a page's as a page in Chinese; a redirect as itself."""
    if 300 <= exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=exc.headers)
    # our own details are Chinese sentences; the framework's ("Not Found") give way to a Chinese title
    detail = exc.detail if not exc.detail.isascii() else TITLES.get(exc.status_code, exc.detail)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": detail}, exc.status_code)
    site: Site = request.app.state.site
    return site.page(request, "error.html", exc.status_code, title=TITLES.get(exc.status_code, "出错了"),
                     detail=detail)


async def server_error(request: Request, exc: Exception) -> Response:
    """A bug of ours: one sentence for the user; the traceback goes to the server's log, not the page."""
    detail = "服务器内部错误。这不是您数据的问题；请把这个页面的地址和工作簿发给维护人员。"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": detail}, 500)
    return request.app.state.site.page(request, "error.html", 500, title=TITLES[500], detail=detail)


def create_app(settings: Settings) -> Starlette:
    """The site over `settings.data`; everything it keeps is there, so a new app on the same folder sees it all."""
    site = Site(settings)

    @asynccontextmanager
    async def lifespan(app):
        yield
        site.pdf.close()  # the LibreOffice started for PDFs goes with the server

    app = Starlette(routes=ROUTES, exception_handlers={HTTPException: http_error, Exception: server_error}, lifespan=lifespan,
                    middleware=[Middleware(BodyLimit, limit=settings.max_bytes)])
    app.state.site = site
    return app
