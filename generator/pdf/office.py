"""PDF output: .docx -> .pdf through LibreOffice headless, and page previews.

Why it is built this way:

- Starting soffice costs about 1.3-1.9 s, converting a report in a running office 0.5-0.8 s
  (7-18 pages). Each worker therefore keeps one soffice running on its own profile directory
  and sends it one document at a time with a second `soffice --convert-to` call, which finds
  the running office through its per-profile IPC pipe, hands over the request and exits.
  Handing one office many files in a single call was measured too: it saves only ~0.02 s
  per file and loses the per-document timeout, so it is not done. The running office would
  quit after the request once no document is open, so it is started with a tiny document
  open ("keep") and, on the same command line, a conversion of a ping document, whose PDF
  appearing says the office is ready. This needs nothing but soffice itself: no UNO bridge
  and no python3-uno (which the project's Python cannot import).
- One request per document gives per-document timeouts: a conversion that hangs is
  killed together with its office, the office restarted and the document tried once
  more, then reported as that document's failure; the other documents go on.
- fonts/fonts.conf (see fonts.py) is given to soffice through FONTCONFIG_FILE: it maps the official
  font names the templates use (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312 ...) to free
  Debian fonts. Unmapped names fall back to DejaVu Sans, glyph by glyph for CJK text; a
  cold soffice was measured 20 % slower without the mapping (2.3 s against 1.9 s a report).
- PDFs are written atomically and made reproducible (same .docx, same bytes) by
  pdf_repro.make_reproducible; its docstring lists what LibreOffice varies.
"""
from __future__ import annotations

import hashlib
import itertools
import ntpath
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

from generator.errors import ConversionError, FileAccessError
from generator.output import file_error, write_atomic
from generator.pdf.fonts import soffice_env
from generator.pdf.repro import make_reproducible

APT_PACKAGES = "libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-gkai00mp fonts-arphic-ukai"
INSTALL_HINT = f"未找到 LibreOffice（soffice），无法生成 PDF。请先安装：sudo apt-get install {APT_PACKAGES}"
# GENREPORT_SOFFICE names the soffice to use (tests point it at a fake one).
SOFFICE_ENV = "GENREPORT_SOFFICE"
_LINUX_PLACES = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice", "/snap/bin/libreoffice")
_MAC_APP = "LibreOffice.app/Contents/MacOS/soffice"
# An office is restarted after this many documents, which bounds its memory.
_RECYCLE_AFTER = 200
_KEEP_DOC = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">'
    "<office:body><office:text/></office:body></office:document>\n"
)
@dataclass(frozen=True)
class PdfResult:
    """The outcome for one document; `error` is a Chinese message when `ok` is False."""

    docx: Path
    pdf: Path
    ok: bool
    error: str | None = None


def find_soffice() -> str | None:
    """The soffice executable: $GENREPORT_SOFFICE if set, else PATH, else the usual install places.

    On Windows the installer does not put LibreOffice on the PATH, and on macOS it is an app
    bundle: both are found where their installers put them."""
    wanted = os.environ.get(SOFFICE_ENV)
    if wanted:
        return wanted if os.access(wanted, os.X_OK) else shutil.which(wanted)
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in install_places() if os.access(p, os.X_OK)), None)


