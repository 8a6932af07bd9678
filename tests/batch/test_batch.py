"""genreport batch: good and bad inputs, 汇总.xlsx, folders and globs, duplicate names, --zip, quiet, --pdf.

Resume and kill-and-resume are in test_batch_resume.py.
"""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from generator.batch import SUMMARY_NAME, collect_inputs, run_batch
from batch_support import (arithmetic_error, copy, invoke, leftovers, missing_sheet, pool, report,  # noqa: F401
                                rows, text_of)

HESHAN = "益阳市赫山区商务局-2024年度部门整体支出绩效自评报告.docx"


def test_every_good_unit_is_rendered_and_every_bad_one_is_in_the_summary(pool, tmp_path):
    src = tmp_path / "各单位"
    copy(pool[:5], src / "乡镇")
    shutil.copy(SAMPLES / "003-heshan-2024.xlsx", src / "赫山.xlsx")
    (src / "不是表格.xlsx").write_text("这不是 Excel 文件", encoding="utf-8")
    missing_sheet(src / "缺表.xlsx")
    arithmetic_error(src / "算错.xlsx")
    shutil.copy(pool[0], src / "~$unit-00.xlsx")  # Excel's lock file of an open workbook: not an input
    (src / "说明.txt").write_text("不是工作簿", encoding="utf-8")

    result = invoke(src, "--template", "provincial", "-o", tmp_path / "out", "--workers", "2")
    assert result.exit_code == 1, result.output
    assert "共 9 个工作簿：成功 6，失败 3" in result.stdout
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.docx")) == sorted([report(f"第{i:02d}单位") for i in range(5)] + [HESHAN])
    for i in range(5):  # each report is whole and is its own unit's
        assert f"第{i:02d}单位" in text_of(out / report(f"第{i:02d}单位"))
    assert "益阳市赫山区商务局" in text_of(out / HESHAN)

    summary = {Path(r["文件"]).name: r for r in rows(out / SUMMARY_NAME, "汇总")}
    assert list(rows(out / SUMMARY_NAME, "汇总")[0]) == ["文件", "单位名称", "年度", "状态", "综合得分", "等次", "问题数",
                                                       "输出文件", "说明"]
    assert len(summary) == 9 and "~$unit-00.xlsx" not in summary
    good = summary["unit-03.xlsx"]
    assert (good["单位名称"], good["年度"], good["状态"], good["输出文件"]) == ("第03单位", 2024, "成功", report("第03单位"))
    assert good["综合得分"] is not None and good["等次"]
    assert summary["不是表格.xlsx"]["状态"] == "失败" and "不是可读取的 Excel 工作簿" in summary["不是表格.xlsx"]["说明"]
    assert summary["缺表.xlsx"]["单位名称"] == "缺表单位" and "缺少工作表“收入”" in summary["缺表.xlsx"]["说明"]
    bad = summary["算错.xlsx"]
    assert bad["状态"] == "失败" and bad["问题数"] >= 1 and bad["输出文件"] is None and "个错误，未生成报告" in bad["说明"]

    problems = rows(out / SUMMARY_NAME, "问题")
    arith = [p for p in problems if p["文件"].endswith("算错.xlsx") and p["单元格"] == "B2"]
    assert arith and arith[0]["工作表"] == "支出和结余" and arith[0]["级别"] == "错误"
    assert "291.00（相差 1.00）" in arith[0]["说明"]
    assert any(p["文件"].endswith("缺表.xlsx") and "收入" in p["说明"] for p in problems)
    assert any(p["文件"].endswith("不是表格.xlsx") for p in problems)
    assert "失败" in result.stderr and "算错.xlsx" in result.stderr
    assert not leftovers(out)


