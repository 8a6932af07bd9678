"""Hostile inputs on the way from a workbook to a report file: broken 单位信息 / 项目信息, names no file
system takes as they are, and every way writing can fail. Each case ends in a report, in problems
named by place (exit 1) or in usage (exit 2); never a traceback, never a half-written file."""
import errno
import os
import subprocess
import tempfile

import pytest
from generator import output
from generator.errors import FileAccessError
from generator.output import STEM_MAX, fitted_stem, safe_filename
from hostile import (FullDisk, blank, cell, check, department, failing, fits, invoke, leftovers, project,
                     rename_projects, renamed_sheet, unit_named)

DEPT_SUFFIX = "-2024年度部门整体支出绩效自评报告.docx"
PROJ_SUFFIX = "-2021年度项目支出绩效自评报告.docx"


# ---------------------------------------------------------------- 单位信息 / 项目信息 (exit 1, not 3)

def _phone(d):
    d["单位信息"][0]["联系电话"] = None


def _date_as_text(d):
    d["单位信息"][0]["报告日期"] = "明年三月底"


def _year_as_text(d):
    d["项目信息"][0]["年度"] = "二〇二一"


def _no_project_name(d):
    d["项目信息"][1]["项目名称"] = None


UNIT_CASES = {
    "empty 联系电话": (lambda p: department(p, _phone), "provincial", [cell("单位信息", "联系电话"), "联系电话"]),
    "date typed as text": (lambda p: department(p, _date_as_text), "provincial", [cell("单位信息", "报告日期"), "明年三月底"]),
    "单位信息 renamed": (lambda p: renamed_sheet(p, "单位信息", "单位信息表"), "provincial", ["缺少工作表“单位信息”"]),
    "blank init workbook": (lambda p: blank(p, "department"), "provincial", ["单位信息!A2", "收入!A2"]),
    "blank project workbook": (lambda p: blank(p, "project"), "project", ["项目信息!A2"]),
    "项目信息 year as text": (lambda p: project(p, _year_as_text), "project", [cell("项目信息", "年度"), "二〇二一"]),
    "项目信息 renamed": (lambda p: renamed_sheet(p, "项目信息", "项目", "project"), "project", ["缺少工作表“项目信息”"]),
    "项目名称 empty": (lambda p: project(p, _no_project_name), "project", [cell("项目信息", "项目名称", 3)]),
}


@pytest.mark.parametrize("each", [False, True], ids=["render", "each"])
@pytest.mark.parametrize("case", UNIT_CASES)
def test_problems_in_unit_or_project_info_exit_1_with_places(case, each, tmp_path):
    make, template, places = UNIT_CASES[case]
    src = make(tmp_path / "data.xlsx")
    result = invoke(src, "-t", template, "-o", tmp_path / "out", *(["--each"] if each else []))
    check(result, 1, *places, "未生成报告")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", UNIT_CASES)
def test_problems_in_unit_or_project_info_fail_that_unit_of_a_batch(case, tmp_path):
    make, template, places = UNIT_CASES[case]
    (tmp_path / "in").mkdir()
    bad = make(tmp_path / "in" / "bad.xlsx")
    out = check(invoke("batch", bad, "-t", template, "-o", tmp_path / "out", "--workers", "1"), 1, "bad.xlsx")
    assert "成功 0，失败 1" in out
    assert not list((tmp_path / "out").glob("*.docx")) and not leftovers(tmp_path / "out")


# ---------------------------------------------------------------- names

def test_58_character_project_names_give_every_project_its_report(tmp_path):
    long_names = [("长沙市芙蓉区农贸市场提质改造及周边道路配套基础设施建设" * 3)[:56] + f"{i}期" for i in (1, 2)]
    assert [len(n) for n in long_names] == [58, 58]  # differ only in their last characters
    src = project(tmp_path / "p.xlsx", lambda d: rename_projects(d, long_names))
    out = check(invoke(src, "-t", "project", "--each", "-o", tmp_path / "out"), 0)
    written = sorted((tmp_path / "out").glob("*.docx"))
    assert len(written) == 2 and {str(p) for p in written} == set(out.split())
    for path in written:  # shortened in the middle, the end that says what it is kept
        assert fits(path.name) and path.name.endswith(PROJ_SUFFIX) and "…" in path.name
        assert path.name.startswith("长沙市芙蓉区商务局-长沙市芙蓉区农贸市场")


