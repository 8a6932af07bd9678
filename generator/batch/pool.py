"""Running a batch's jobs over a process pool that survives its workers dying.

A worker that dies (out of memory, a crash in C code, soffice taking it down) breaks the whole
ProcessPoolExecutor; the units it had in hand get one more try in a fresh pool, then are
recorded as failed. The queue is kept short (twice the workers), so a dying worker takes few
units with it and results come back steadily for the progress bar.
"""
from __future__ import annotations

from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

from generator.batch.worker import Job, Renderer, UnitResult, fail, init_worker, mp_context, run_in_worker


def execute(jobs: list[Job], workers: int, init: tuple, on_result: Callable[[Job, UnitResult], None]) -> None:
    """Run every job; `on_result(job, result)` in this process, once per job, in completion order."""
    if workers == 1 or len(jobs) <= 1:
        # In-process: no pool start-up (about a second) for a handful of units.
        renderer = Renderer(*init)
        try:
            for job in jobs:
                on_result(job, renderer.run(job))
        finally:
            renderer.close()
        return
    pending, tries = deque(jobs), {}
    while pending:
        _pool_round(pending, workers, init, on_result, tries)


def _pool_round(pending: deque, workers: int, init: tuple, on_result: Callable, tries: dict) -> None:
    """Run jobs from `pending` until it is empty or the pool breaks (then the caller starts a new one)."""
    with ProcessPoolExecutor(workers, mp_context=mp_context(), initializer=init_worker, initargs=init) as pool:
        running: dict = {}
        broken = False
        try:
            while (pending and not broken) or running:
                broken = _fill(pool, pending, running, 2 * workers) or broken
                if running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for fut in done:
                        job = running.pop(fut)
                        res, lost = _outcome(fut, job, tries)
                        broken = broken or lost
                        if res is None:
                            pending.appendleft(job)
                        else:
                            on_result(job, res)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _fill(pool, pending: deque, running: dict, limit: int) -> bool:
    """Submit until `limit` are in flight; True if the pool turned out broken."""
    while pending and len(running) < limit:
        job = pending.popleft()
        try:
            running[pool.submit(run_in_worker, job)] = job
        except BrokenProcessPool:
            pending.appendleft(job)
            return True
    return False


def _outcome(fut, job: Job, tries: dict) -> tuple[UnitResult | None, bool]:
    """The unit's result (None: run it again) and whether the pool broke."""
    try:
        return fut.result(), False
    except BrokenProcessPool:
        tries[job.index] = tries.get(job.index, 0) + 1
        if tries[job.index] < 2:
            return None, True
        return _crashed(job, "处理该文件时工作进程意外退出（可能是内存不足），已重试一次"), True
    except Exception as exc:  # e.g. a result that could not be sent back
        return _crashed(job, f"内部错误：{type(exc).__name__}: {exc}"), False


def _crashed(job: Job, reason: str) -> UnitResult:
    res = UnitResult(job.input)
    fail(res, reason)
    return res
