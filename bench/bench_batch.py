"""Reports per second of `genreport batch` against a plain one-process pipeline, in the same run.

    python bench/bench_batch.py [--units 1000] [--pdf-units 50] [--baseline-units 100] [--workers N]

Inputs: --units workbooks made from samples/make_heshan_sample.py's 赫山 data, each with its own
unit name and its amounts times an integer factor (1..10), so every sum still holds and the
workbooks differ in text and figures. They are written into a temporary folder.

- ours: `python -m generator.cli batch DIR -t provincial -o OUT -q` in a subprocess, timed
  wall clock (pool start-up, 汇总.xlsx and all included), then again with --pdf on the first
  --pdf-units workbooks.
- plain: one process; per report openpyxl.load_workbook, the context, then
  docxtpl DocxTemplate(path).render(context).save(out). The context is built the fair way:
  the openpyxl cells are handed to the same loader, checks and scoring as ours (so both do
  the same validation work and render the same report); only the reader and the renderer
  differ. docxtpl gets our Jinja environment (filters, block loader), which the template needs.
  It runs on --baseline-units workbooks (it is slow); its rate is per report, so it compares.
- stages: each stage alone, one process, on the first 100 workbooks; then render+write over
  a pool of --workers processes that start together, which is what "render and write on N
  cores" means.

Peak memory is the largest sum of resident memory over a process and all its descendants
(the batch command, its forkserver and workers), sampled every 50 ms from /proc; elsewhere
the largest single process from getrusage.
"""
from __future__ import annotations

import argparse
import datetime
import importlib.util
import io
import multiprocessing
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from memory import PeakMemory  # noqa: E402

from generator.kinds.department.kind import DEPARTMENT  # noqa: E402
from generator.kinds.department.models import DEPARTMENT_SHEETS  # noqa: E402
from generator.output import write_atomic  # noqa: E402
from generator.pipeline import Loaded, load, render_docx  # noqa: E402
from generator.render.docx import load_template, make_env
from generator.render.registry import template_info  # noqa: E402
from generator.pipeline import Options, check_for_template  # noqa: E402
from generator.workbook.writer import workbook_bytes  # noqa: E402
from generator.workbook.xlsx import Sheet, Workbook, read_xlsx  # noqa: E402

TEMPLATE = "provincial"
MONEY_SHEETS = ("收入", "支出和结余", "三公经费", "固定资产", "经费控制", "支出明细")
PLACEHOLDER = "益阳市第XXXX号测试单位"
STAGE_UNITS = 100


