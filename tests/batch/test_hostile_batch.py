"""Hostile inputs for `genreport batch`: output folders it cannot use, a unit it cannot write or read,
a full disk, globs and folder walks through symbolic-link loops, an output folder inside the input.

A problem of one unit is that unit's row (exit 1, the others done); a problem of the output folder is
one line (exit 1); a walk always ends. Never a traceback, never a half-written file."""
import errno
import os
from pathlib import Path

import pytest
from batch_support import copy, report, rows
from generator.batch import collect_inputs
from generator.batch.manifest import lock
from generator.errors import FileAccessError, UsageError
from hostile import FullDisk, check, failing, invoke, leftovers, unit_named


def batch(*args):
    return invoke("batch", *args, "-t", "provincial", "--workers", "1")


@pytest.fixture
def two(tmp_path) -> list[Path]:
    (tmp_path / "in").mkdir()
    return [unit_named(tmp_path / "in" / f"u{i}.xlsx", f"第{i}单位") for i in (1, 2)]


# ---------------------------------------------------------------- the output folder

def test_output_folder_under_a_regular_file(two, tmp_path):
    (tmp_path / "file").write_text("x")
    out = check(batch(tmp_path / "in", "-o", tmp_path / "file" / "out"), 1, f"“{tmp_path / 'file'}”是一个文件")
    assert len(out.strip().splitlines()) == 1


def test_output_folder_is_a_regular_file(two, tmp_path):
    (tmp_path / "file").write_text("x")
    check(batch(tmp_path / "in", "-o", tmp_path / "file"), 1, f"“{tmp_path / 'file'}”是一个文件")
    assert (tmp_path / "file").read_text() == "x"


@pytest.mark.parametrize("code, words", [(errno.EROFS, "只读"), (errno.EACCES, "没有权限写入")])
def test_output_folder_read_only_or_forbidden(code, words, two, tmp_path, monkeypatch):
    failing(monkeypatch, Path, "mkdir", code, only=lambda p, *a, **k: "out" in str(p))
    out = check(batch(tmp_path / "in", "-o", tmp_path / "out"), 1, words, str(tmp_path / "out"))
    assert len(out.strip().splitlines()) == 1


def test_disk_full_while_writing_the_summary(two, tmp_path, monkeypatch):
    FullDisk(monkeypatch, "汇总.xlsx.")
    out = check(batch(tmp_path / "in", "-o", tmp_path / "out", "-q"), 1, "磁盘空间不足", "汇总.xlsx")
    assert len(out.strip().splitlines()) == 1
    assert not leftovers(tmp_path / "out") and not list((tmp_path / "out" / ".genreport" / "staging").iterdir())


def test_disk_full_while_recording_a_unit_stops_the_run_in_one_line(two, tmp_path, monkeypatch):
    FullDisk(monkeypatch, ".json.")  # the unit's entry in DIR/.genreport/units
    out = check(batch(tmp_path / "in", "-o", tmp_path / "out", "-q"), 1, "磁盘空间不足", str(tmp_path / "out"))
    assert len(out.strip().splitlines()) == 1
    assert not leftovers(tmp_path / "out") and not list((tmp_path / "out" / ".genreport" / "staging").iterdir())


def test_disk_full_while_a_unit_renders_fails_that_unit(two, tmp_path, monkeypatch):
    FullDisk(monkeypatch, "00000.docx.")  # the first unit's staged report
    out = check(batch(tmp_path / "in", "-o", tmp_path / "out"), 1, "u1.xlsx", "磁盘空间不足")
    assert "成功 1，失败 1" in out
    assert [p.name for p in (tmp_path / "out").glob("*.docx")] == [report("第2单位")]
    assert not leftovers(tmp_path / "out")


def test_a_folder_where_one_units_report_should_go(two, tmp_path):
    blocked = tmp_path / "out" / report("第1单位")
    blocked.mkdir(parents=True)
    out = check(batch(tmp_path / "in", "-o", tmp_path / "out"), 1, str(blocked), "是一个文件夹")
    assert "成功 1，失败 1" in out and blocked.is_dir() and (tmp_path / "out" / report("第2单位")).is_file()
    [row] = [r for r in rows(tmp_path / "out" / "汇总.xlsx", "汇总") if r["状态"] == "失败"]
    assert row["输出文件"] is None and "是一个文件夹" in row["说明"]


def test_an_input_without_read_permission_fails_that_unit(two, tmp_path, monkeypatch):
    failing(monkeypatch, Path, "read_bytes", errno.EACCES, only=lambda p: p.name == "u1.xlsx")
    out = check(batch(tmp_path / "in", "-o", tmp_path / "out"), 1, "没有权限读取", "u1.xlsx")
    assert "成功 1，失败 1" in out


def test_a_second_lock_on_the_folder_is_refused_and_a_file_in_the_way_named(tmp_path):
    held = lock(tmp_path / "out")
    try:
        with pytest.raises(UsageError, match="正在向"):
            lock(tmp_path / "out")
    finally:
        held.close()
    lock(tmp_path / "out").close()  # released: free again
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileAccessError, match="是一个文件"):
        lock(tmp_path / "file")


# ---------------------------------------------------------------- walks, globs, loops

