"""Open an .xlsx file as a zip package safely: know what the file is, and cap what it may unpack to.

A workbook is a zip of XML parts. Before trusting it: a file that is not a zip is named by its
signature (an old .xls, a password-protected workbook, a web page saved as .xls, …) with what to
do; a zip that is not a workbook (a .docx, an .ods) is named too. Every part is read through a
counting stream that stops at `Limits.part_bytes`, so a few-megabyte file whose XML unpacks to
gigabytes is refused after reading the cap, never allocated.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from generator.errors import UnreadableWorkbook

MB = 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The main namespace of a transitional and of a Strict Open XML spreadsheet.
MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
SAVE_AS = "请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (.xlsx)”后再试"


@dataclass(frozen=True)
class Limits:
    """What one workbook may hold. Far above any real filing; they stop hostile or broken files."""

    part_bytes: int = 50 * MB  # any one XML part, unpacked
    total_bytes: int = 200 * MB  # all parts read, unpacked
    rows: int = 100_000  # highest row number holding a value
    columns: int = 1_000  # highest column number holding a value (ALL)
    merged_cells: int = 1_000_000  # cells a sheet's merged ranges may fill
    strings: int = 500_000  # entries in the shared strings table


DEFAULT_LIMITS = Limits()


def _contains_stream(content: bytes, name: str) -> bool:
    """An OLE2 directory entry holds its stream name in UTF-16LE."""
    return name.encode("utf-16-le") in content


def _ole2_message(path, content: bytes) -> str:
    if _contains_stream(content, "EncryptedPackage") or _contains_stream(content, "EncryptionInfo"):
        return f"{path}: 工作簿设有打开密码，无法读取；请在 Excel 或 WPS 中去掉密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再试"
    if _contains_stream(content, "Workbook") or _contains_stream(content, "Book"):
        return f"{path}: 这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel/WPS 中另存为 .xlsx 后再试"
    if _contains_stream(content, "WordDocument"):
        return f"{path}: 这是旧版 Word (.doc) 文件，不是 Excel 工作簿"
    return f"{path}: 这是旧版 Office 文件（不是 .xlsx 工作簿）；{SAVE_AS}"


def _not_zip_message(path, head: bytes, content: bytes) -> str:
    """What a file that is not a zip most likely is, and what to do."""
    if not head:
        return f"{path}: 文件是空的（0 字节），不是 Excel 工作簿"
    if head.startswith(OLE2):
        return _ole2_message(path, content)
    if head.startswith(b"%PDF"):
        return f"{path}: 这是 PDF 文件，不是 Excel 工作簿"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        return (f"{path}: 这是网页或 XML 格式的表格（常见于业务系统导出的“.xls”），不是 .xlsx 工作簿；{SAVE_AS}")
    if b"\0" not in content[:4096]:
        return f"{path}: 这是文本文件（如 .csv、.txt），不是可读取的 Excel 工作簿（.xlsx）；{SAVE_AS}"
    return f"{path}: 不是 Excel 工作簿（.xlsx），文件开头不是 zip 格式；{SAVE_AS}"


def _not_workbook_message(path, names: set[str]) -> str | None:
    """What a zip that is no .xlsx workbook is; None when it looks like one."""
    if "xl/workbook.xml" in names:
        return None
    if "xl/workbook.bin" in names:
        return f"{path}: 这是 Excel 二进制工作簿（.xlsb）；请在 Excel 中另存为“Excel 工作簿 (.xlsx)”后再试"
    if "word/document.xml" in names:
        return f"{path}: 这是 Word 文档（.docx），不是 Excel 工作簿"
    if any(n.startswith("ppt/") for n in names):
        return f"{path}: 这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿"
    if "mimetype" in names and "content.xml" in names:
        return f"{path}: 这是 OpenDocument 文件（如 .ods），不是 .xlsx 工作簿；{SAVE_AS}"
    if "_rels/.rels" in names and any(n.startswith("xl/") and n.endswith(".xml") for n in names):
        return None  # the workbook part has another name; the package relationships say which
    return f"{path}: 是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）；{SAVE_AS}"


def _whole(path, content: bytes | None, limits: Limits) -> bytes:
    """The file's bytes for a signature check (an OLE2 directory may sit anywhere in the file)."""
    if content is not None:
        return content
    with open(path, "rb") as fh:
        return fh.read(limits.part_bytes)


