"""Writing files so that a reader never sees half of one."""
from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from generator.errors import OutputExists

# Zip entries carry this date and mode so that the same content always gives the same bytes.
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_filename(name: str) -> str:
    """A file name Windows and Linux both accept; the unit's name is kept readable."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned or "报告"


def check_free(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExists(f"{path} 已存在；如需覆盖请加 --force")


def write_atomic(path: Path, data: bytes, force: bool = False) -> Path:
    """Write to a temporary file beside `path`, then rename it into place."""
    return write_atomic_with(path, lambda fh: fh.write(data), force)


def write_atomic_with(path: Path, fill, force: bool = False) -> Path:
    """Like write_atomic, for content written piece by piece: `fill(fh)` writes into the open file."""
    path = Path(path)
    check_free(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def fixed_zip_entry(name: str) -> zipfile.ZipInfo:
    """A deflated zip entry that does not record when or by whom it was written (.docx, .xlsx)."""
    entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry
