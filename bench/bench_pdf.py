"""PDF seconds per report: genreport's PdfConverter against one soffice process per file.

    python bench/bench_pdf.py [--reports 50] [--workers N] [--system-fonts] [--fonts-conf FILE]

The samples' reports are rendered once and copied up to --reports files. Both sides convert
the same files in the same run:

- ours: PdfConverter(workers=N) (default: the number of cores), offices started, kept
  running and stopped inside the timed span;
- baseline: `soffice --headless --convert-to pdf FILE` once per file, one after the other,
  as a shell loop would do it, on a profile created before timing starts (so the baseline
  is not charged for the one-off profile creation). It gets fonts/fonts.conf too, so both
  sides lay out the same glyphs; --system-fonts drops that, as a user without genreport
  would run it. --fonts-conf gives both sides another font mapping (to compare stand-in faces).

Peak memory is the largest sum of resident memory over this process and all its
descendants, sampled every 50 ms. CPU seconds (user + system, this process and its waited-for
children) are printed too: on a machine shared with other work the wall-clock ratio
depends on how busy the other work keeps the cores, the CPU cost per report does not.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from memory import PeakMemory  # noqa: E402

from generator import load, render_docx  # noqa: E402
from generator.pdf import fonts  # noqa: E402
from generator.pdf.fonts import soffice_env  # noqa: E402
from generator.pdf.office import PdfConverter, find_soffice  # noqa: E402
from generator.render.registry import template_info  # noqa: E402

SAMPLES = [
    ("provincial", "003-heshan-2024.xlsx"),
    ("provincial", "002-xiangxi-2019-corrected.xlsx"),
    ("project", "004-furong-2021.xlsx"),
]


def become_subreaper() -> None:
    """soffice.bin is oosplash's child; when an office is killed, oosplash dies first and
    soffice.bin's CPU time would be lost to init. As subreaper we inherit and reap it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap_orphans() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def make_reports(folder: Path, count: int) -> list[Path]:
    rendered = [render_docx(load(ROOT / "samples" / sample), template_info(template))
                for template, sample in SAMPLES]
    reports = []
    for i in range(count):
        path = folder / f"report-{i + 1:03d}.docx"
        path.write_bytes(rendered[i % len(rendered)])
        reports.append(path)
    return reports


def run_ours(reports: list[Path], out: Path, workers: int) -> tuple[float, float, int]:
    with PeakMemory() as memory:
        started, cpu = time.perf_counter(), cpu_seconds()
        with PdfConverter(workers=workers) as converter:
            results = converter.convert_many([(r, out / r.with_suffix(".pdf").name) for r in reports])
        reap_orphans()
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    failed = [r.error for r in results if not r.ok]
    if failed:
        sys.exit(f"ours failed: {failed[:3]}")
    return seconds, cpu, memory.peak


def run_baseline(reports: list[Path], out: Path, soffice: str, profile: Path, env: dict) -> tuple[float, float, int]:
    def convert(path: Path) -> None:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), str(path)],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    convert(reports[0])  # creates the profile: not timed
    with PeakMemory() as memory:
        started, cpu = time.perf_counter(), cpu_seconds()
        for path in reports:
            convert(path)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    missing = [r.name for r in reports if not (out / r.with_suffix(".pdf").name).is_file()]
    if missing:
        sys.exit(f"baseline wrote no PDF for {missing[:3]}")
    return seconds, cpu, memory.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--system-fonts", action="store_true", help="baseline without fonts/fonts.conf")
    parser.add_argument("--fonts-conf", type=Path, help="a fontconfig file to use instead of fonts/fonts.conf")
    args = parser.parse_args()
    if args.fonts_conf:
        fonts.FONTS_CONF = args.fonts_conf.resolve()  # soffice_env() reads it at each start
    soffice = find_soffice()
    if not soffice:
        sys.exit("LibreOffice (soffice) not found: run .ci/setup")
    become_subreaper()
    work = Path(tempfile.mkdtemp(prefix="genreport-bench-"))
    try:
        (work / "docx").mkdir()
        reports = make_reports(work / "docx", args.reports)
        for name in ("ours", "baseline"):
            (work / name).mkdir()
        ours, ours_cpu, ours_mem = run_ours(reports, work / "ours", args.workers)
        env = dict(os.environ) if args.system_fonts else soffice_env()
        base, base_cpu, base_mem = run_baseline(reports, work / "baseline", soffice, work / "profile", env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = len(reports)
    load = os.getloadavg()[0]
    print(f"reports: {n} (copies of {len(SAMPLES)} samples), cores: {os.cpu_count()}, workers: {args.workers}, "
          f"load average at the end: {load:.1f}")
    print(f"ours:     {ours:6.1f} s  {ours / n:6.3f} s/report  {ours_cpu / n:6.3f} CPU s/report  "
          f"peak {ours_mem / 2**20:5.0f} MiB")
    print(f"baseline: {base:6.1f} s  {base / n:6.3f} s/report  {base_cpu / n:6.3f} CPU s/report  "
          f"peak {base_mem / 2**20:5.0f} MiB  (one soffice per file{', system fonts' if args.system_fonts else ''})")
    print(f"ratio:    {base / ours:.1f}x faster per report (wall clock); "
          f"{base_cpu / ours_cpu:.1f}x less CPU per report")

if __name__ == "__main__":
    main()
