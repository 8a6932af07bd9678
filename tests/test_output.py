"""output.py: a report is never half-written, never overwritten without --force, and readable by others."""
import os
import stat
import zipfile
from pathlib import Path

import pytest
from generator.errors import FileAccessError, OutputExists
from generator.output import fixed_zip_entry, safe_filename, write_atomic, write_atomic_with


class DiskFull(OSError):
    pass


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or p.name.startswith("."))


def test_write_creates_the_file_and_its_folder(tmp_path):
    target = tmp_path / "新建" / "报告.docx"
    assert write_atomic(target, b"report") == target
    assert target.read_bytes() == b"report"
    assert leftovers(target.parent) == []


def test_written_file_is_readable_by_everyone_like_any_other_report(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "报告.docx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_failure_half_way_leaves_no_target_and_no_temporary(tmp_path):
    target = tmp_path / "报告.docx"
    seen = []

    def fill(fh):
        fh.write(b"first half")
        fh.flush()
        seen.append(target.exists())
        raise DiskFull("no space left")

    with pytest.raises(FileAccessError, match="无法写入.*报告.docx"):
        write_atomic_with(target, fill)
    assert seen == [False]  # the half-written bytes were never in the target
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_with_force_the_previous_report_survives_a_failed_write(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"last year's good report")
    seen = []

    def fill(fh):
        fh.write(b"half of the new")
        fh.flush()
        seen.append(target.read_bytes())
        raise DiskFull("no space left")

    with pytest.raises(FileAccessError, match="无法写入.*报告.docx"):
        write_atomic_with(target, fill, force=True)
    assert seen == [b"last year's good report"]
    assert target.read_bytes() == b"last year's good report"
    assert leftovers(tmp_path) == []


def test_a_failure_while_syncing_keeps_the_previous_report(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"previous")

    def broken_fsync(fd):
        raise DiskFull("I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(FileAccessError, match="无法写入.*报告.docx"):
        write_atomic(target, b"new content", force=True)
    assert target.read_bytes() == b"previous"
    assert leftovers(tmp_path) == []


def test_an_interrupt_half_way_also_cleans_up(tmp_path):
    target = tmp_path / "报告.docx"

    def fill(fh):
        fh.write(b"x")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic_with(target, fill)
    assert not target.exists() and leftovers(tmp_path) == []


def test_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"keep me")
    with pytest.raises(OutputExists) as caught:
        write_atomic(target, b"new")
    assert str(caught.value) == f"{target} 已存在；如需覆盖请加 --force"
    assert target.read_bytes() == b"keep me"
    assert leftovers(tmp_path) == []


def test_force_replaces_the_whole_file(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"a much longer previous report")
    write_atomic(target, b"short", force=True)
    assert target.read_bytes() == b"short"


def test_content_written_piece_by_piece_arrives_whole(tmp_path):
    target = write_atomic_with(tmp_path / "汇总.xlsx", lambda fh: [fh.write(b"%d," % i) for i in range(1000)])
    assert target.read_bytes() == b"".join(b"%d," % i for i in range(1000))


@pytest.mark.parametrize("name, safe", [
    ("湘西州商务局", "湘西州商务局"),
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("名称\x07带控制符", "名称_带控制符"),
    ("  .点开头与结尾.  ", "点开头与结尾"),
    ("...", "报告"),
    ("", "报告"),
])
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_zip_entries_carry_a_fixed_date_and_mode(tmp_path):
    entry = fixed_zip_entry("word/document.xml")
    assert entry.date_time == (2000, 1, 1, 0, 0, 0)
    assert entry.compress_type == zipfile.ZIP_DEFLATED
    assert entry.external_attr >> 16 == 0o644
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for path in (first, second):
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(fixed_zip_entry("a.txt"), "同样的内容" * 50)
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size < 400  # deflated, not stored


def test_piecewise_writing_refuses_an_existing_file_unless_forced(tmp_path):
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"previous summary")
    with pytest.raises(OutputExists):
        write_atomic_with(target, lambda fh: fh.write(b"new"))
    assert target.read_bytes() == b"previous summary"
    write_atomic_with(target, lambda fh: fh.write(b"new"), force=True)
    assert target.read_bytes() == b"new"


def test_the_temporary_is_a_hidden_part_file_beside_the_target_named_after_it(tmp_path):
    # what a later run's clean-up (batch remove_leftovers) looks for: .NAME.XXXXXXXX.part in the same folder
    target = tmp_path / "报告.docx"
    seen = []
    write_atomic_with(target, lambda fh: seen.extend(p.name for p in tmp_path.iterdir()))
    [name] = seen
    assert name.startswith(".报告.docx.") and name.endswith(".part") and len(name) > len(".报告.docx..part")


def test_a_name_ending_in_a_latin_letter_keeps_it():
    assert safe_filename("XX科技园X") == "XX科技园X"


# A report file's zip entries keep their names (fixed_zip_entry): Word finds word/document.xml by name.

def test_a_fixed_entry_is_stored_under_the_name_given(tmp_path):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as z:
        for name in ("[Content_Types].xml", "word/document.xml"):
            z.writestr(fixed_zip_entry(name), "<x/>")
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == ["[Content_Types].xml", "word/document.xml"]
        assert z.read("word/document.xml") == b"<x/>"
