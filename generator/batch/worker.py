"""A worker's side of a batch: one workbook in, a UnitResult out, never an exception.

Each worker process builds one Renderer when it starts and keeps it for all its units: the
compiled template and one LibreOffice stay loaded, so a unit costs only its own read, checks
and render. The worker writes only into the run's staging folder; naming a file in DIR is the
parent's job (see manifest.Placer), so two workers can never race for one name.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.util
import os
import signal
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.errors import ConversionError, GenreportError, InputProblems, Problem, errors_of
from generator.output import file_error, write_atomic
from generator.pipeline import Options, load, output_name, read_input, render_docx
from generator.pdf.office import PdfConverter
from generator.render.docx import load_template
from generator.render.registry import TemplateInfo, template_info

PDF_TIMEOUT = 120


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
    digests: dict[str, str] = field(default_factory=dict)  # output name -> sha256, checked by --resume
    sha256: str = ""  # of the input, as read
    skipped: bool = False  # unchanged since an earlier run finished it (--resume)
    note: str = ""
    staged: list[tuple[Path, str]] = field(default_factory=list)  # (file, sha256) awaiting a name in DIR

    @property
    def status(self) -> str:
        return "成功" if self.ok else "失败"


@dataclass(frozen=True)
class Job:
    index: int
    input: Path
    staging: Path  # stem for this job's staged files


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fail(res: UnitResult, reason: str) -> None:
    res.ok, res.reason = False, reason
    if not errors_of(res.problems):
        res.problems.append(Problem("", "", reason))


class Renderer:
    """A worker's state between units: the compiled template (kept by load_template) and one PDF converter."""

    def __init__(self, template: str | TemplateInfo, pdf: bool = False, timeout: float = PDF_TIMEOUT,
                 options: Options | None = None):
        self.info = template_info(template)
        load_template(self.info)  # compiled now, once, not inside the first unit's time
        self.options = options or Options()
        self.converter = None
        if pdf:
            self.converter = PdfConverter(1, timeout)

    def close(self) -> None:
        if self.converter is not None:
            self.converter.close()
            self.converter = None

    def run(self, job: Job) -> UnitResult:
        res = UnitResult(job.input)
        try:
            self._render(job, res)
        except Exception as exc:  # a bug must cost this unit, not the run
            fail(res, f"内部错误：{type(exc).__name__}: {exc}")
        return res

    def _render(self, job: Job, res: UnitResult) -> None:
        try:
            raw = read_input(job.input)
        except GenreportError as exc:
            return fail(res, str(exc))
        # Hashed from the bytes that are read, so a file edited during the run is redone on resume.
        res.sha256 = hashlib.sha256(raw).hexdigest()
        try:
            loaded = load(job.input, self.options, raw)  # the bytes hashed above, not a second read
        except GenreportError as exc:
            return fail(res, str(exc).removeprefix(f"{job.input}: "))  # the summary names the file already
        _describe(res, loaded)
        res.problems = list(loaded.problems)
        if loaded.data is None and not loaded.errors:
            return fail(res, "无法读取工作簿")
        try:
            data = render_docx(loaded, self.info)
        except InputProblems as exc:
            res.problems = list(exc.problems)
            errors = errors_of(exc.problems)
            return fail(res, f"{len(errors)} 个错误，未生成报告；第一个：{errors[0]}")
        except GenreportError as exc:
            return fail(res, str(exc))
        try:
            base = output_name(loaded, self.info).removesuffix(".docx")
            docx = write_atomic(job.staging.with_suffix(".docx"), data, force=True)
        except GenreportError as exc:  # a name that cannot be made to fit, a full disk
            return fail(res, str(exc))
        res.base = base  # only a unit with a report asks for a name (and can share one with another)
        res.staged.append((docx, hashlib.sha256(data).hexdigest()))
        res.ok = True
        if self.converter is not None:
            self._convert(res, docx)

    def _convert(self, res: UnitResult, docx: Path) -> None:
        try:
            pdf = self.converter.convert(docx, docx.with_suffix(".pdf"))
        except ConversionError as exc:  # the .docx is good and is kept; the unit still counts as failed
            return fail(res, f"PDF 转换失败：{exc}")
        res.staged.append((pdf, file_hash(pdf)))


def _describe(res: UnitResult, loaded) -> None:
    """Unit name, year, score and grade for the summary, as far as the workbook gives them."""
    if loaded.data is not None:
        res.unit, res.year = loaded.kind.who(loaded.data)
    # The score the report shows (computed, or entered with keep_entered_scores); none when it cannot.
    if loaded.scores is not None and loaded.scores.total is not None:
        res.score, res.grade = loaded.scores.total, loaded.scores.grade


_WORKER: Renderer | None = None
_NOT_STARTED = ""  # why this worker has no Renderer: each of its units fails with it


def init_worker(template: TemplateInfo, pdf: bool, timeout: float, options) -> None:
    """A pool worker's start. It never raises: an exception here would print a traceback from the
    pool's machinery and break the pool; the reason goes to every unit this worker is given."""
    global _WORKER, _NOT_STARTED
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _WORKER = Renderer(template, pdf, timeout, options)
    except GenreportError as exc:
        _NOT_STARTED = str(exc)
        return
    except OSError as exc:  # e.g. no room in the temporary folder for the office's profile
        _NOT_STARTED = str(file_error(exc))
        return
    except Exception as exc:
        _NOT_STARTED = f"内部错误：{type(exc).__name__}: {exc}"
        return
    # Pool workers leave through os._exit, past atexit; this finalizer still runs, so soffice stops.
    multiprocessing.util.Finalize(_WORKER, _WORKER.close, exitpriority=10)


def run_in_worker(job: Job) -> UnitResult:
    if _WORKER is None:
        res = UnitResult(job.input)
        fail(res, f"工作进程无法启动：{_NOT_STARTED or '原因不明'}")
        return res
    return _WORKER.run(job)


def mp_context():
    # Never plain fork: the caller may have threads (the progress bar), and forking a threaded
    # process can deadlock. The forkserver has imported the pipeline already, so a worker starts fast.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