def open_package(path, content: bytes | None, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """The zip of an .xlsx workbook; UnreadableWorkbook saying what the file is when it is not one."""
    try:
        if content is not None:
            head = content[:8]
        else:
            with open(path, "rb") as fh:
                head = fh.read(8)
        if not head.startswith(b"PK"):
            raise UnreadableWorkbook(_not_zip_message(path, head, _whole(path, content, limits)))
    except OSError as exc:
        raise UnreadableWorkbook(f"{path}: 无法打开文件（{exc.strerror or exc}）") from None
    try:
        z = zipfile.ZipFile(io.BytesIO(content) if content is not None else Path(path))
        names = set(z.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UnreadableWorkbook(f"{path}: 不是可读取的 Excel 工作簿：文件不完整或已损坏（可能只复制或下载了一部分）；"
                                 f"如能在 Excel/WPS 中打开，请另存为 .xlsx 再试") from None
    message = _not_workbook_message(path, names)
    if message is not None:
        z.close()
        raise UnreadableWorkbook(message)
    return z


class TooLarge(Exception):
    """A part unpacks to more than the limit allows; read_xlsx turns it into UnreadableWorkbook."""


class CappedStream(io.RawIOBase):
    """A part's bytes, counted as they are unpacked; TooLarge once the part or the workbook passes its cap."""

    def __init__(self, raw: IO[bytes], name: str, budget: "Budget"):
        self._raw, self.name, self._budget, self._read = raw, name, budget, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        self._read += len(data)
        self._budget.spend(self.name, self._read, len(data))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class Budget:
    """The unpacked bytes a workbook has left to read, over all its parts."""

    def __init__(self, limits: Limits):
        self.limits, self.total = limits, 0

    def spend(self, name: str, part_so_far: int, more: int) -> None:
        self.total += more
        if part_so_far > self.limits.part_bytes:
            raise TooLarge(f"工作簿过大：其中的 {name} 解压后超过 {self.limits.part_bytes / MB:g} MB（上限）")
        if self.total > self.limits.total_bytes:
            raise TooLarge(f"工作簿过大：解压后的内容合计超过 {self.limits.total_bytes / MB:g} MB（上限）")

    def open(self, z: zipfile.ZipFile, name: str) -> CappedStream:
        return CappedStream(z.open(name), name, self)

    def read(self, z: zipfile.ZipFile, name: str) -> bytes:
        with self.open(z, name) as fh:
            return fh.read()


_LOCAL_NAMES: dict[str, str] = {}  # tag → local name; a part uses a handful of tags millions of times


def local(tag) -> str:
    """The local name of an element of the main namespace (either flavour); "" for any other."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        ns, _, name = tag[1:].partition("}") if isinstance(tag, str) and tag.startswith("{") else ("", "", "")
        name = name if ns in MAIN_NS else ""
        if len(_LOCAL_NAMES) < 1000:
            _LOCAL_NAMES[tag] = name
    return name


# Children an element needs at its end; any other finished element is dropped to keep memory flat.
_KEEP = {"c": {"v", "f", "is"}, "is": {"t", "r"}, "si": {"t", "r"}, "r": {"t"}}


def stream(fh):
    """(element, its local name, parent, the parent's local name) at each element's end; what no
    parent needs is dropped once seen, so a part of millions of tiny elements costs no more memory
    than one of a few."""
    stack: list[tuple[ET.Element, str]] = []
    for event, el in ET.iterparse(fh, events=("start", "end")):
        if event == "start":
            stack.append((el, local(el.tag)))
            continue
        _, name = stack.pop()
        parent, parent_name = stack[-1] if stack else (None, "")
        yield el, name, parent, parent_name
        if parent is not None and name not in _KEEP.get(parent_name, ()):
            if parent[0] is el:  # the usual case: every earlier sibling is gone already
                del parent[0]
            else:
                parent.remove(el)
