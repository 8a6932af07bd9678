"""The HTTP API other systems (and the tests) use: the same checks and report as the pages, nothing kept.

    POST /api/validate  file [template] [rules]        200 {"errors", "warnings", "problems"} (also with errors)
    POST /api/render    file template [rules] [pdf=1]  200 the .docx (a zip of .docx and .pdf with pdf=1),
                                                       422 the problems JSON when errors block the report
    400 not an .xlsx workbook, unknown template or rules · 413 over the size limit · 503 no LibreOffice for pdf=1
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from generator.errors import ConversionError, GenreportError, UnreadableWorkbook, UsageError
from generator.output import write_atomic
from generator.web import work
from generator.web.site import DOCX, chosen_rules, chosen_template, download
from generator.web.upload import workbook_upload


def problems_json(out: work.Outcome, status: int = 200) -> JSONResponse:
    return JSONResponse({"errors": out.errors, "warnings": out.warnings, "problems": work.problem_rows(out.problems)},
                        status)


async def _checked(request: Request, render: bool):
    form = await request.form()
    content = await workbook_upload(request, form)
    template = form.get("template")
    info = chosen_template(template) if (template or render) else None
    rules = chosen_rules(form.get("rules"))
    try:
        out = await run_in_threadpool(work.check, content, info, rules, render)
    except UnreadableWorkbook as exc:
        raise HTTPException(400, str(exc).removeprefix(f"{work.SOURCE}: ")) from None
    except UsageError as exc:  # e.g. department rules chosen for a project workbook
        raise HTTPException(400, str(exc)) from None
    except GenreportError as exc:  # a broken template: the server's fault, said plainly
        raise HTTPException(500, str(exc)) from None
    return form, out


async def validate(request: Request) -> Response:
    _, out = await _checked(request, render=False)
    return problems_json(out)


async def render(request: Request) -> Response:
    form, out = await _checked(request, render=True)
    if out.docx is None:
        return problems_json(out, 422)
    if str(form.get("pdf", "")) not in ("1", "true", "on"):
        return download(out.docx, out.report_name, DOCX)
    site = request.app.state.site
    if not site.pdf.available:
        raise HTTPException(503, "服务器上没有安装 LibreOffice，无法生成 PDF")
    try:
        archive = await run_in_threadpool(_with_pdf, site.pdf, out)
    except ConversionError as exc:
        raise HTTPException(503, f"PDF 转换失败：{exc}") from None
    return download(archive, out.report_name.removesuffix(".docx") + ".zip", "application/zip")


def _with_pdf(maker: work.PdfMaker, out: work.Outcome) -> bytes:
    """A zip of the report's .docx and .pdf, converted in a folder of this request's own."""
    with tempfile.TemporaryDirectory(prefix="genreport-web-") as tmp:
        docx = write_atomic(Path(tmp) / "report.docx", out.docx)
        pdf, _ = maker.make(docx, preview=False)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr(out.report_name, out.docx)
            z.write(pdf, out.report_name.removesuffix(".docx") + ".pdf")
        return buf.getvalue()
