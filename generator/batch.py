"""Many workbooks in one run (a bureau's 50–300 units) over a process pool, losing nothing done.

- Workers render into DIR/.genreport/staging; only the parent moves a finished file to its
  final name (os.replace, atomic). One process gives out the names, so two units asking for
  the same name get `…(2)` whatever order the workers finish in, and a name held by another
  input is never overwritten.
- After a unit is placed its manifest entry (input hash, outputs, summary row) is written
  atomically as its own small file: the same cost for the 1st and the 1000th unit, and a kill
  loses at most the units in hand. A unit placed but not yet recorded is redone on resume under
  the same name (its file belongs to no entry, so it is replaced).
- A unit's failure is a row of the summary, never an exception out of the run; a worker that
  dies (out of memory, a crash in C code) costs only its units, which get one more try.
- Workers start by forkserver (spawn elsewhere), never plain fork: the caller may have threads
  (a progress bar), and forking a threaded process can deadlock.
"""
from __future__ import annotations

import glob
import hashlib
import io
import json
import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import tempfile
import time
import zipfile
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .errors import ConversionError, GenreportError, InputProblems, Problem, Severity, UsageError, errors_of
from .output import write_atomic
from .pipeline import load, output_name, render_docx
from .render import load_template, template_info

SUMMARY_NAME = "汇总.xlsx"
STATE_DIR = ".genreport"
PDF_TIMEOUT = 120
SUMMARY_HEADERS = ("文件", "单位名称", "年度", "状态", "综合得分", "等次", "问题数", "输出文件", "说明")
PROBLEM_HEADERS = ("文件", "工作表", "单元格", "级别", "说明")


@dataclass
class UnitResult:
    """What became of one input. Every failure has a `reason` and at least one problem."""

    input: Path
    ok: bool = False
    unit: str | None = None
    year: int | None = None
    score: Decimal | None = None
    grade: str | None = None
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    base: str = ""  # the file name the report asks for, without suffix ("" if nothing was rendered)
    outputs: list[str] = field(default_factory=list)  # names in DIR
    sha256: str = ""
    skipped: bool = False  # unchanged since an earlier run finished it (--resume)
    note: str = ""
    staged: list[Path] = field(default_factory=list)  # rendered, waiting for the parent to name them

    @property
    def status(self) -> str:
        return "成功" if self.ok else "失败"


