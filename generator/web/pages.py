"""The single-unit pages: upload a workbook, see its problems and scores, download the report."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from generator.errors import UsageError
from generator.web import catalog
from generator.web.site import DOCX, XLSX, chosen_rules, chosen_template, download, site_of, template_text
from generator.web.store import Submission
from generator.web.upload import workbook_upload
from generator.workbook.writer import workbook_bytes


async def index(request: Request) -> Response:
    site = site_of(request)
    return site.page(request, "index.html", templates=catalog.templates(), rules=catalog.rules(),
                     kinds=catalog.kinds(), pdf_available=site.pdf.available)


async def check(request: Request) -> Response:
    site = site_of(request)
    form = await request.form()
    content = await workbook_upload(request, form)
    info, rules = chosen_template(form.get("template")), chosen_rules(form.get("rules"))
    upload = form.get("file")
    name = upload.filename if isinstance(upload, UploadFile) else ""
    sub = await site.submit(content, name, info, rules, pdf=bool(form.get("pdf")) and site.pdf.available)
    return RedirectResponse(f"/r/{sub.id}", 303)


def submission_of(request: Request) -> Submission:
    sub = site_of(request).store.submission(request.path_params["id"])
    if sub is None:
        raise HTTPException(404, "没有这份结果（链接不对，或已被删除）")
    return sub


async def result(request: Request) -> Response:
    sub = submission_of(request)
    return site_of(request).page(request, "result.html", sub=sub,
                                 template_text=template_text(sub.template))


async def report_docx(request: Request) -> Response:
    sub = submission_of(request)
    path = site_of(request).store.file(sub.id, "report.docx")
    if not sub.generated or not path.is_file():
        raise HTTPException(404, "这次上传没有生成报告：请先改正表中的错误")
    return download(None, sub.report_name, DOCX, path)


async def report_pdf(request: Request) -> Response:
    sub = submission_of(request)
    path = site_of(request).store.file(sub.id, "report.pdf")
    if not sub.pages or not path.is_file():
        raise HTTPException(404, "这次上传没有生成 PDF")
    return download(None, sub.report_name.removesuffix(".docx") + ".pdf", "application/pdf", path)


async def page_png(request: Request) -> Response:
    sub = submission_of(request)
    number = request.path_params["n"]
    # generator.pdf.preview names the pages report-01.png …, zero-padded: sorted is page order
    pages = sorted(site_of(request).store.folder(sub.id).glob("report-*.png"))
    if not 1 <= number <= len(pages):
        raise HTTPException(404, "没有这一页")
    return FileResponse(pages[number - 1], media_type="image/png")


async def blank(request: Request) -> Response:
    try:
        kind = catalog.kind(request.path_params["kind"])
    except UsageError as exc:
        raise HTTPException(404, str(exc)) from None
    content = await run_in_threadpool(workbook_bytes, kind.sheets, title=kind.init_title)
    return download(content, f"{kind.label}数据填报表.xlsx", XLSX)