def test_inputs_are_files_folders_and_globs(pool, tmp_path):
    a = copy(pool[:2], tmp_path / "in" / "深" / "层")
    b = copy(pool[2:3], tmp_path / "in")
    copy(pool[3:4], tmp_path / "in" / "out")  # the output folder: its files are never inputs
    (tmp_path / "in" / "~$x.xlsx").write_bytes(b"lock")
    found = collect_inputs([tmp_path / "in", str(tmp_path / "in" / "*.xlsx"), a[0]], tmp_path / "in" / "out")
    assert found == b + a  # sorted by path: in/unit-02 before in/深/…, each once
    assert collect_inputs([str(tmp_path / "in" / "**" / "unit-01.xlsx")], tmp_path / "o") == a[1:]
    # Through the command: a glob and a file together.
    result = invoke(str(tmp_path / "in" / "深" / "*" / "*.xlsx"), b[0], "-t", "provincial", "-o",
                    tmp_path / "out", "-q", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == sorted(report(f"第{i:02d}单位") for i in range(3))


def test_two_units_with_the_same_name_both_kept_and_reported(pool, tmp_path):
    copy(pool[:1], tmp_path / "a")
    b = copy(pool[:1], tmp_path / "b")[0]
    first, second = report("第00单位"), report("第00单位").replace(".docx", "(2).docx")
    result = invoke(tmp_path / "a", b, "-t", "provincial", "-o", tmp_path / "out", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "重名 1 组" in result.stdout and f"重名：{tmp_path / 'a' / 'unit-00.xlsx'}、{b}" in result.stderr
    summary = rows(tmp_path / "out" / SUMMARY_NAME, "汇总")
    assert [r["输出文件"] for r in summary] == [first, second]
    assert f"与 {b} 的报告同名" in summary[0]["说明"] and "改名为" in summary[1]["说明"]
    for name in (first, second):
        assert "第00单位" in text_of(tmp_path / "out" / name)
    # A second run gives each input the name it had, whichever finishes first.
    again = run_batch([b, tmp_path / "a"], "provincial", tmp_path / "out", workers=2)
    assert [u.outputs for u in again.units] == [[second], [first]]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == sorted([first, second])


def test_zip_holds_every_report_and_the_summary(pool, tmp_path):
    copy(pool[:3], tmp_path / "in")
    (tmp_path / "in" / "坏.xlsx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "县财政局回传"
    result = invoke(tmp_path / "in", "-t", "provincial", "-o", out, "--zip", "-q", "--workers", "1")
    assert result.exit_code == 1, result.output
    archive = out / "县财政局回传.zip"
    assert f"压缩包：{archive}" in result.stdout
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted([report(f"第{i:02d}单位") for i in range(3)] + [SUMMARY_NAME])
        for name in z.namelist():
            assert z.read(name) == (out / name).read_bytes()
    assert not leftovers(out)


def test_quiet_prints_one_line_even_with_failures(pool, tmp_path):
    copy(pool[:2], tmp_path / "in")
    (tmp_path / "in" / "坏.xlsx").write_text("x", encoding="utf-8")
    result = invoke(tmp_path / "in", "-t", "provincial", "-o", tmp_path / "out", "-q", "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("共 3 个工作簿：成功 2，失败 1")
    loud = invoke(tmp_path / "in", "-t", "provincial", "-o", tmp_path / "out", "--workers", "1")
    assert "失败 " in loud.stderr and "坏.xlsx" in loud.stderr  # without -q each failure is named as it happens


def test_usage_errors_exit_2_before_any_work(pool, tmp_path):
    src = copy(pool[:1], tmp_path / "in")[0]
    out = tmp_path / "out"
    assert invoke(tmp_path / "nowhere.xlsx", "-t", "provincial", "-o", out).exit_code == 2
    assert invoke(str(tmp_path / "*.nothing"), "-t", "provincial", "-o", out).exit_code == 2
    assert invoke(src, "-t", "nope", "-o", out).exit_code == 2
    assert invoke(src, "-t", "provincial", "-o", out, "--rules", "nope").exit_code == 2
    assert invoke(src, "-t", "provincial").exit_code == 2  # -o is required
    assert invoke(src, "-t", "provincial", "-o", out, "--workers", "0").exit_code == 2
    assert not out.exists()


def test_a_second_run_into_the_same_folder_is_refused_while_one_runs(pool, tmp_path):
    from generator.batch.manifest import lock

    src = copy(pool[:1], tmp_path / "in")[0]
    held = lock(tmp_path / "out")
    try:
        result = invoke(src, "-t", "provincial", "-o", tmp_path / "out")
        assert result.exit_code == 2 and "正在向" in result.stderr
    finally:
        held.close()
    assert invoke(src, "-t", "provincial", "-o", tmp_path / "out", "-q").exit_code == 0


def _soffice() -> bool:
    try:
        from generator.pdf.office import find_soffice
    except ImportError:
        return False
    return find_soffice() is not None


@pytest.mark.skipif(not _soffice() and not os.environ.get("CI"), reason="LibreOffice not installed (required in CI)")
def test_pdf_beside_each_report(pool, tmp_path):
    copy(pool[:2], tmp_path / "in")
    result = invoke(tmp_path / "in", "-t", "provincial", "-o", tmp_path / "out", "--pdf", "--workers", "2", "-q")
    assert result.exit_code == 0, result.output
    for i in range(2):
        pdf = tmp_path / "out" / report(f"第{i:02d}单位").replace(".docx", ".pdf")
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert rows(tmp_path / "out" / SUMMARY_NAME, "汇总")[0]["输出文件"].endswith(".pdf")
    assert not leftovers(tmp_path / "out")
