"""A bureau's collections: each unit uploads through its own link; the bureau sees the list and takes one zip.

The bureau's pages (/c…) ask for the password when one is set; a unit's page (/u/<link>) does not:
its unguessable link is its key. A unit's new upload becomes its current one; the earlier ones stay.
"""
from __future__ import annotations

import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from generator.batch.summary import SUMMARY_NAME, write_summary
from generator.batch.worker import UnitResult
from generator.errors import Problem, Severity
from generator.output import safe_filename, write_atomic_with
from generator.web import catalog
from generator.web.auth import COOKIE, safe_next
from generator.web.site import Site, chosen_rules, chosen_template, download, site_of, template_text
from generator.web.store import Collection, Unit, new_id, now
from generator.web.upload import workbook_upload

MAX_UNITS = 1000


async def login_form(request: Request) -> Response:
    return site_of(request).page(request, "login.html", next=safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    site, form = site_of(request), await request.form()
    target = safe_next(form.get("next"))
    token = site.auth.check(str(form.get("password", "")))
    if token is None:
        return site.page(request, "login.html", 403, next=target, wrong=True)
    response = RedirectResponse(target, 303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


async def logout(request: Request) -> Response:
    response = RedirectResponse("/", 303)
    response.delete_cookie(COOKIE)
    return response


async def collections(request: Request) -> Response:
    site = site_of(request)
    site.bureau_only(request)
    return site.page(request, "collections.html", collections=site.store.collections(),
                     templates=catalog.templates(), rules=catalog.rules())


def unit_names(text: str) -> list[str]:
    """One unit a line; blank lines and repeats dropped, order kept."""
    names = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
    if len(names) > MAX_UNITS or any(len(n) > 200 for n in names):
        raise HTTPException(400, f"单位名单最多 {MAX_UNITS} 个，每个名称不超过 200 字")
    return names


async def create(request: Request) -> Response:
    site = site_of(request)
    site.bureau_only(request)
    form = await request.form()
    name = str(form.get("name", "")).strip()
    year = str(form.get("year", "")).strip()
    if not name or len(name) > 200:
        raise HTTPException(400, "请填写收集任务的名称（不超过 200 字）")
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        raise HTTPException(400, f"年度应为 2000–2100 之间的四位数，收到的是“{year}”")
    info, rules = chosen_template(form.get("template")), chosen_rules(form.get("rules"))
    c = Collection(new_id()[:12], name, int(year), info.name, rules, now())
    site.store.add_collection(c, unit_names(str(form.get("units", ""))))
    return RedirectResponse(f"/c/{c.id}", 303)


def collection_of(request: Request) -> Collection:
    site = site_of(request)
    site.bureau_only(request)
    c = site.store.collection(request.path_params["id"])
    if c is None:
        raise HTTPException(404, "没有这个收集任务")
    return c


async def collection(request: Request) -> Response:
    c = collection_of(request)
    site = site_of(request)
    units = site.store.units(c.id)
    base = str(request.base_url).rstrip("/")
    return site.page(request, "collection.html", c=c, units=units, base=base,
                     template_text=template_text(c.template))


async def add_units(request: Request) -> Response:
    c = collection_of(request)
    form = await request.form()
    site_of(request).store.add_units(c.id, unit_names(str(form.get("units", ""))))
    return RedirectResponse(f"/c/{c.id}", 303)


async def archive(request: Request) -> Response:
    c = collection_of(request)
    site = site_of(request)
    path = await run_in_threadpool(build_zip, site, c, site.store.units(c.id))
    return download(None, safe_filename(f"{c.name}-{c.year}") + ".zip", "application/zip", path)


def build_zip(site: Site, c: Collection, units: list[Unit]) -> Path:
    """Every unit's current report and 汇总.xlsx (the batch summary: one row per unit, every problem)."""
    results, entries, taken = [], [], set()
    for u in units:
        result = unit_result(u)
        if u.latest is not None and u.latest.generated:
            name = free_name(u.latest.report_name, taken)
            entries.append((name, site.store.file(u.latest.id, "report.docx")))
            result.outputs = [name]
        results.append(result)
    target = site.store.root / "collections" / c.id / "download.zip"
    with tempfile.TemporaryDirectory(dir=site.store.root) as tmp:
        summary = write_summary(Path(tmp) / SUMMARY_NAME, results)

        def fill(fh):
            # .docx and .xlsx are compressed already: stored, not deflated again.
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as z:
                for name, path in entries:
                    z.write(path, name)
                z.write(summary, SUMMARY_NAME)
        return write_atomic_with(target, fill, force=True)


def unit_result(u: Unit) -> UnitResult:
    """A unit as a row of the batch summary; a unit that has not uploaded is a failure saying so."""
    s = u.latest
    if s is None:
        return UnitResult(Path("（未提交）"), unit=u.name, reason="未提交")
    problems = [Problem(p["sheet"], p["cell"], p["message"],
                        Severity.ERROR if p["severity"] == "error" else Severity.WARNING) for p in s.problems]
    note = f"工作簿中的单位名称：{s.unit_name}" if s.unit_name and s.unit_name != u.name else ""
    return UnitResult(Path(s.filename), ok=s.generated, unit=u.name, year=s.year,
                      score=Decimal(s.score) if s.score else None, grade=s.grade, problems=problems, note=note,
                      reason="" if s.generated else f"{s.errors} 个错误，未生成报告")


def free_name(name: str, taken: set[str]) -> str:
    """`name`, or `name(2)`… when another unit's report has it already."""
    stem, n, candidate = name.removesuffix(".docx"), 1, name
    while candidate in taken:
        n += 1
        candidate = f"{stem}({n}).docx"
    taken.add(candidate)
    return candidate


def unit_of(request: Request) -> tuple[Unit, Collection]:
    store = site_of(request).store
    unit = store.unit(request.path_params["token"])
    if unit is None:
        raise HTTPException(404, "上传链接不对：请向财政局核对链接")
    return unit, store.collection(unit.collection)


async def unit_page(request: Request) -> Response:
    unit, c = unit_of(request)
    site = site_of(request)
    return site.page(request, "unit.html", unit=unit, c=c, history=site.store.history(unit.token),
                     template_text=template_text(c.template))


async def unit_upload(request: Request) -> Response:
    unit, c = unit_of(request)
    form = await request.form()
    content = await workbook_upload(request, form)
    upload = form.get("file")
    await site_of(request).submit(content, getattr(upload, "filename", ""), chosen_template(c.template), c.rules,
                                  unit=unit.token, year=c.year)
    return RedirectResponse(f"/u/{unit.token}", 303)