def test_two_projects_whose_names_become_one_file_name_write_nothing(tmp_path):
    src = project(tmp_path / "p.xlsx", lambda d: rename_projects(d, ["道路改造/一期", "道路改造:一期"]))
    check(invoke(src, "-t", "project", "--each", "-o", tmp_path / "out"), 1, "项目信息", "道路改造_一期")
    assert not (tmp_path / "out").exists()


def test_a_long_unit_name_keeps_the_start_and_the_end(tmp_path):
    src = unit_named(tmp_path / "d.xlsx", "湖南省" + "某某" * 90 + "商务局")
    check(invoke(src, "-o", tmp_path / "out"), 0)
    [path] = (tmp_path / "out").glob("*.docx")
    assert fits(path.name) and path.name.startswith("湖南省某某") and path.name.endswith(DEPT_SUFFIX)


@pytest.mark.parametrize("name, expected", [
    ("长沙/芙蓉\\区:商务局", "长沙_芙蓉_区_商务局"),  # path separators never make a folder
    ("商务局*?\"<>|", "商务局______"),
    ("CON", "CON"),  # "CON-2024…" is not the device; only a name that is exactly it before a dot
    ("NUL.商务局", "_NUL.商务局"),
    ("com1", "com1"),
    ("某局. . ", "某局. ."),  # trailing dots and spaces go only at the very end of a name
    ("🏛️商务局", "🏛️商务局"),
    ("\u202e局务商", "局务商"),  # a right-to-left override would show the name (and extension) reversed
    ("商务\u200f局\u2066", "商务局"),
])
def test_hostile_unit_names_make_safe_file_names(name, expected, tmp_path):
    src = unit_named(tmp_path / "d.xlsx", name)
    out = check(invoke(src, "-o", tmp_path / "out"), 0)
    [path] = (tmp_path / "out").iterdir()
    assert path.name == expected + DEPT_SUFFIX and str(path) in out


def test_a_name_the_file_system_refuses_points_at_the_unit_name(tmp_path, monkeypatch):
    src = unit_named(tmp_path / "d.xlsx", "测试县商务局")
    failing(monkeypatch, tempfile, "mkstemp", errno.ENAMETOOLONG)
    out = check(invoke(src, "-o", tmp_path / "out"), 1, "测试县商务局-2024年度", "单位名称")
    assert "File name too long" not in out


def test_an_output_folder_name_too_long_for_the_file_system(tmp_path):
    src = unit_named(tmp_path / "d.xlsx", "测试县商务局")
    out = check(invoke(src, "-o", tmp_path / ("很长的文件夹名" * 20)), 1, "路径过长", "很长的文件夹名")
    assert "File name too long" not in out


def test_fitted_stems_are_distinct_within_budget_and_never_split_a_character():
    tail = "-2024年度部门整体支出绩效自评报告"
    a, b = ("🏛" * 100 + x for x in "甲乙")
    stems = {fitted_stem(a, tail), fitted_stem(b, tail)}
    assert len(stems) == 2
    for stem in stems:
        assert len(stem.encode("utf-8")) <= STEM_MAX and stem.endswith(tail)
        stem.encode("utf-8").decode("utf-8")  # whole characters only
    assert fitted_stem("短名", tail) == "短名" + tail  # short names are left as they are
    with pytest.raises(FileAccessError, match="单位名称或项目名称"):
        fitted_stem("局", "报" * 100)  # even the kept end does not fit
    assert safe_filename("\ud800坏") == "_坏"  # a lone surrogate cannot be encoded as a file name


# ---------------------------------------------------------------- the file system

def test_output_under_a_regular_file(tmp_path):
    src = department(tmp_path / "d.xlsx")
    (tmp_path / "file").write_text("x")
    check(invoke(src, "-o", tmp_path / "file" / "out"), 1, f"“{tmp_path / 'file'}”是一个文件")