@dataclass
class BatchResult:
    units: list[UnitResult]
    out_dir: Path
    summary: Path
    archive: Path | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[UnitResult]:
        return [u for u in self.units if not u.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def duplicates(self) -> dict[str, list[UnitResult]]:
        """Output names asked for by more than one input (each got its own file)."""
        return _duplicate_groups(self.units)


# ------------------------------------------------------------------ inputs
def collect_inputs(inputs, out_dir: Path) -> list[Path]:
    """Workbooks named by files, folders (searched recursively) and globs, each once, in order."""
    out = Path(out_dir).resolve()
    found, seen = [], set()
    for raw in map(str, inputs):
        path = Path(raw)
        if path.is_file():
            candidates = [path]  # named explicitly: taken as is, whatever it is
        elif path.is_dir() or any(ch in raw for ch in "*?["):
            matches = [path] if path.is_dir() else [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
            candidates = [p for m in matches for p in _workbooks_in(m, out)]
            if not candidates:
                raise UsageError(f"“{raw}”中没有找到 .xlsx 工作簿")
        else:
            raise UsageError(f"找不到输入：{raw}")
        for p in candidates:
            if p.resolve() not in seen:
                seen.add(p.resolve())
                found.append(p)
    if not found:
        raise UsageError("没有找到任何 .xlsx 工作簿")
    return found


def _workbooks_in(path: Path, out: Path) -> list[Path]:
    # ~$ files are Excel's lock files of open workbooks; DIR holds our own outputs.
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return [p for p in files if p.is_file() and p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")
            and out not in p.resolve().parents]


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ------------------------------------------------------------------ worker side
@dataclass(frozen=True)
class _Job:
    index: int
    input: Path
    staging: Path  # stem for this job's staged files


class Renderer:
    """A worker's state between units: the compiled template (kept by load_template) and one PDF converter."""

    def __init__(self, template: str, pdf: bool = False, timeout: float = PDF_TIMEOUT, options=None):
        self.info = template_info(template)
        load_template(self.info)  # compiled now, once, not inside the first unit's time
        self.options = options
        self.converter = None
        if pdf:
            from .pdf import PdfConverter

            self.converter = PdfConverter(1, timeout)

    def close(self) -> None:
        if self.converter is not None:
            self.converter.close()
            self.converter = None

    def run(self, job: _Job) -> UnitResult:
        res = UnitResult(job.input)
        try:
            self._render(job, res)
        except Exception as exc:  # a bug must cost this unit, not the run
            _fail(res, f"内部错误：{type(exc).__name__}: {exc}")
        return res

    def _render(self, job: _Job, res: UnitResult) -> None:
        try:
            res.sha256 = file_hash(job.input)
            loaded = load(job.input) if self.options is None else load(job.input, self.options)
        except GenreportError as exc:
            return _fail(res, str(exc).removeprefix(f"{job.input}: "))  # the summary names the file already
        except OSError as exc:
            return _fail(res, f"无法读取文件：{exc.strerror or exc}")
        _describe(res, loaded)
        res.problems = list(loaded.problems)
        if loaded.data is None and not loaded.errors:
            return _fail(res, "无法读取工作簿")
        try:
            data = render_docx(loaded, self.info)
        except InputProblems as exc:
            res.problems = list(exc.problems)
            errors = errors_of(exc.problems)
            return _fail(res, f"{len(errors)} 个错误，未生成报告；第一个：{errors[0]}")
        except GenreportError as exc:
            return _fail(res, str(exc))
        res.base = output_name(loaded, self.info).removesuffix(".docx")
        res.staged.append(write_atomic(job.staging.with_suffix(".docx"), data, force=True))
        res.ok = True
        if self.converter is not None:
            self._convert(res)

    def _convert(self, res: UnitResult) -> None:
        docx = res.staged[0]
        try:
            res.staged.append(self.converter.convert(docx, docx.with_suffix(".pdf")))
        except ConversionError as exc:  # the .docx is good and is kept; the unit still counts as failed
            _fail(res, f"PDF 转换失败：{exc}")


def _describe(res: UnitResult, loaded) -> None:
    """Unit name, year, score and grade for the summary, as far as the workbook gives them."""
    data = loaded.data
    who = getattr(data, "单位", None) or (getattr(data, "项目", None) or [None])[0]
    if who is not None:
        res.unit, res.year = who.单位名称, who.年度
    # The score the report shows (computed, or entered with keep_entered_scores); none when it cannot.
    if loaded.scores is not None and loaded.scores.total is not None:
        res.score, res.grade = loaded.scores.total, loaded.scores.grade


def _fail(res: UnitResult, reason: str) -> None:
    res.ok, res.reason = False, reason
    if not errors_of(res.problems):
        res.problems.append(Problem("", "", reason))


_WORKER: Renderer | None = None


def _init_worker(template: str, pdf: bool, timeout: float, options) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER = Renderer(template, pdf, timeout, options)
    # Pool workers leave through os._exit, past atexit; this finalizer still runs, so soffice stops.
    multiprocessing.util.Finalize(_WORKER, _WORKER.close, exitpriority=10)


def _run_in_worker(job: _Job) -> UnitResult:
    return _WORKER.run(job)


def _mp_context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])  # workers fork from a server that imported us already
        return ctx
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ------------------------------------------------------------------ running the jobs
def _execute(jobs: list[_Job], workers: int, init: tuple, on_result: Callable) -> None:
    if workers == 1 or len(jobs) <= 1:
        renderer = Renderer(*init)
        try:
            for job in jobs:
                on_result(job, renderer.run(job))
        finally:
            renderer.close()
        return
    pending, tries = deque(jobs), {}
    while pending:
        _pool_round(pending, workers, init, on_result, tries)


def _pool_round(pending: deque, workers: int, init: tuple, on_result: Callable, tries: dict) -> None:
    """Run jobs from `pending` until it is empty or the pool breaks (then the caller starts a new one)."""
    with ProcessPoolExecutor(workers, mp_context=_mp_context(), initializer=_init_worker, initargs=init) as pool:
        running: dict = {}
        broken = False
        try:
            while (pending and not broken) or running:
                broken = _fill(pool, pending, running, 2 * workers) or broken
                if running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for fut in done:
                        job = running.pop(fut)
                        res, lost = _outcome(fut, job, tries)
                        broken = broken or lost
                        if res is None:
                            pending.appendleft(job)  # its worker died; once more in a fresh pool
                        else:
                            on_result(job, res)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _fill(pool, pending: deque, running: dict, limit: int) -> bool:
    """Submit until `limit` are in flight; True if the pool turned out broken."""
    # A short queue: a dying worker takes few units with it, and results come back steadily.
    while pending and len(running) < limit:
        job = pending.popleft()
        try:
            running[pool.submit(_run_in_worker, job)] = job
        except BrokenProcessPool:
            pending.appendleft(job)
            return True
    return False