# ------------------------------------------------------------------ inputs
def _heshan() -> dict:
    sys.path.insert(0, str(ROOT / "samples"))  # the sample scripts import their shared sample_kit
    spec = importlib.util.spec_from_file_location("make_heshan_sample", ROOT / "samples" / "make_heshan_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.heshan()


def make_inputs(folder: Path, n: int) -> list[Path]:
    """n workbooks: ten bases (amounts ×1..×10), each copied with its own unit name patched in."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for factor in range(1, 11):
        data = _heshan()
        data["单位信息"][0]["单位名称"] = PLACEHOLDER
        for sheet in MONEY_SHEETS:
            for row in data[sheet]:
                row.update({k: v * factor for k, v in row.items() if isinstance(v, Decimal)})
        bases.append(_entries(workbook_bytes(DEPARTMENT_SHEETS, data)))
    paths = []
    for i in range(n):
        # The writer stores the name as character references (&#30410;…), so only "XXXX" is matched.
        number = f"{i:04d}".encode()
        path = folder / f"unit-{i:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for entry, data in bases[i % 10]:
                z.writestr(entry, data.replace(b"XXXX", number))
        paths.append(path)
    return paths


def _entries(xlsx: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def run_ours(inputs: list[str], out: Path, workers: int, pdf: bool = False) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes) of one `genreport batch` command."""
    cmd = [sys.executable, "-m", "generator.cli", "batch", *inputs, "-t", TEMPLATE, "-o", str(out), "-q",
           "--workers", str(workers)] + (["--pdf"] if pdf else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with PeakMemory(proc.pid) as mem:
        stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"genreport batch failed ({proc.returncode}):\n{stdout.decode()}\n{stderr.decode()}")
    print("  " + stdout.decode().strip())
    peak = mem.peak or max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
    return seconds, peak


# ------------------------------------------------------------------ the plain pipeline
def openpyxl_workbook(path: Path):
    from openpyxl import load_workbook

    return load_workbook(path, data_only=True)


def as_our_workbook(path: Path, wb) -> Workbook:
    """openpyxl's cells in the loader's shape; floats go through str() as a plain pipeline would."""
    sheets = {}
    for ws in wb.worksheets:
        sheet = Sheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if v is None or v == "":
                    continue
                if isinstance(v, bool):
                    pass
                elif isinstance(v, (int, float)):
                    v = Decimal(str(v))
                sheet.cells[(cell.row, cell.column)] = v
        sheets[ws.title] = sheet
    return Workbook(str(path), sheets)


def plain_context(path: Path, wb, info) -> dict:
    loaded = _loaded(path, as_our_workbook(path, wb))
    loaded.problems += check_for_template(loaded, info)
    if loaded.errors:
        raise SystemExit(f"{path}: {loaded.errors[0]}")
    return DEPARTMENT.context(loaded.data, loaded.scores, info.report_unit, info.separators)


def _loaded(path: Path, wb) -> Loaded:
    """Checks and scoring of a department workbook already read, as pipeline.load does them."""
    data, problems = DEPARTMENT.load(str(path), wb)
    loaded = Loaded(str(path), DEPARTMENT, data, problems)
    loaded.scores = DEPARTMENT.score(data, Options())
    loaded.problems += loaded.scores.problems
    return loaded


def run_plain(paths: list[Path], out: Path) -> dict[str, float]:
    """Seconds per stage over `paths`, one process, one report after another."""
    from docxtpl import DocxTemplate

    info = template_info(TEMPLATE)
    env = make_env()
    out.mkdir(parents=True, exist_ok=True)
    t = dict.fromkeys(("read", "validate", "render", "write"), 0.0)
    for i, path in enumerate(paths):
        t0 = time.perf_counter()
        wb = openpyxl_workbook(path)
        t1 = time.perf_counter()
        context = plain_context(path, wb, info)
        t2 = time.perf_counter()
        doc = DocxTemplate(str(info.path))
        doc.render(context, jinja_env=env)
        t3 = time.perf_counter()
        doc.save(str(out / f"{i:04d}.docx"))
        t4 = time.perf_counter()
        for k, a, b in (("read", t0, t1), ("validate", t1, t2), ("render", t2, t3), ("write", t3, t4)):
            t[k] += b - a
    return t


# ------------------------------------------------------------------ our stages, one by one
def our_stages(paths: list[Path], out: Path) -> dict[str, float]:
    """Seconds per stage over `paths` in this process: read_xlsx, checks+scoring, render, atomic write."""
    info = template_info(TEMPLATE)
    load_template(info)
    out.mkdir(parents=True, exist_ok=True)
    t = dict.fromkeys(("read", "validate", "render", "write"), 0.0)
    for i, path in enumerate(paths):
        t0 = time.perf_counter()
        wb = read_xlsx(path)
        t1 = time.perf_counter()
        loaded = _loaded(path, wb)
        t2 = time.perf_counter()
        data = render_docx(loaded, info)
        t3 = time.perf_counter()
        write_atomic(out / f"{i:04d}.docx", data, force=True)
        t4 = time.perf_counter()
        for k, a, b in (("read", t0, t1), ("validate", t1, t2), ("render", t2, t3), ("write", t3, t4)):
            t[k] += b - a
    return t


def other_readers(paths: list[Path]) -> dict[str, float]:
    """Seconds to read `paths` with each candidate reader (cells only, no checks)."""
    times = {}
    t0 = time.perf_counter()
    for p in paths:
        read_xlsx(p)
    times["generator.xlsx (ours: exact Decimal)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in paths:
        openpyxl_workbook(p)
    times["openpyxl load_workbook"] = time.perf_counter() - t0
    try:
        import python_calamine
    except ImportError:
        return times
    t0 = time.perf_counter()
    for p in paths:
        wb = python_calamine.CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
    times["python-calamine (floats)"] = time.perf_counter() - t0
    return times


def _render_write_worker(args) -> tuple[int, float]:
    paths, out, barrier = args
    info = template_info(TEMPLATE)
    load_template(info)
    loaded = [load(p) for p in paths]  # not timed: this measures render and write only
    barrier.wait()
    t0 = time.perf_counter()
    for i, item in enumerate(loaded):
        write_atomic(out / f"{os.getpid()}-{i:04d}.docx", render_docx(item, info), force=True)
    return len(paths), time.perf_counter() - t0


def render_write_pool(paths: list[Path], out: Path, workers: int) -> float:
    """Reports per second of render+write with `workers` processes started together."""
    out.mkdir(parents=True, exist_ok=True)
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    barrier = manager.Barrier(workers)
    shares = [(paths[w::workers], out, barrier) for w in range(workers)]
    with ctx.Pool(workers) as pool:
        results = pool.map(_render_write_worker, shares)
    manager.shutdown()
    return sum(n for n, _ in results) / max(s for _, s in results)


# ------------------------------------------------------------------ report
def rates(times: dict[str, float], n: int) -> dict[str, float]:
    return {k: n / v if v else float("inf") for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--pdf-units", type=int, default=50)
    ap.add_argument("--baseline-units", type=int, default=100,
                    help="workbooks for the plain pipeline (about 0.4 s each); 0 = all --units")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = ap.parse_args()
    cpus = len(os.sched_getaffinity(0))
    print(f"genreport batch benchmark, {datetime.date.today()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {cpus} cores available, {args.workers} workers, "
          f"load average {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)")
    with tempfile.TemporaryDirectory(prefix="genreport-bench-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        paths = make_inputs(tmp / "in", args.units)
        print(f"inputs: {len(paths)} workbooks ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB) "
              f"made in {time.perf_counter() - t0:.1f} s")

        stage_paths = paths[:STAGE_UNITS]
        print(f"\nreaders, {len(stage_paths)} workbooks of {len(read_xlsx(paths[0]).sheets)} sheets, one process:")
        for name, secs in other_readers(stage_paths).items():
            print(f"  {name:<40} {secs / len(stage_paths) * 1000:7.1f} ms/workbook")

        ours_stage = rates(our_stages(stage_paths, tmp / "stages"), len(stage_paths))
        n_plain = args.baseline_units or len(paths)
        plain_t = run_plain(paths[:n_plain], tmp / "plain")
        plain_stage = rates(plain_t, n_plain)
        plain_rate = n_plain / sum(plain_t.values())
        rw_pool = render_write_pool(stage_paths, tmp / "rw", args.workers)

        print(f"\nper stage, reports/s, one process (ours on {len(stage_paths)}, plain on {n_plain}):")
        print(f"  {'stage':<10}{'ours':>10}{'plain':>10}{'ratio':>8}")
        for k in ours_stage:
            print(f"  {k:<10}{ours_stage[k]:>10.1f}{plain_stage[k]:>10.1f}{ours_stage[k] / plain_stage[k]:>8.1f}")
        print(f"  render+write over {args.workers} processes: {rw_pool:.1f} reports/s (target >= 100)")

        print(f"\nend to end, {len(paths)} workbooks:")
        secs, peak = run_ours([str(tmp / "in")], tmp / "out", args.workers)
        ours_rate = len(paths) / secs
        print(f"  ours  (genreport batch, {args.workers} workers): {secs:7.1f} s  {ours_rate:7.1f} reports/s  "
              f"peak memory {peak / 2**20:.0f} MB (target < 500)")
        note = "" if n_plain == len(paths) else f" (timed on {n_plain} of them; projected for {len(paths)})"
        print(f"  plain (openpyxl + docxtpl, 1 process):   {len(paths) / plain_rate:7.1f} s  {plain_rate:7.1f} "
              f"reports/s{note}")
        print(f"  ratio: {ours_rate / plain_rate:.1f}x (target >= 4x)")

        if args.pdf_units:
            from generator.pdf.office import find_soffice

            if not find_soffice():
                print("\n--pdf: skipped, LibreOffice (soffice) not found")
            else:
                subset = tmp / "pdf-in"
                subset.mkdir()
                for p in paths[:args.pdf_units]:
                    shutil.copy(p, subset / p.name)
                secs, peak = run_ours([str(subset)], tmp / "pdf-out", args.workers, pdf=True)
                print(f"\n--pdf, {args.pdf_units} workbooks: {secs:.1f} s, {args.pdf_units / secs:.2f} reports/s "
                      f"(docx and pdf), peak memory {peak / 2**20:.0f} MB")


    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