def test_output_folder_is_a_regular_file(tmp_path):
    src = department(tmp_path / "d.xlsx")
    (tmp_path / "file").write_text("x")
    check(invoke(src, "-o", tmp_path / "file"), 1, f"“{tmp_path / 'file'}”是一个文件")
    assert (tmp_path / "file").read_text() == "x"


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_where_the_report_should_go(force, tmp_path):
    src = department(tmp_path / "d.xlsx")
    folder = tmp_path / "out" / ("测试县商务局" + DEPT_SUFFIX)
    (folder / "inside").mkdir(parents=True)
    check(invoke(src, "-o", tmp_path / "out", *(["--force"] if force else [])), 1, str(folder), "是一个文件夹")
    assert (folder / "inside").is_dir() and not leftovers(tmp_path)


@pytest.mark.parametrize("code, words", [(errno.EROFS, "只读"), (errno.EACCES, "没有权限写入")])
def test_read_only_or_forbidden_output_folder(code, words, tmp_path, monkeypatch):
    src = department(tmp_path / "d.xlsx")
    (tmp_path / "out").mkdir()
    failing(monkeypatch, tempfile, "mkstemp", code)
    check(invoke(src, "-o", tmp_path / "out"), 1, words, str(tmp_path / "out"))
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_output_folder_for_real(tmp_path):
    src = department(tmp_path / "d.xlsx")
    (tmp_path / "out").mkdir(mode=0o555)
    check(invoke(src, "-o", tmp_path / "out"), 1, str(tmp_path / "out"))


def test_disk_full_while_writing_the_report_leaves_nothing(tmp_path, monkeypatch):
    src = department(tmp_path / "d.xlsx")
    FullDisk(monkeypatch, ".docx.")
    check(invoke(src, "-o", tmp_path / "out"), 1, "磁盘空间不足", str(tmp_path / "out" / "测试县商务局"))
    assert list((tmp_path / "out").iterdir()) == []


def test_disk_full_while_writing_the_second_project_report(tmp_path, monkeypatch):
    src = project(tmp_path / "p.xlsx")
    real = output.write_atomic
    calls = []

    def second_fails(path, data, force=False):
        calls.append(path)
        if len(calls) == 2:
            FullDisk(monkeypatch, ".docx.")
        return real(path, data, force)
    monkeypatch.setattr("generator.pipeline.write_atomic", second_fails)
    check(invoke(src, "-t", "project", "--each", "-o", tmp_path / "out"), 1, "磁盘空间不足", str(calls[-1]))
    assert [p.name for p in (tmp_path / "out").iterdir()] == [calls[0].name]  # the first whole, no part


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KB file system (tmpfs), where the machine lets us mount one."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk(tiny_disk, tmp_path):
    (tiny_disk / "filler").write_bytes(b"\0" * 40_000)
    src = department(tmp_path / "d.xlsx")
    check(invoke(src, "-o", tiny_disk), 1, "磁盘空间不足", str(tiny_disk))
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


def test_interrupted_write_leaves_no_part_file(tmp_path, monkeypatch):
    src = department(tmp_path / "d.xlsx")

    def interrupted(fd, *args, **kwargs):
        os.write(fd, b"PK\x03\x04 half")
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fdopen", interrupted)
    result = invoke(src, "-o", tmp_path / "out")
    assert result.exit_code == 130 and "已中断" in result.output and "Traceback" not in result.output
    assert list((tmp_path / "out").iterdir()) == []


def test_input_without_read_permission(tmp_path, monkeypatch):
    src = department(tmp_path / "d.xlsx")
    failing(monkeypatch, type(src), "read_bytes", errno.EACCES)
    check(invoke(src, "-o", tmp_path / "out"), 1, "没有权限读取", str(src))
    check(invoke("validate", src), 1, "没有权限读取", str(src))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_input_that_is_a_pipe_is_refused_not_waited_for(tmp_path):
    os.mkfifo(tmp_path / "pipe.xlsx")
    check(invoke(tmp_path / "pipe.xlsx", "-o", tmp_path / "out"), 1, "不是一个普通文件", "pipe.xlsx")
    check(invoke("validate", tmp_path / "pipe.xlsx"), 1, "不是一个普通文件")


def test_input_is_a_folder(tmp_path):
    (tmp_path / "d.xlsx").mkdir()
    result = invoke(tmp_path / "d.xlsx", "-o", tmp_path / "out")
    assert result.exit_code in (1, 2) and "Traceback" not in result.output and "d.xlsx" in result.output