def _outcome(fut, job: _Job, tries: dict) -> tuple[UnitResult | None, bool]:
    """The unit's result (None: run it again) and whether the pool broke."""
    try:
        return fut.result(), False
    except BrokenProcessPool:
        tries[job.index] = tries.get(job.index, 0) + 1
        if tries[job.index] < 2:
            return None, True
        return _crashed(job, "处理该文件时工作进程意外退出（可能是内存不足），已重试一次"), True
    except Exception as exc:  # e.g. a result that could not be sent back
        return _crashed(job, f"内部错误：{type(exc).__name__}: {exc}"), False


def _crashed(job: _Job, reason: str) -> UnitResult:
    res = UnitResult(job.input)
    _fail(res, reason)
    return res


# ------------------------------------------------------------------ the parent's record
class Manifest:
    """One small JSON file per input in DIR/.genreport/units, each replaced atomically."""

    def __init__(self, out_dir: Path):
        self.dir = out_dir / STATE_DIR / "units"
        self.entries: dict[str, dict] = {}
        for f in sorted(self.dir.glob("*.json")) if self.dir.is_dir() else []:
            try:
                self.entries[f.stem] = json.loads(f.read_text("utf-8"))
            except (OSError, ValueError):
                continue  # only a hand edit can break one; that input is then simply redone

    @staticmethod
    def key(path: Path) -> str:
        return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:20]

    def save(self, key: str, entry: dict) -> None:
        data = json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(self.dir / f"{key}.json", data, force=True)
        self.entries[key] = entry


def _entry(res: UnitResult, template: str, pdf: bool) -> dict:
    return {"input": str(res.input), "sha256": res.sha256, "template": template, "pdf": pdf, "ok": res.ok,
            "base": res.base, "outputs": res.outputs, "unit": res.unit, "year": res.year,
            "score": None if res.score is None else str(res.score), "grade": res.grade, "reason": res.reason,
            "note": res.note, "problems": [[p.sheet, p.cell, p.message, p.severity.value] for p in res.problems]}


def _from_entry(path: Path, e: dict) -> UnitResult:
    problems = [Problem(s, c, m, Severity(v)) for s, c, m, v in e["problems"]]
    score = None if e["score"] is None else Decimal(e["score"])
    return UnitResult(path, e["ok"], e["unit"], e["year"], score, e["grade"], e["reason"], problems, e["base"],
                      list(e["outputs"]), e["sha256"], skipped=True, note="输入未变，沿用上次的输出")


def _unchanged(entry: dict | None, path: Path, template: str, pdf: bool, out_dir: Path) -> bool:
    if not entry or not entry.get("ok") or entry.get("template") != template or (pdf and not entry.get("pdf")):
        return False
    if not all((out_dir / name).is_file() for name in entry["outputs"]):
        return False
    try:
        return file_hash(path) == entry["sha256"]
    except OSError:
        return False


class _Placer:
    """The parent's side of each unit: a name, the move into DIR, the manifest entry, the progress."""

    def __init__(self, out_dir: Path, manifest: Manifest, template: str, pdf: bool, total: int, progress):
        self.out_dir, self.manifest, self.template, self.pdf = out_dir, manifest, template, pdf
        self.total, self.progress = total, progress
        self.results: dict[int, UnitResult] = {}
        # Names held by other inputs' finished outputs are never taken, so both of two namesakes survive.
        self.owner = {Path(n).stem: k for k, e in manifest.entries.items()
                      for n in e.get("outputs", []) if (out_dir / n).is_file()}

    def record(self, index: int, res: UnitResult) -> None:
        self.results[index] = res
        if self.progress is not None:
            self.progress(res, len(self.results), self.total)

    def place(self, job: _Job, res: UnitResult) -> None:
        key = Manifest.key(res.input)
        before = self.manifest.entries.get(key, {}).get("outputs", [])
        if res.staged:
            stem = self._claim(key, res.base)
            if stem != res.base:
                res.note = f"改名为 {stem}.docx"
            try:
                for staged in res.staged:
                    os.replace(staged, self.out_dir / (stem + staged.suffix))
                    res.outputs.append(stem + staged.suffix)
            except OSError as exc:
                _fail(res, f"无法写入输出文件：{exc.strerror or exc}")
            res.staged = []
        for name in set(before) - set(res.outputs):
            # This input's report from an earlier version of it: kept, it would contradict the summary.
            (self.out_dir / name).unlink(missing_ok=True)
        self.manifest.save(key, _entry(res, self.template, self.pdf))
        self.record(job.index, res)

    def _claim(self, key: str, base: str) -> str:
        stem, n = base, 1
        while self.owner.get(stem, key) != key:
            n += 1
            stem = f"{base}({n})"
        for old in [s for s, k in self.owner.items() if k == key and s != stem]:
            del self.owner[old]
        self.owner[stem] = key
        return stem