def _loops(root: Path) -> None:
    """Links a careless copy or a backup tool leaves: to the folder itself, to its parent, and a pair."""
    (root / "self").symlink_to(".", target_is_directory=True)
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "a" / "to-b").symlink_to("../b", target_is_directory=True)
    (root / "b" / "to-a").symlink_to("../a", target_is_directory=True)


@pytest.fixture
def looped(tmp_path) -> list[Path]:
    root = tmp_path / "IN"
    (root / "sub").mkdir(parents=True)
    files = [unit_named(root / "top.xlsx", "顶层单位"), unit_named(root / "sub" / "deep.xlsx", "深层单位")]
    _loops(root)
    return files


@pytest.mark.parametrize("pattern", ["IN", "IN/**/*.xlsx", "IN/**", "IN/*/*.xlsx", "IN/**/sub/*.xlsx"])
def test_walks_through_link_loops_end_and_list_each_workbook_once(pattern, looped, tmp_path):
    found = collect_inputs([str(tmp_path / pattern)], tmp_path / "out")
    real = {p.resolve() for p in found}
    assert len(real) == len(found)  # each real workbook once
    # IN/*/*.xlsx reaches top.xlsx too, through IN/self: once, as itself
    expected = {"IN/**/sub/*.xlsx": {looped[1]}}.get(pattern, set(looped))
    assert real == {p.resolve() for p in expected}


def test_batch_over_a_looped_folder_finishes(looped, tmp_path):
    out = check(batch(str(tmp_path / "IN" / "**" / "*.xlsx"), "-o", tmp_path / "out", "-q"), 0)
    assert "共 2 个工作簿" in out


def test_a_linked_folder_elsewhere_is_searched_once(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    unit_named(elsewhere / "x.xlsx", "外部单位")
    (tmp_path / "IN").mkdir()
    (tmp_path / "IN" / "link1").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / "IN" / "link2").symlink_to(elsewhere, target_is_directory=True)
    assert len(collect_inputs([tmp_path / "IN"], tmp_path / "out")) == 1


def test_a_glob_that_matches_nothing_names_itself(tmp_path):
    (tmp_path / "IN").mkdir()
    check(batch(str(tmp_path / "IN" / "*.xlsx"), "-o", tmp_path / "out"), 2, str(tmp_path / "IN" / "*.xlsx"))


def test_brackets_in_a_folder_name_are_a_folder_not_a_pattern(tmp_path):
    folder = tmp_path / "单位[1]"
    folder.mkdir()
    unit_named(folder / "u.xlsx", "括号单位")
    check(batch(folder, "-o", tmp_path / "out", "-q"), 0)
    assert (tmp_path / "out" / report("括号单位")).is_file()


# ---------------------------------------------------------------- the output folder among the inputs

def test_output_folder_inside_the_input_is_skipped_and_said(two, tmp_path):
    inner = tmp_path / "in" / "out"
    check(batch(tmp_path / "in", "-o", inner, "-q"), 0)
    copy(two[:1], inner / "old")  # a workbook in the output folder: not an input
    check(batch(tmp_path / "in", "-o", inner), 0, "共 2 个工作簿", f"输出文件夹“{inner}”")


def test_output_folder_equal_to_the_input_works_and_skips_its_summary(two, tmp_path):
    folder = tmp_path / "in"
    check(batch(folder, "-o", folder, "-q"), 0)
    assert (folder / "汇总.xlsx").is_file() and (folder / report("第1单位")).is_file()
    out = check(batch(folder, "-o", folder), 0, "共 2 个工作簿", "汇总.xlsx 不作为输入")
    assert "没有找到" not in out


def test_only_the_output_folder_inside_the_input_says_so_when_nothing_is_left(tmp_path):
    inner = tmp_path / "in" / "out"
    inner.mkdir(parents=True)
    unit_named(inner / "u.xlsx", "输出中的单位")
    check(batch(tmp_path / "in", "-o", inner), 2, "没有找到", f"输出文件夹“{inner}”")


def test_walk_skips_an_unreadable_subfolder_and_says_so(two, tmp_path, monkeypatch):
    (tmp_path / "in" / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    notes = []
    assert len(collect_inputs([tmp_path / "in"], tmp_path / "out", notes)) == 2
    assert any("locked" in n and "已跳过" in n for n in notes)


@pytest.mark.parametrize("fault, words", [
    (OSError(errno.ENOSPC, "No space left on device", "/tmp/genreport-pdf-x"), "磁盘空间不足"),
    (UsageError("没有名为“x”的模板"), "没有名为"),
    (RuntimeError("boom"), "内部错误"),
])
def test_a_worker_that_cannot_start_fails_its_units_without_a_traceback(fault, words, monkeypatch, tmp_path):
    from generator.batch import worker

    def broken(*args, **kwargs):
        raise fault
    monkeypatch.setattr(worker, "Renderer", broken)
    monkeypatch.setattr(worker.signal, "signal", lambda *a: None)
    monkeypatch.setattr(worker, "_WORKER", None)
    monkeypatch.setattr(worker, "_NOT_STARTED", "")  # restored after the test, as _WORKER
    worker.init_worker("provincial", False, 1, None)  # returns instead of raising
    res = worker.run_in_worker(worker.Job(0, tmp_path / "u.xlsx", tmp_path / "s"))
    assert not res.ok and "工作进程无法启动" in res.reason and words in res.reason
