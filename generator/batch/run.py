"""Many workbooks in one run (a bureau's 50–300 units) over a process pool, losing nothing done.

The run, in order: find the inputs; hold DIR; clear what a killed run left half-done; skip
(with --resume) what is finished and unchanged; render the rest in workers (worker,
pool), each placed in DIR and recorded by this process as it comes back
(manifest); then 汇总.xlsx and the archive (summary).

Outputs reach DIR only by os.replace from DIR/.genreport/staging, and every small state file
by write_atomic, so a kill at any point (SIGKILL included) leaves whole files or none.
A unit's failure is a row of the summary, never an exception out of the run.
"""
from __future__ import annotations

import glob
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from generator.batch.manifest import STATE_DIR, Manifest, Placer, Settings, lock, remove_leftovers, unchanged, from_entry
from generator.batch.pool import execute
from generator.batch.summary import (SUMMARY_NAME, duplicate_groups, note_duplicates, write_summary, write_zip,
                            zip_name)
from generator.batch.worker import PDF_TIMEOUT, Job, UnitResult, default_workers, file_hash
from generator.errors import ConversionError, UsageError
from generator.kinds.base import Options
from generator.pdf.office import INSTALL_HINT, find_soffice
from generator.render.docx import load_template
from generator.render.registry import TemplateInfo, template_info
from generator.kinds.department.rules import load_rules

__all__ = ["SUMMARY_NAME", "BatchResult", "Manifest", "UnitResult", "collect_inputs", "run_batch"]


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
        return duplicate_groups(self.units)


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


def run_batch(inputs, template: str | TemplateInfo, out_dir, workers: int | None = None, pdf: bool = False, resume: bool = False,
              make_zip: bool = False, progress=None, options: Options | None = None) -> BatchResult:
    """Render every input workbook into out_dir; returns every unit's result (failures included).

    `template`: a template's name or .docx path, or a TemplateInfo (resolved once here; the workers get
    the resolved file and settings, so a template from a folder or a path reaches them whole).
    `progress(result | None, done, total)` is called once before the first unit and after each.
    Raises only for the run as a whole: UsageError (no inputs, unknown template or rules, DIR busy),
    TemplateError, ConversionError (--pdf without LibreOffice).
    """
    started = time.monotonic()
    options = options or Options()
    # A broken template or rules file stops the run once, before any unit, not once per unit.
    template = template_info(template)
    load_template(template)
    load_rules(options.rules)
    out_dir = Path(out_dir)
    paths = collect_inputs(inputs, out_dir)
    if pdf:
        _check_pdf()
    held = lock(out_dir)
    try:
        return _run(paths, template, out_dir, workers, pdf, resume, make_zip, progress, options, started)
    finally:
        held.close()


def _run(paths, template, out_dir, workers, pdf, resume, make_zip, progress, options, started) -> BatchResult:
    settings = Settings.of(template_id(template), pdf, options)
    staging = _fresh_staging(out_dir)
    manifest = Manifest(out_dir)
    remove_leftovers(out_dir, [SUMMARY_NAME, zip_name(out_dir)], manifest)
    placer = Placer(out_dir, manifest, settings, paths, progress)
    if progress is not None:
        progress(None, 0, len(paths))
    jobs = []
    for i, path in enumerate(paths):
        entry = manifest.entries.get(Manifest.key(path))
        if resume and unchanged(entry, path, settings, out_dir):
            placer.record(i, from_entry(path, entry))
        else:
            jobs.append(Job(i, path, staging / f"{i:05d}"))
    n = max(1, min(workers or default_workers(), len(jobs)))
    execute(jobs, n, (template, pdf, PDF_TIMEOUT, options), placer.place)
    shutil.rmtree(staging, ignore_errors=True)
    units = [placer.results[i] for i in range(len(paths))]
    note_duplicates(units)
    summary = write_summary(out_dir / SUMMARY_NAME, units)
    archive = write_zip(out_dir, units, summary) if make_zip else None
    return BatchResult(units, out_dir, summary, archive, time.monotonic() - started)


def template_id(info: TemplateInfo) -> str:
    """The template as the resume record names it: a built-in by name, a user's file by path and content,
    so that editing the file redoes every unit."""
    return info.name if info.builtin else f"{info.path}@{file_hash(info.path)[:16]}"


def _check_pdf() -> None:
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
