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

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.batch.inputs import collect_inputs
from generator.batch.manifest import STATE_DIR, Manifest, Placer, Settings, lock, remove_leftovers, unchanged, from_entry
from generator.batch.pool import execute
from generator.batch.summary import (SUMMARY_NAME, duplicate_groups, note_duplicates, write_summary, write_zip,
                            zip_name)
from generator.batch.worker import PDF_TIMEOUT, Job, UnitResult, default_workers, file_hash
from generator.errors import ConversionError
from generator.kinds.base import Options
from generator.output import file_error
from generator.pdf.office import find_soffice, install_hint
from generator.render.docx import load_template
from generator.render.registry import TemplateInfo, template_info
from generator.kinds.registry import KINDS

__all__ = ["SUMMARY_NAME", "BatchResult", "Manifest", "UnitResult", "collect_inputs", "run_batch"]


@dataclass
class BatchResult:
    units: list[UnitResult]
    out_dir: Path
    summary: Path
    archive: Path | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the search for inputs skipped, and why

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


def run_batch(inputs, template: str | TemplateInfo, out_dir, workers: int | None = None, pdf: bool = False,
              resume: bool = False,
              make_zip: bool = False, progress=None, options: Options | None = None) -> BatchResult:
    """Render every input workbook into out_dir; returns every unit's result (failures included).

    `template`: a template's name or .docx path, or a TemplateInfo (resolved once here; the workers get
    the resolved file and settings, so a template from a folder or a path reaches them whole).
    `progress(result | None, done, total)` is called once before the first unit and after each.
    Raises only for the run as a whole: UsageError (no inputs, unknown template or rules, DIR busy),
    TemplateError, ConversionError (--pdf without LibreOffice), FileAccessError (DIR not writable,
    disk full while writing DIR's state or 汇总.xlsx).
    """
    started = time.monotonic()
    options = options or Options()
    # A broken template or rules file stops the run once, before any unit, not once per unit.
    template = template_info(template)
    load_template(template)
    KINDS[template.kind].load_rules(options.rules)
    out_dir = Path(out_dir)
    notes: list[str] = []
    paths = collect_inputs(inputs, out_dir, notes)
    if pdf:
        _check_pdf()
    held = lock(out_dir)
    try:
        result = _run(paths, template, out_dir, workers, pdf, resume, make_zip, progress, options, started)
    finally:
        held.close()
    result.notes = notes
    return result


def _run(paths, template, out_dir, workers, pdf, resume, make_zip, progress, options, started) -> BatchResult:
    settings = Settings.of(template_id(template), pdf, options)
    manifest = Manifest(out_dir)
    remove_leftovers(out_dir, [SUMMARY_NAME, zip_name(out_dir)], manifest)
    placer = Placer(out_dir, manifest, settings, paths, progress)
    if progress is not None:
        progress(None, 0, len(paths))
    staging = _fresh_staging(out_dir)
    try:
        jobs = []
        for i, path in enumerate(paths):
            entry = manifest.entries.get(Manifest.key(path))
            if resume and unchanged(entry, path, settings, out_dir):
                placer.record(i, from_entry(path, entry))
            else:
                jobs.append(Job(i, path, staging / f"{i:05d}"))
        n = max(1, min(workers or default_workers(), len(jobs)))
        execute(jobs, n, (template, pdf, PDF_TIMEOUT, options), placer.place)
    finally:  # whatever stopped the run (a full disk included), nothing of it stays in staging
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
        raise ConversionError(install_hint())


def _fresh_staging(out_dir: Path) -> Path:
    """A staging folder of this run; what a killed run left there is unfinished and goes."""
    root = out_dir / STATE_DIR / "staging"
    shutil.rmtree(root, ignore_errors=True)
    # Per run, so a straggling worker of a killed run cannot write over this run's files.
    here = root / f"{os.getpid()}-{time.time_ns()}"
    try:
        here.mkdir(parents=True)
    except OSError as exc:
        raise file_error(exc, out_dir, "写入") from None
    return here
