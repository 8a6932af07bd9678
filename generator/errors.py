"""Problems found in the input, and the exceptions a user can cause.

A problem in a workbook is data (`Problem`), collected across the whole run so
that every problem is reported at once. Exceptions are for faults that stop a
run; the CLI turns each into one message and an exit code, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "错误"
    WARNING = "警告"


@dataclass(frozen=True)
class Problem:
    """One problem with its place: `sheet!cell` (cell may be empty for a whole sheet)."""

    sheet: str
    cell: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def place(self) -> str:
        if not self.sheet:
            return "工作簿"
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


class GenreportError(Exception):
    """Base of every failure a user can cause; its message is shown as is."""

    exit_code = 1


class InputProblems(GenreportError):
    """The workbook has problems that block the report."""

    def __init__(self, problems: list[Problem], source: str = ""):
        self.problems = problems
        self.source = source
        n = len(errors_of(problems))
        super().__init__(f"{source + ': ' if source else ''}输入有 {n} 个错误，未生成报告")


class UnreadableWorkbook(GenreportError):
    """The file is not an .xlsx workbook we can open."""


class UsageError(GenreportError):
    """The command was called wrongly (unknown template, bad option)."""

    exit_code = 2


class OutputExists(GenreportError):
    """The output file is there already and --force was not given."""


class FileAccessError(GenreportError):
    """A file or folder could not be read or written (read-only, full disk, a file in the way …).

    Made from an OSError by output.file_error, whose one Chinese line names `path`."""

    def __init__(self, message: str, path: str = ""):
        self.path = path
        super().__init__(message)


class TemplateError(GenreportError):
    """A template is broken (bad tag, unknown variable)."""


class ConversionError(GenreportError):
    """PDF conversion failed."""
