"""What a batch has finished, kept in DIR/.genreport so that a killed run continues where it stopped.

- One small JSON file per input, replaced atomically: the same cost for the 1st and the 1000th
  unit, and a kill (SIGKILL included) loses at most the units in hand.
- A unit's entry is written *before* its files move into DIR, and names each output with its
  sha256. A kill between the two leaves an entry whose files are missing (or still the older
  version's), which --resume sees and redoes; so every file in DIR is explained by an entry,
  and a unit finished before the kill is never rendered again.
- One process (the parent) gives out the names, so two inputs asking for the same name get
  `…(2)` whatever order the workers finish in, and a name held by another input is never taken.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from filelock import FileLock, Timeout

from generator.batch.worker import Job, UnitResult, fail, file_hash
from generator.errors import Problem, Severity, UsageError
from generator.output import file_error, write_atomic

STATE_DIR = ".genreport"


@dataclass(frozen=True)
class Settings:
    """Everything besides the input that changes an output; an entry made under others is redone."""

    template: str
    pdf: bool
    rules: str = "hunan"
    keep_entered_scores: bool = False
    rules_sha256: str = ""  # of a rules file, so that editing it redoes every unit

    @classmethod
    def of(cls, template: str, pdf: bool, options) -> Settings:
        rules = getattr(options, "rules", "hunan")
        digest = file_hash(Path(rules)) if Path(rules).is_file() else ""
        return cls(template, pdf, rules, bool(getattr(options, "keep_entered_scores", False)), digest)

    def satisfied_by(self, e: dict) -> bool:
        same = all(e.get(k) == getattr(self, k) for k in ("template", "rules", "keep_entered_scores", "rules_sha256"))
        return same and (e.get("pdf") or not self.pdf)  # a run with PDFs serves one without


class Manifest:
    """One JSON file per input in DIR/.genreport/units."""

    def __init__(self, out_dir: Path):
        self.dir = out_dir / STATE_DIR / "units"
        self.entries: dict[str, dict] = {}
        for f in sorted(self.dir.glob("*.json")) if self.dir.is_dir() else []:
            try:
                self.entries[f.stem] = json.loads(f.read_text("utf-8"))
            except (OSError, ValueError):
                continue  # only a hand edit can break one; that input is then simply redone

    @staticmethod
    def key(path: Path) -> str:
        return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:20]

    def save(self, key: str, entry: dict) -> None:
        data = json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(self.dir / f"{key}.json", data, force=True)
        self.entries[key] = entry


class _Held:
    """A lock on DIR held by this run; close() releases it."""

    def __init__(self, held: FileLock):
        self._held = held

    def close(self) -> None:
        self._held.release()


def lock(out_dir: Path) -> _Held:
    """Hold DIR for this run: a second batch into the same DIR would delete this one's staging files.

    The lock is the operating system's (flock on Linux and macOS, LockFileEx on Windows, through
    filelock), so a killed run never leaves it held. Returns the hold; closing it releases the lock."""
    path = out_dir / STATE_DIR / "lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        held = FileLock(path, timeout=0)
        held.acquire()
    except Timeout:
        raise UsageError(f"另一个 genreport batch 正在向“{out_dir}”输出；请等它结束，或换一个输出文件夹") from None
    except OSError as exc:  # named by the lock file, so a file standing where .genreport goes is the one named
        raise file_error(exc, path, "写入") from None
    return _Held(held)


def remove_leftovers(out_dir: Path, names: list[str], manifest: Manifest) -> None:
    """What a killed run may have left half-done: temporary files, and files it meant to delete."""
    temps = list((out_dir / STATE_DIR / "units").glob(".*.part"))
    for name in names:  # write_atomic's temporaries are named .NAME.XXXXXXXX.part
        temps += out_dir.glob(f".{glob_escape(name)}.*.part")
    for t in temps:
        t.unlink(missing_ok=True)
    owned = {n for e in manifest.entries.values() for n in e.get("outputs", [])}
    for e in manifest.entries.values():
        for name in e.get("retired", []):
            if name not in owned:
                (out_dir / name).unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def entry(res: UnitResult, settings: Settings, retired: list[str] = ()) -> dict:
    return {"input": str(res.input), "sha256": res.sha256, "template": settings.template, "pdf": settings.pdf,
            "rules": settings.rules, "keep_entered_scores": settings.keep_entered_scores,
            "rules_sha256": settings.rules_sha256, "ok": res.ok, "base": res.base, "outputs": res.outputs,
            "digests": res.digests, "retired": list(retired), "unit": res.unit, "year": res.year,
            "score": None if res.score is None else str(res.score), "grade": res.grade, "reason": res.reason,
            "note": res.note, "problems": [[p.sheet, p.cell, p.message, p.severity.value] for p in res.problems]}


def from_entry(path: Path, e: dict) -> UnitResult:
    problems = [Problem(s, c, m, Severity(v)) for s, c, m, v in e["problems"]]
    score = None if e["score"] is None else Decimal(e["score"])
    return UnitResult(path, e["ok"], e["unit"], e["year"], score, e["grade"], e["reason"], problems, e["base"],
                      list(e["outputs"]), dict(e.get("digests", {})), e["sha256"], skipped=True,
                      note="输入未变，沿用上次的输出")


def unchanged(e: dict | None, path: Path, settings: Settings, out_dir: Path) -> bool:
    """True if the entry's outputs are all there, whole, and made from this very input under these settings."""
    if not e or not e.get("ok") or not settings.satisfied_by(e):
        return False
    digests = e.get("digests", {})
    try:
        if any(digests.get(name) != file_hash(out_dir / name) for name in e["outputs"]):
            return False
        return file_hash(path) == e["sha256"]
    except OSError:
        return False


