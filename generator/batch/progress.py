"""What a batch shows on the terminal: a progress bar, failures as they happen, a closing line.

Kept apart from batch.py so that the batch logic never writes to the terminal: a program
calling run_batch passes its own `progress` callable, or none.
"""
from __future__ import annotations

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.text import Text


class BatchProgress:
    """A rich bar on stderr (done/total, failed, ETA); each failure printed above it. Silent when quiet."""

    def __init__(self, quiet: bool = False, console: Console | None = None):
        self.quiet = quiet
        self.console = console or Console(stderr=True)
        self.failed = 0
        self._bar: Progress | None = None
        self._task = None

    def __enter__(self) -> BatchProgress:
        if not self.quiet and self.console.is_terminal:  # a log file gets the failures and the last line only
            self._bar = Progress(
                TextColumn("[bold]生成报告"), BarColumn(), MofNCompleteColumn(),
                TextColumn("失败 {task.fields[failed]}"), TextColumn("已用"), TimeElapsedColumn(),
                TextColumn("剩余"), TimeRemainingColumn(), console=self.console, transient=True)
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, result, done: int, total: int) -> None:
        """batch.run_batch's progress hook: (None, 0, total) first, then once per unit."""
        if result is not None and not result.ok:
            self.failed += 1
            if not self.quiet:
                # Assembled, not markup: a file name may contain [brackets].
                self.console.print(Text.assemble(("失败 ", "red"), f"{result.input}：{result.reason}"), soft_wrap=True)
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task("", total=total, failed=0)
        self._bar.update(self._task, completed=done, failed=self.failed)


def summary_line(result) -> str:
    """One line for the end of the run: counts, time, and where the summary (and archive) are."""
    n, bad = len(result.units), len(result.failed)
    skipped = sum(u.skipped for u in result.units)
    parts = [f"共 {n} 个工作簿：成功 {n - bad}" + (f"（其中 {skipped} 个未变，沿用上次结果）" if skipped else ""),
             f"失败 {bad}"]
    if result.duplicates:
        parts.append(f"重名 {len(result.duplicates)} 组（已加序号区分）")
    text = "，".join(parts) + f"；用时 {result.seconds:.1f} 秒；汇总：{result.summary}"
    return text + (f"；压缩包：{result.archive}" if result.archive else "")


def duplicate_lines(result) -> list[str]:
    """One line per group of inputs whose reports asked for the same file name."""
    return [f"重名：{'、'.join(str(u.input) for u in group)} → {'、'.join(u.outputs[0] for u in group if u.outputs)}"
            for group in result.duplicates.values()]
