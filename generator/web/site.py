"""What every endpoint shares: the settings, the store, the password, LibreOffice, the page templates.

`submit` is the one way an upload becomes a submission, for the single-unit page and for a
collection's unit alike: kept as received, checked, rendered (and converted), then indexed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from generator.errors import ConversionError, GenreportError, Problem
from generator.output import write_atomic
from generator.render.registry import TemplateInfo
from generator.web import catalog, work
from generator.web.auth import Auth
from generator.web.store import GENERATED, HAS_ERRORS, Store, Submission, new_id, now
from generator.web.upload import DEFAULT_LIMIT_MB

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Settings:
    data: Path
    password: str | None = None
    max_bytes: int = DEFAULT_LIMIT_MB * 1024 * 1024


class Site:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = Store(settings.data)
        self.auth = Auth(settings.password, self.store.secret())
        self.pdf = work.PdfMaker()
        # Autoescaped: every name and message shown comes from an uploaded workbook.
        self.env = jinja2.Environment(loader=jinja2.PackageLoader("generator.web", "templates"),
                                      autoescape=True, trim_blocks=True, lstrip_blocks=True)

    def page(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.update(request=request, bureau=self.auth.allowed(request), password=self.auth.required)
        return HTMLResponse(self.env.get_template(name).render(context), status)

    def bureau_only(self, request: Request) -> None:
        """Raises the redirect to the log-in page unless the request may see the bureau's pages."""
        if not self.auth.allowed(request):
            target = quote(request.url.path)
            raise HTTPException(303, headers={"Location": f"/login?next={target}"})

    async def submit(self, content: bytes, filename: str, info: TemplateInfo, rules: str,
                     unit: str | None = None, year: int | None = None, pdf: bool = False) -> Submission:
        return await run_in_threadpool(self._submit, content, filename, info, rules, unit, year, pdf)

    def _submit(self, content, filename, info, rules, unit, year, pdf) -> Submission:
        sid = new_id()
        write_atomic(self.store.file(sid, "input.xlsx"), content)  # kept before anything can fail
        try:
            out = work.check(content, info, rules, render=True)
        except GenreportError as exc:  # not a workbook we can read, a broken template
            out = work.Outcome([Problem("", "", str(exc).removeprefix(f"{work.SOURCE}: "))])
        out.problems += work.year_problem(out, year)
        pages, pdf_error = 0, ""
        if out.docx is not None:
            docx = write_atomic(self.store.file(sid, "report.docx"), out.docx)
            if pdf:
                try:
                    pages = len(self.pdf.make(docx)[1])
                except ConversionError as exc:  # the .docx stands; the page says why there is no PDF
                    pdf_error = str(exc)
        sub = Submission(
            id=sid, unit=unit, created=now(), filename=shown_name(filename), template=info.name, rules=rules,
            status=GENERATED if out.docx is not None else HAS_ERRORS, errors=out.errors, warnings=out.warnings,
            problems=work.problem_rows(out.problems), grids=[vars(g) for g in out.grids], unit_name=out.unit,
            year=out.year, score=None if out.score is None else str(out.score), grade=out.grade,
            report_name=out.report_name, pages=pages, pdf_error=pdf_error)
        self.store.add_submission(sub)
        return sub


def site_of(request: Request) -> Site:
    return request.app.state.site


def template_text(name: str) -> str:
    """A template as a page names it: its name and description (only the name once it is gone)."""
    try:
        info = catalog.template(name)
    except GenreportError:
        return f"{name}（已不可用）"
    return f"{info.name}（{info.description}）"


def shown_name(filename: str | None) -> str:
    """A client's file name as text to show (never a path): its last part, no control characters."""
    name = _CONTROL.sub("", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    return name[:200] or "（未命名）"


def chosen_template(name: str | None) -> TemplateInfo:
    try:
        return catalog.template(name or catalog.templates()[0].name)
    except GenreportError as exc:
        raise HTTPException(400, str(exc)) from None


def chosen_rules(name: str | None) -> str:
    """A built-in rules name: a path would let a client read files on the server."""
    name = name or catalog.DEFAULT_RULES
    if name and name not in catalog.rules():
        raise HTTPException(400, f"没有名为“{name}”的评分规则；可用：{'、'.join(catalog.rules())}")
    return name


def download(content: bytes | None, name: str, media_type: str, path: Path | None = None) -> Response:
    """A file to save as `name` (UTF-8 name for browsers, an ASCII one for the rest)."""
    # Browsers take filename*; the plain filename is for clients that cannot read it.
    ascii_name = name if re.fullmatch(r"[A-Za-z0-9._-]+", name) else f"genreport{Path(name).suffix}"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    if path is not None:
        return FileResponse(path, media_type=media_type, headers={"Content-Disposition": disposition})
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
