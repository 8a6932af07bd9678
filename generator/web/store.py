"""Everything the server keeps, under one data folder: files, and an SQLite index of them.

    DIR/index.sqlite                  collections, units, submissions (WAL: readers never wait for a writer)
    DIR/secret                        the key bureau log-in cookies are signed with
    DIR/submissions/<id>/input.xlsx   an upload, as received; report.docx, report.pdf, report-NN.png

Files are written atomically before the row that names them is committed, so the index never
points at a missing or half-written file and a restart (or a kill) loses nothing the index shows.
Every call opens its own connection, so requests on different threads never share one. Ids and
upload links are secrets.token_urlsafe: a client's file name is kept as text, never used as a path.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from generator.errors import OutputExists
from generator.output import write_atomic

SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, year INTEGER NOT NULL, template TEXT NOT NULL,
    rules TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    token TEXT PRIMARY KEY, collection TEXT NOT NULL REFERENCES collections(id), name TEXT NOT NULL,
    position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, unit TEXT REFERENCES units(token),
    created TEXT NOT NULL, filename TEXT NOT NULL, template TEXT NOT NULL, rules TEXT NOT NULL,
    status TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, problems TEXT NOT NULL,
    grids TEXT NOT NULL, unit_name TEXT, year INTEGER, score TEXT, grade TEXT, report_name TEXT NOT NULL,
    pages INTEGER NOT NULL DEFAULT 0, pdf_error TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS submissions_by_unit ON submissions(unit, seq);
"""
GENERATED, HAS_ERRORS, NOT_SUBMITTED = "已生成", "有错误", "未提交"


def new_id() -> str:
    """An id nobody can guess (128 bits): it is the only key to an upload's data."""
    return secrets.token_urlsafe(16)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def shown_time(stamp: str) -> str:
    """A stored UTC time in the server's local time, as a page shows it."""
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass
class Submission:
    """One upload and what became of it (a row of `submissions`, problems and grids decoded)."""

    id: str
    unit: str | None
    created: str
    filename: str
    template: str
    rules: str
    status: str
    errors: int
    warnings: int
    problems: list[dict]
    grids: list[dict]
    unit_name: str | None
    year: int | None
    score: str | None
    grade: str | None
    report_name: str
    pages: int
    pdf_error: str
    seq: int = 0

    @classmethod
    def of(cls, row: sqlite3.Row) -> Submission:
        values = dict(row)
        values["problems"] = json.loads(values["problems"])
        values["grids"] = json.loads(values["grids"])
        return cls(**values)

    @property
    def generated(self) -> bool:
        return self.status == GENERATED

    @property
    def time(self) -> str:
        return shown_time(self.created)


@dataclass
class Collection:
    id: str
    name: str
    year: int
    template: str
    rules: str
    created: str


@dataclass
class Unit:
    token: str
    collection: str
    name: str
    position: int
    latest: Submission | None = None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else NOT_SUBMITTED


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.db_path = self.root / "index.sqlite"
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextmanager
    def _db(self):
        """A connection of its own, in one transaction (committed on leaving, rolled back on error)."""
        with closing(sqlite3.connect(self.db_path, timeout=30)) as db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            with db:
                yield db

    def secret(self) -> bytes:
        """A random key made once and kept in DIR/secret, so a restart keeps people logged in."""
        path = self.root / "secret"
        if not path.exists():
            try:
                write_atomic(path, secrets.token_bytes(32))
            except OutputExists:  # another server on this folder made it first: theirs is as good
                pass
        return path.read_bytes()

    # files

    def folder(self, submission_id: str) -> Path:
        return self.root / "submissions" / submission_id

    def file(self, submission_id: str, name: str) -> Path:
        """A file of a submission; `name` comes from this package, never from a client."""
        return self.folder(submission_id) / name

    # submissions

    def add_submission(self, s: Submission) -> None:
        values = {k: v for k, v in vars(s).items() if k != "seq"}
        values["problems"] = json.dumps(s.problems, ensure_ascii=False)
        values["grids"] = json.dumps(s.grids, ensure_ascii=False)
        with self._db() as db:
            db.execute(f"INSERT INTO submissions ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                       tuple(values.values()))

    def submission(self, submission_id: str) -> Submission | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM submissions WHERE id = ?", (submission_id,)).fetchone()
        return Submission.of(row) if row else None

    def history(self, token: str) -> list[Submission]:
        """Every upload of a unit, newest first."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM submissions WHERE unit = ? ORDER BY seq DESC", (token,)).fetchall()
        return [Submission.of(r) for r in rows]

    # collections and their units

    def add_collection(self, c: Collection, unit_names: list[str]) -> list[Unit]:
        units = [Unit(new_id(), c.id, name, i) for i, name in enumerate(unit_names)]
        with self._db() as db:
            db.execute("INSERT INTO collections VALUES (?, ?, ?, ?, ?, ?)",
                       (c.id, c.name, c.year, c.template, c.rules, c.created))
            db.executemany("INSERT INTO units VALUES (?, ?, ?, ?)",
                           [(u.token, u.collection, u.name, u.position) for u in units])
        return units

    def add_units(self, collection_id: str, unit_names: list[str]) -> list[Unit]:
        with self._db() as db:
            start = db.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM units WHERE collection = ?",
                               (collection_id,)).fetchone()[0]
            units = [Unit(new_id(), collection_id, name, start + i) for i, name in enumerate(unit_names)]
            db.executemany("INSERT INTO units VALUES (?, ?, ?, ?)",
                           [(u.token, u.collection, u.name, u.position) for u in units])
        return units

    def collections(self) -> list[Collection]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM collections ORDER BY created DESC, name").fetchall()
        return [Collection(**dict(r)) for r in rows]

    def collection(self, collection_id: str) -> Collection | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM collections WHERE id = ?", (collection_id,)).fetchone()
        return Collection(**dict(row)) if row else None

    def units(self, collection_id: str) -> list[Unit]:
        """The collection's units in the order they were added, each with its latest submission."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM units WHERE collection = ? ORDER BY position", (collection_id,)).fetchall()
            latest = db.execute(
                "SELECT s.* FROM submissions s JOIN units u ON s.unit = u.token WHERE u.collection = ? AND s.seq = "
                "(SELECT MAX(seq) FROM submissions WHERE unit = s.unit)", (collection_id,)).fetchall()
        by_unit = {r["unit"]: Submission.of(r) for r in latest}
        return [Unit(**dict(r), latest=by_unit.get(r["token"])) for r in rows]

    def unit(self, token: str) -> Unit | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM units WHERE token = ?", (token,)).fetchone()
        if row is None:
            return None
        history = self.history(token)
        return Unit(**dict(row), latest=history[0] if history else None)