@pytest.mark.parametrize("where, words", [("file/new.xlsx", "是一个文件"), ("folder", "是一个文件夹")])
def test_init_into_places_it_cannot_write(where, words, tmp_path):
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder").mkdir()
    check(invoke("init", tmp_path / where), 1, words)
    assert not leftovers(tmp_path)


def test_init_on_a_full_or_read_only_disk(tmp_path, monkeypatch):
    FullDisk(monkeypatch, ".xlsx.")
    check(invoke("init", tmp_path / "new.xlsx"), 1, "磁盘空间不足", str(tmp_path / "new.xlsx"))
    monkeypatch.undo()
    failing(monkeypatch, tempfile, "mkstemp", errno.EROFS)
    check(invoke("init", tmp_path / "new.xlsx"), 1, "只读", str(tmp_path / "new.xlsx"))
    assert list(tmp_path.iterdir()) == []


FAKE_SOFFICE = """#!/bin/sh
# A LibreOffice that starts at once and "converts" by writing a stand-in PDF.
out=""; prev=""; last=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; last="$a"; done
case " $* " in *" --nodefault "*) touch "$out/ping.pdf"; exec sleep 300 ;; esac
mkdir -p "$out"; printf "%%PDF-1.4 stand-in" > "$out/$(basename "$last" .docx).pdf"
"""


@pytest.fixture
def fake_office(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(FAKE_SOFFICE)
    fake.chmod(0o755)
    monkeypatch.setenv("GENREPORT_SOFFICE", str(fake))
    monkeypatch.setattr("generator.pdf.office.make_reproducible", lambda data: data)
    monkeypatch.setattr("generator.cli.font_problems", lambda: [])


def test_pdf_where_a_folder_stands(fake_office, tmp_path):
    src = department(tmp_path / "d.xlsx")
    pdf = tmp_path / "out" / ("测试县商务局" + DEPT_SUFFIX).replace(".docx", ".pdf")
    pdf.mkdir(parents=True)
    check(invoke(src, "-o", tmp_path / "out", "--pdf"), 1, str(pdf), "是一个文件夹")
    assert pdf.is_dir() and len(list((tmp_path / "out").glob("*.docx"))) == 1


def test_pdf_on_a_full_disk_keeps_the_docx_and_no_part(fake_office, tmp_path, monkeypatch):
    src = department(tmp_path / "d.xlsx")
    FullDisk(monkeypatch, ".pdf.")
    check(invoke(src, "-o", tmp_path / "out", "--pdf"), 1, "磁盘空间不足", ".pdf")
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".docx"]


def test_pdf_with_the_fake_office_works(fake_office, tmp_path):
    """The stand-in office above converts, so the two failures before are the file system's."""
    src = department(tmp_path / "d.xlsx")
    check(invoke(src, "-o", tmp_path / "out", "--pdf"), 0, ".pdf")
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".pdf"]


@pytest.mark.parametrize("code, words", [
    (errno.EACCES, "没有权限写入"), (errno.EPERM, "Word 或 WPS"), (errno.EROFS, "只读"), (errno.ENOSPC, "磁盘空间不足"),
    (errno.EDQUOT, "磁盘空间不足"), (errno.EISDIR, "是一个文件夹"), (errno.ENAMETOOLONG, "路径过长"),
    (errno.ENOENT, "找不到"), (errno.EIO, "无法写入"),
])
def test_every_os_error_is_one_chinese_line_naming_the_path(code, words, tmp_path):
    fault = output.file_error(OSError(code, os.strerror(code), "ignored"), tmp_path / "报告.docx", "写入")
    text = str(fault)
    assert words in text and str(tmp_path / "报告.docx") in text and "\n" not in text
    assert fault.exit_code == 1 and fault.path == str(tmp_path / "报告.docx")


def test_a_file_in_the_way_is_named_itself(tmp_path):
    (tmp_path / "file").write_text("x")
    text = str(output.file_error(OSError(errno.ENOTDIR, "Not a directory"), tmp_path / "file" / "a" / "b.docx"))
    assert text.startswith(f"“{tmp_path / 'file'}”是一个文件")
    assert "出错" in str(output.file_error(BrokenPipeError(errno.EPIPE, "Broken pipe")))  # nothing to name