# ------------------------------------------------------------------ the run
def run_batch(inputs, template: str, out_dir, workers: int | None = None, pdf: bool = False, resume: bool = False,
              make_zip: bool = False, progress=None, options=None) -> BatchResult:
    """Render every input workbook into out_dir; returns every unit's result (failures included).

    `progress(result | None, done, total)` is called once before the first unit and after each.
    Raises only for the run as a whole: UsageError (no inputs, unknown template), TemplateError,
    ConversionError (--pdf without LibreOffice).
    """
    started = time.monotonic()
    load_template(template_info(template))  # a broken template stops the run once, before any unit
    out_dir = Path(out_dir)
    paths = collect_inputs(inputs, out_dir)
    if pdf:
        _check_pdf()
    staging = _fresh_staging(out_dir)
    manifest = Manifest(out_dir)
    placer = _Placer(out_dir, manifest, template, pdf, len(paths), progress)
    if progress is not None:
        progress(None, 0, len(paths))
    jobs = []
    for i, path in enumerate(paths):
        entry = manifest.entries.get(Manifest.key(path))
        if resume and _unchanged(entry, path, template, pdf, out_dir):
            placer.record(i, _from_entry(path, entry))
        else:
            jobs.append(_Job(i, path, staging / f"{i:05d}"))
    n = max(1, min(workers or default_workers(), len(jobs)))
    _execute(jobs, n, (template, pdf, PDF_TIMEOUT, options), placer.place)
    shutil.rmtree(staging, ignore_errors=True)
    units = [placer.results[i] for i in range(len(paths))]
    _note_duplicates(units)
    summary = write_summary(out_dir / SUMMARY_NAME, units)
    archive = write_zip(out_dir, units, summary) if make_zip else None
    return BatchResult(units, out_dir, summary, archive, time.monotonic() - started)


def _check_pdf() -> None:
    try:
        from .pdf import INSTALL_HINT, find_soffice
    except ImportError as exc:
        raise ConversionError(f"PDF 模块不可用：{exc}") from None
    if not find_soffice():
        raise ConversionError(INSTALL_HINT)


def _fresh_staging(out_dir: Path) -> Path:
    """A staging folder of this run; what a killed run left there is unfinished and goes."""
    root = out_dir / STATE_DIR / "staging"
    shutil.rmtree(root, ignore_errors=True)
    # Per run, so a straggling worker of a killed run cannot write over this run's files.
    here = root / f"{os.getpid()}-{time.time_ns()}"
    here.mkdir(parents=True)
    return here


def _duplicate_groups(units: list[UnitResult]) -> dict[str, list[UnitResult]]:
    groups: dict[str, list[UnitResult]] = {}
    for u in units:
        if u.base:
            groups.setdefault(u.base, []).append(u)
    return {b: us for b, us in groups.items() if len(us) > 1}


def _note_duplicates(units: list[UnitResult]) -> None:
    for base, group in _duplicate_groups(units).items():
        for u in group:
            others = "、".join(str(o.input) for o in group if o is not u)
            u.note = "；".join(filter(None, [f"与 {others} 的报告同名", u.note]))


# ------------------------------------------------------------------ summary and archive
def write_summary(path: Path, units: list[UnitResult]) -> Path:
    """汇总.xlsx: one row per input, and every problem with its cell on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(SUMMARY_HEADERS)
    for u in units:
        ws.append([str(u.input), u.unit, u.year, u.status, u.score, u.grade, len(u.problems),
                   "、".join(u.outputs), "；".join(filter(None, [u.reason, u.note]))])
        ws.cell(ws.max_row, 5).number_format = "0.00"
    issues = wb.create_sheet("问题")
    issues.append(PROBLEM_HEADERS)
    for u in units:
        for p in u.problems:
            issues.append([str(u.input), p.sheet, p.cell, p.severity.value, p.message])
    for sheet, widths in ((ws, (40, 30, 8, 8, 10, 8, 8, 60, 80)), (issues, (40, 14, 10, 8, 100))):
        for c, width in enumerate(widths, start=1):
            sheet.cell(1, c).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(1, c).column_letter].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return write_atomic(path, buf.getvalue(), force=True)


def write_zip(out_dir: Path, units: list[UnitResult], summary: Path) -> Path:
    """Every output and the summary in DIR/<DIR name>.zip, to send back in one piece."""
    target = out_dir / f"{out_dir.resolve().name or '报告'}.zip"
    names = [n for u in units for n in u.outputs] + [summary.name]
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            # .docx, .pdf and .xlsx are compressed already: stored, not deflated again.
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as z:
                for name in names:
                    z.write(out_dir / name, name)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
