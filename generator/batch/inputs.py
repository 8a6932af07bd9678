"""A batch's inputs: workbooks named by files, folders (searched recursively) and globs, each once.

Folder walks (a folder given, `**` in a glob) visit every real folder once: a symbolic link to a
folder is followed, but a link back to the folder itself or to a parent is a folder seen already,
so a walk always ends. Hidden folders (.genreport), Excel's lock files (~$…) and the output
folder's own files are never inputs; skipping the output folder is said in a note.
"""
from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Iterator

from generator.batch.summary import SUMMARY_NAME
from generator.errors import UsageError

_MAGIC = re.compile(r"[*?[]")


def collect_inputs(inputs, out_dir: Path, notes: list[str] | None = None) -> list[Path]:
    """Workbooks named by files, folders and globs, each once, in order; `notes` gets what was skipped."""
    notes = [] if notes is None else notes
    found, seen = [], set()
    for raw in map(str, inputs):
        path = Path(raw)
        if path.is_file():
            candidates = [path]  # named explicitly: taken as is, whatever it is
        elif path.is_dir() or _MAGIC.search(raw):
            walk = _Walk(Path(out_dir), raw)
            candidates = walk.workbooks(path) if path.is_dir() else walk.glob(raw)
            for note in walk.notes:
                if note not in notes:
                    notes.append(note)
            if not candidates:
                raise UsageError(f"“{raw}”中没有找到 .xlsx 工作簿" + (f"（{walk.notes[0]}）" if walk.notes else ""))
        else:
            raise UsageError(f"找不到输入：{raw}")
        for p in candidates:
            if _real(p) not in seen:
                seen.add(_real(p))
                found.append(p)
    if not found:
        raise UsageError("没有找到任何 .xlsx 工作簿")
    return found


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


class _Walk:
    """One input's walk; the output folder is searched only when it is where the walk starts."""

    def __init__(self, out_dir: Path, raw: str):
        self.out_dir, self.out, self.raw = out_dir, _real(out_dir), raw
        self.notes: list[str] = []

    def glob(self, pattern: str) -> list[Path]:
        parts = Path(pattern).parts
        fixed = next((i for i, part in enumerate(parts) if _MAGIC.search(part)), len(parts))
        root = Path(*parts[:fixed]) if fixed else Path(".")
        self.start = _real(root)
        found: list[Path] = []
        for match in sorted(set(self._expand(root, parts[fixed:]))):
            found += self._workbooks_below(match) if match.is_dir() else [match] if self._is_workbook(match) else []
        return found

    def workbooks(self, folder: Path) -> list[Path]:
        self.start = _real(folder)
        return self._workbooks_below(folder)

    def _workbooks_below(self, folder: Path) -> list[Path]:
        return sorted(p for d in self._folders(folder) for p in self._children(d) if self._is_workbook(p))

    def _is_workbook(self, p: Path) -> bool:
        if p.suffix.lower() != ".xlsx" or p.name.startswith("~$") or not p.is_file():
            return False
        if p.name == SUMMARY_NAME and _real(p.parent) == self.out:
            self._note(f"输出文件夹“{self.out_dir}”也是输入文件夹，其中的 {SUMMARY_NAME} 不作为输入")
            return False
        return True

    def _expand(self, base: Path, parts: tuple[str, ...]) -> Iterator[Path]:
        """Every path below `base` that the glob `parts` matches (`**`: any number of folders)."""
        if not parts:
            yield base
            return
        head, rest = parts[0], parts[1:]
        if head == "**":
            for folder in self._folders(base):
                yield from self._expand(folder, rest)
        elif _MAGIC.search(head):
            for child in self._children(base):
                hidden_ok = head.startswith(".") or not child.name.startswith(".")
                if hidden_ok and fnmatch.fnmatch(child.name, head) and (not rest or child.is_dir()):
                    yield from self._expand(child, rest)
        elif os.path.lexists(base / head):
            yield from self._expand(base / head, rest)

    def _folders(self, top: Path) -> Iterator[Path]:
        """`top` and every folder below it, each real folder once (so a link loop ends)."""
        visited: set[tuple[int, int]] = set()
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                st = os.stat(folder)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in visited:
                continue
            visited.add((st.st_dev, st.st_ino))
            yield folder
            subfolders = [c for c in self._children(folder) if not c.name.startswith(".") and c.is_dir()]
            stack += sorted(subfolders, reverse=True)

    def _children(self, folder: Path) -> list[Path]:
        """What a folder holds, without the output folder (unless the walk started there)."""
        try:
            with os.scandir(folder) as entries:
                children = sorted(folder / e.name for e in entries)
        except NotADirectoryError:
            return []
        except OSError as exc:
            self._note(f"无法读取文件夹“{folder}”（{exc.strerror or exc}），已跳过")
            return []
        kept = []
        for child in children:
            if child.is_dir() and _real(child) == self.out and self.out != self.start:
                self._note(f"输出文件夹“{self.out_dir}”在输入“{self.raw}”之中，其中的文件不作为输入")
                continue
            kept.append(child)
        return kept

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
