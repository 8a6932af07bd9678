"""Peak resident memory of a process and everything it starts (workers, LibreOffice), for the benchmarks."""
from __future__ import annotations

import os
import threading
from pathlib import Path


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and its descendants (Linux /proc; 0 elsewhere)."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            statm = (entry / "statm").read_text().split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = int(statm[1]) * os.sysconf("SC_PAGE_SIZE")
    tree, grew = {root}, True
    while grew:
        more = {p for p, pp in parents.items() if pp in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(p, 0) for p in tree)


class PeakMemory:
    """Largest resident total of `root` (default: this process) and its descendants, sampled every
    50 ms until the block ends: getrusage would miss children that are still running."""

    def __init__(self, root: int | None = None):
        self.root, self.peak, self._stop = root or os.getpid(), 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.root))
            self._stop.wait(0.05)
