"""Writing files so that a reader never sees half of one, under names every file system accepts.

Also the one place where an OSError becomes a message (`file_error`): one Chinese line naming the
path, what went wrong and what to do. write_atomic raises it itself; the CLI's error edge and the
batch use it for every other OSError.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import zipfile
from pathlib import Path

from generator.errors import FileAccessError, OutputExists

# Zip entries carry this date and mode so that the same content always gives the same bytes.
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

# One file name may have 255 bytes on ext4, APFS and (as 255 UTF-16 units, which UTF-8 bytes bound) NTFS.
NAME_MAX = 255
# write_atomic's temporary beside the file is named .NAME.XXXXXXXX.part (mkstemp's 8 random characters).
TEMP_EXTRA = len(".") + len(".XXXXXXXX") + len(".part")
# After a report's stem come a batch namesake's "(12)" and ".docx", ".pdf" or a preview's "-001.png".
SUFFIX_ROOM = 16
STEM_MAX = NAME_MAX - TEMP_EXTRA - SUFFIX_ROOM
# A shortened name keeps at least this much of its start, or it would no longer say whose report it is.
_HEAD_MIN = 12

# Not allowed by Windows (or by any system: / and NUL), and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]')
# Invisible characters that change how a name is shown: an RTL override can make "…exe.docx" read as "…xcod.exe".
_INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_filename(name: str) -> str:
    """A file name Windows and Linux both accept; the unit's name is kept readable (not shortened)."""
    cleaned = _UNSAFE.sub("_", _INVISIBLE.sub("", name)).strip(" .")
    if cleaned.split(".")[0].rstrip(" ").upper() in _RESERVED:
        cleaned = "_" + cleaned  # Windows opens the device for CON, NUL.txt, … whatever the extension
    return cleaned or "报告"


def fitted_stem(head: str, tail: str) -> str:
    """`head + tail` as a safe file stem of at most STEM_MAX bytes (UTF-8), `tail` kept whole.

    The tail says what the report is (-2024年度部门整体支出绩效自评报告); a head that is too long
    (单位名称, 项目名称) is cut and marked with "…" and a digest of the whole head, so two long
    names that differ only where they were cut still give two files."""
    tail = _UNSAFE.sub("_", _INVISIBLE.sub("", tail))
    stem = safe_filename(head + tail)
    if _size(stem) <= STEM_MAX:
        return stem
    mark = "…" + hashlib.sha256(head.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    room = STEM_MAX - _size(tail) - _size(mark)
    if room < _HEAD_MIN:
        raise FileAccessError(f"报告文件名过长（“{tail}”已有 {_size(tail)} 字节，一个文件名最多 {NAME_MAX} 字节）；"
                              f"请缩短单位名称或项目名称")
    return safe_filename(_cut(head, room) + mark + tail)


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _cut(text: str, limit: int) -> str:
    """The longest start of `text` (made safe) within `limit` bytes, never splitting a character."""
    text = _UNSAFE.sub("_", _INVISIBLE.sub("", text))
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip(" .")


def file_error(exc: OSError, path: str | Path | None = None, action: str = "访问") -> FileAccessError:
    """One Chinese line for an OSError: which path, what went wrong, what to do. `action`: 写入, 读取, 访问."""
    shown = str(path if path is not None else exc.filename if exc.filename is not None else "")
    code = exc.errno
    if not shown:  # no file to name (a closed pipe, a socket): say what failed
        return FileAccessError(f"{action}文件时出错：{exc.strerror or exc}")
    if code in (errno.EACCES, errno.EPERM):
        # On Windows a file open in Word or WPS cannot be replaced: the likeliest cause for an accountant.
        busy = "若该文件正在 Word 或 WPS 中打开，请先关闭；否则" if action == "写入" else ""
        text = f"没有权限{action}“{shown}”；{busy}请检查文件和文件夹的权限，或换一个文件夹"
    elif code == errno.EROFS:
        text = f"“{shown}”所在的磁盘或文件夹是只读的，无法{action}；请换一个输出文件夹"
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        text = f"磁盘空间不足，无法写入“{shown}”；请清理磁盘或换一个输出文件夹"
    elif code == errno.EISDIR:
        text = f"“{shown}”是一个文件夹，不能作为文件{action}；请移走或改名该文件夹"
    elif code in (errno.ENOTDIR, errno.EEXIST):
        blocker = _blocking_file(shown)
        inside = f"，无法在其中{action}“{shown}”" if blocker != shown else ""
        text = f"“{blocker}”是一个文件，不是文件夹{inside}；请换一个输出文件夹"
    elif code == errno.ENAMETOOLONG:
        text = f"文件名或路径过长：“{shown}”；请缩短单位名称或项目名称，或换一个路径较短的输出文件夹"
    elif code == errno.ENOENT:
        text = f"找不到“{shown}”"
    else:
        text = f"无法{action}“{shown}”：{exc.strerror or exc}"
    return FileAccessError(text, shown)


def _blocking_file(path: str) -> str:
    """The file that stands where a folder of `path` should be (itself, or the nearest such parent)."""
    for p in (Path(path), *Path(path).parents):
        try:
            if p.exists() and not p.is_dir():
                return str(p)
        except OSError:
            continue
    return path


def check_free(path: Path, force: bool) -> None:
    """Raises unless a file may be written at `path`: a folder there, or a file without --force."""
    try:
        if path.is_dir():
            raise FileAccessError(f"“{path}”是一个文件夹，报告文件无法写在这里；请移走或改名该文件夹", str(path))
        there = path.exists()
    except OSError as exc:
        raise file_error(exc, path, "写入") from None
    if there and not force:
        raise OutputExists(f"{path} 已存在；如需覆盖请加 --force")


def write_atomic(path: Path, data: bytes, force: bool = False) -> Path:
    """Write to a temporary file beside `path`, then rename it into place."""
    return write_atomic_with(path, lambda fh: fh.write(data), force)


def write_atomic_with(path: Path, fill, force: bool = False) -> Path:
    """Like write_atomic, for content written piece by piece: `fill(fh)` writes into the open file.

    Any OSError (folder not writable, disk full, a folder in the way) leaves no temporary file
    and is raised as a FileAccessError naming `path`."""
    path = Path(path)
    check_free(path, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise file_error(exc, path, "写入") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        # An error of `fill` reading some other file names that file; every other one is about `path`.
        other = exc.filename is not None and exc.filename not in (tmp, str(path)) and exc.filename2 is None
        raise file_error(exc, exc.filename if other else path, "读取" if other else "写入") from None
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