class Placer:
    """The parent's side of each unit: a name in DIR, the manifest entry, the move, the progress."""

    def __init__(self, out_dir: Path, manifest: Manifest, settings: Settings, inputs: list[Path], progress):
        self.out_dir, self.manifest, self.settings = out_dir, manifest, settings
        self.total, self.progress = len(inputs), progress
        self.results: dict[int, UnitResult] = {}
        current = {Manifest.key(p) for p in inputs}
        # A name stays with the input that had it: always if that input is in this run (its file
        # may be missing only because a kill came between its entry and its move), otherwise
        # while its file is there. So both of two namesakes survive any number of runs.
        self.owner = {Path(n).stem: k for k, e in manifest.entries.items() for n in e.get("outputs", [])
                      if k in current or (out_dir / n).is_file()}

    def record(self, index: int, res: UnitResult) -> None:
        self.results[index] = res
        if self.progress is not None:
            self.progress(res, len(self.results), self.total)

    def place(self, job: Job, res: UnitResult) -> None:
        key = Manifest.key(res.input)
        before = set(self.manifest.entries.get(key, {}).get("outputs", []))
        moves = []
        if res.staged:
            stem = self._claim(key, res.base)
            if stem != res.base:
                res.note = f"改名为 {stem}.docx"
            moves = [(staged, stem + staged.suffix) for staged, _ in res.staged]
            res.outputs = [name for _, name in moves]
            res.digests = {name: digest for (_, name), (_, digest) in zip(moves, res.staged)}
        # This input's files from an earlier version of it (another unit name): they would
        # contradict the summary. Listed in the entry so that a kill before they go is made good.
        retired = sorted(before - set(res.outputs))
        self.manifest.save(key, entry(res, self.settings, retired))
        moved: list[str] = []
        try:
            for staged, name in moves:
                os.replace(staged, self.out_dir / name)
                moved.append(name)
        except OSError as exc:  # e.g. a folder of that name in DIR: this unit fails, the others go on
            # a staged report gone (its staging folder cleaned away) is named, not the target it was for
            lost = exc.errno == errno.ENOENT and not staged.exists()
            fail(res, str(file_error(exc, staged if lost else self.out_dir / name, "写入")))
            res.outputs, res.digests = moved, {n: res.digests[n] for n in moved}
            self.manifest.save(key, entry(res, self.settings, retired))
        for name in retired:
            (self.out_dir / name).unlink(missing_ok=True)
        self.record(job.index, res)

    def _claim(self, key: str, base: str) -> str:
        stem, n = base, 1
        while self.owner.get(stem, key) != key:
            n += 1
            stem = f"{base}({n})"
        for old in [s for s, k in self.owner.items() if k == key and s != stem]:
            del self.owner[old]
        self.owner[stem] = key
        return stem