def install_places() -> list[str]:
    """Where LibreOffice's installer puts soffice on this platform."""
    if sys.platform == "win32":
        roots = [os.environ.get(var) for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        unique = list(dict.fromkeys(r for r in roots if r))
        return [ntpath.join(root, "LibreOffice", "program", "soffice.exe") for root in unique]
    if sys.platform == "darwin":
        return [f"/Applications/{_MAC_APP}", os.path.join(os.path.expanduser("~"), "Applications", _MAC_APP)]
    return list(_LINUX_PLACES)


def install_hint() -> str:
    """What to install, in the words of this platform."""
    if sys.platform in ("win32", "darwin"):
        return ("未找到 LibreOffice（soffice），无法生成 PDF。请安装 LibreOffice（安装到默认位置即可），"
                f"或设置环境变量 {SOFFICE_ENV} 为 soffice 的完整路径")
    return INSTALL_HINT


class PdfConverter:
    """Converts .docx files to PDF with `workers` LibreOffice processes kept running.

    Use as a context manager (or call close()); the offices start on first use.
    """

    def __init__(self, workers: int = 1, timeout: float = 120, soffice: str | None = None):
        self.soffice = soffice or find_soffice()
        if not self.soffice or not shutil.which(self.soffice):
            raise ConversionError(install_hint())
        self.timeout = timeout
        self._root = Path(tempfile.mkdtemp(prefix="genreport-pdf-"))
        self._workers = [_Worker(self.soffice, self._root / f"w{i}", timeout) for i in range(max(1, workers))]
        self._idle: Queue[_Worker] = Queue()
        for w in self._workers:
            self._idle.put(w)
        self._finalizer = weakref.finalize(self, _shutdown, list(self._workers), self._root)

    def __enter__(self) -> PdfConverter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the offices and remove their profiles."""
        self._finalizer()

    def convert(self, docx: Path, pdf: Path) -> Path:
        """Write `pdf` from `docx`; raises ConversionError (in Chinese) if that fails."""
        result = self._one(Path(docx), Path(pdf))
        if not result.ok:
            raise ConversionError(result.error)
        return result.pdf

    def convert_many(self, jobs: list[tuple[Path, Path]]) -> list[PdfResult]:
        """Convert every (docx, pdf) pair, in parallel over the workers; one result per job, in order."""
        jobs = [(Path(d), Path(p)) for d, p in jobs]
        if len(jobs) <= 1 or len(self._workers) == 1:
            return [self._one(d, p) for d, p in jobs]
        with ThreadPoolExecutor(max_workers=len(self._workers)) as pool:
            return list(pool.map(lambda job: self._one(*job), jobs))

    def _one(self, docx: Path, pdf: Path) -> PdfResult:
        if not docx.is_file():
            return PdfResult(docx, pdf, False, f"{docx}：文件不存在")
        worker = self._idle.get()
        try:
            data = worker.convert(docx)
            write_atomic(pdf, make_reproducible(data), force=True)
            return PdfResult(docx, pdf, True)
        except ConversionError as exc:
            return PdfResult(docx, pdf, False, f"{docx.name}：{exc}")
        except FileAccessError as exc:  # from write_atomic: names the PDF and what to do
            return PdfResult(docx, pdf, False, str(exc))
        except OSError as exc:  # the office's working copy in the temporary folder
            return PdfResult(docx, pdf, False, f"{docx.name}：{file_error(exc)}")
        finally:
            self._idle.put(worker)


class _Retry(Exception):
    """The office hung or died: worth one more try on a fresh one."""


class _Worker:
    """One soffice with its own profile, converting one document at a time."""

    _seq = itertools.count(1)

    def __init__(self, soffice: str, home: Path, timeout: float):
        self.soffice = soffice
        self.home = home
        self.timeout = timeout
        self.profile = home / "profile"
        self.server: subprocess.Popen | None = None
        self.done = 0
        self.lock = threading.Lock()

    def convert(self, docx: Path) -> bytes:
        """The PDF bytes for `docx`; a hang is retried once on a fresh office."""
        with self.lock:
            staged = self.home / "in" / f"{next(self._seq):05d}-{_ascii_stem(docx)}.docx"
            staged.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(docx, staged)
            try:
                for attempt in (1, 2):
                    try:
                        return self._convert_once(staged)
                    except _Retry as exc:
                        self.stop()
                        if attempt == 2:
                            raise ConversionError(f"{exc}（已重试一次）") from None
            finally:
                staged.unlink(missing_ok=True)

    def _convert_once(self, staged: Path) -> bytes:
        self._ensure_server()
        out = self.home / "out" / (staged.stem + ".pdf")
        out.unlink(missing_ok=True)
        log_from = self._log().stat().st_size
        client = subprocess.Popen(
            self._cmd("--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out.parent), str(staged)),
            env=soffice_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, **own_group())
        try:
            client.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill(client)
            raise _Retry(f"PDF 转换超时（{self.timeout:g} 秒），LibreOffice 已被终止") from None
        self.done += 1
        if out.is_file() and out.stat().st_size > 0:
            data = out.read_bytes()
            out.unlink()
            return data
        detail = self._log_errors(log_from)
        if self.server is None or self.server.poll() is not None:
            raise _Retry(f"LibreOffice 意外退出（{detail or '无输出'}）")
        raise ConversionError(f"LibreOffice 无法转换该文件（{detail or '未生成 PDF'}），请检查 .docx 是否完好")

    def _ensure_server(self) -> None:
        if self.server is not None and self.server.poll() is None and self.done < _RECYCLE_AFTER:
            return
        self.stop()
        ready = self.home / "ready"
        shutil.rmtree(ready, ignore_errors=True)
        ready.mkdir(parents=True)
        (self.home / "keep.fodt").write_text(_KEEP_DOC, encoding="utf-8")
        (self.home / "ping.fodt").write_text(_KEEP_DOC, encoding="utf-8")
        log_from = self._log().stat().st_size
        log = self._log().open("ab")
        self.server = subprocess.Popen(
            self._cmd("--nodefault", str(self.home / "keep.fodt"),
                      "--convert-to", "pdf", "--outdir", str(ready), str(self.home / "ping.fodt")),
            env=soffice_env(), stdin=subprocess.DEVNULL, stdout=log, stderr=log, **own_group())
        log.close()
        self.done = 0
        # A hung start is treated like a hung conversion (killed, retried once); the timeout
        # must allow for creating the fresh profile, a few seconds on a slow machine.
        deadline = time.monotonic() + self.timeout
        while not (ready / "ping.pdf").exists():
            if self.server.poll() is not None:
                detail = self._log_errors(log_from)
                self.stop()
                raise ConversionError(f"LibreOffice 启动失败（{detail or '进程已退出'}）")
            if time.monotonic() > deadline:
                raise _Retry(f"LibreOffice 启动超时（{self.timeout:g} 秒），已被终止")
            time.sleep(0.02)

    def _cmd(self, *args: str) -> list[str]:
        return [self.soffice, f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless", "--nologo", "--norestore", "--nolockcheck", *args]

    def _log(self) -> Path:
        log = self.home / "soffice.log"
        if not log.exists():
            log.parent.mkdir(parents=True, exist_ok=True)
            log.touch()
        return log

    def _log_errors(self, start: int) -> str:
        with self._log().open("rb") as fh:
            fh.seek(start)
            text = fh.read().decode("utf-8", "replace")
        return "；".join(line.strip() for line in text.splitlines() if "rror" in line)[:300]

    def stop(self) -> None:
        """Stop the office (if running) and clear the IPC pipe it leaves in /tmp."""
        if self.server is not None:
            _kill(self.server, graceful=True)
            self.server = None
            _remove_ipc_pipe(self.profile)


def own_group() -> dict:
    """Popen arguments that start soffice as the head of its own process group, so that it and
    what it starts (soffice.bin) can be ended together."""
    if sys.platform == "win32":
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def _kill(proc: subprocess.Popen, graceful: bool = False) -> None:
    """End `proc` and everything it started."""
    if sys.platform == "win32":
        _kill_tree_windows(proc)
    else:
        _kill_group(proc, graceful)


def _kill_group(proc: subprocess.Popen, graceful: bool) -> None:
    """POSIX: `proc` leads its own process group; signal the whole group."""
    for sig in ((signal.SIGTERM, signal.SIGKILL) if graceful else (signal.SIGKILL,)):
        try:
            os.killpg(proc.pid, sig)
        except OSError:  # gone already (macOS may say EPERM for a group whose leader has exited)
            break
        try:
            proc.wait(timeout=5)
            break
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin may outlive the oosplash leader
    except OSError:
        pass
    proc.wait()


def _kill_tree_windows(proc: subprocess.Popen) -> None:
    """Windows has no process groups to signal: taskkill /T ends soffice.exe and the soffice.bin it started."""
    try:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        pass
    if proc.poll() is None:
        proc.kill()  # TerminateProcess: at least the process we started
    proc.wait()


def _remove_ipc_pipe(profile: Path) -> None:
    """soffice names its pipe /tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<md5 of the profile URL>
    and leaves it behind when killed; best effort, an unknown scheme just leaves litter.
    Windows pipes are named pipes, not files: nothing to remove."""
    if not hasattr(os, "getuid"):
        return
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le")).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)
    for folder in ("/tmp", "/var/tmp"):
        Path(folder, name).unlink(missing_ok=True)


def _shutdown(workers: list[_Worker], root: Path) -> None:
    for w in workers:
        w.stop()
    shutil.rmtree(root, ignore_errors=True)


def _ascii_stem(path: Path) -> str:
    # Staged copies get plain names: soffice is spared odd characters, and a failing
    # document is still recognisable in the worker's folder.
    return re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem)[:40].strip("_") or "doc"
