"""genreport batch: many inputs, bad ones recorded not fatal, duplicate names, resume, kill and resume."""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from decimal import Decimal as D
from pathlib import Path

import builders
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES
from docx import Document
from generator.batch import SUMMARY_NAME, Manifest, collect_inputs, run_batch
from generator.cli import main
from generator.models import DEPARTMENT_SHEETS
from generator.render import template_info
from generator.workbook_writer import workbook_bytes
from openpyxl import load_workbook

SUFFIX = template_info("provincial").file_suffix
MONEY_SHEETS = ("收入", "支出和结余", "三公经费", "固定资产", "经费控制", "支出明细")


def unit(name: str, factor: int = 1) -> dict:
    """The builders' workbook for another unit: its name, and every amount times `factor` (sums still hold)."""
    data = builders.department()
    data["单位信息"][0]["单位名称"] = name
    for sheet in MONEY_SHEETS:
        for row in data[sheet]:
            row.update({k: v * factor for k, v in row.items() if isinstance(v, D)})
    return data


def report(name: str) -> str:
    return f"{name}-2024年度{SUFFIX}.docx"


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> list[Path]:
    """36 consistent workbooks of differently named units with different figures, written once."""
    folder = tmp_path_factory.mktemp("pool")
    return [builders.write(folder / f"unit-{i:02d}.xlsx", unit(f"第{i:02d}单位", i + 1)) for i in range(36)]


def copy(files: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(f, folder / f.name)) for f in files]


def invoke(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path)[sheet]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r)) for r in values[1:]]


def assert_complete(docx: Path) -> None:
    with zipfile.ZipFile(docx) as z:
        assert z.testzip() is None
    assert Document(str(docx)).paragraphs


def missing_sheet(path: Path) -> Path:
    wb = load_workbook(io.BytesIO(workbook_bytes(DEPARTMENT_SHEETS, unit("缺表单位"))))
    del wb["收入"]
    wb.save(path)
    return path


def test_every_good_unit_is_rendered_and_every_bad_one_is_in_the_summary(pool, tmp_path):
    src = tmp_path / "各单位"
    good = copy(pool[:5], src / "乡镇") + [Path(shutil.copy(SAMPLES / "003-heshan-2024.xlsx", src / "赫山.xlsx"))]
    (src / "不是表格.xlsx").write_text("这不是 Excel 文件", encoding="utf-8")
    missing_sheet(src / "缺表.xlsx")
    arithmetic = unit("算错单位")
    arithmetic["支出和结余"][0]["项目支出"] = D("101.00")
    builders.write(src / "算错.xlsx", arithmetic)
    shutil.copy(pool[0], src / "~$unit-00.xlsx")  # Excel's lock file of an open workbook: not an input
    (src / "说明.txt").write_text("不是工作簿", encoding="utf-8")

    result = invoke(src, "--template", "provincial", "-o", tmp_path / "out", "--workers", "2")
    assert result.exit_code == 1, result.output
    assert "共 9 个工作簿：成功 6，失败 3" in result.stdout
    out = tmp_path / "out"
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names == sorted([report(f"第{i:02d}单位") for i in range(5)]
                           + ["益阳市赫山区商务局-2024年度部门整体支出绩效自评报告.docx"])
    for docx in out.glob("*.docx"):
        assert_complete(docx)
    summary = {Path(r["文件"]).name: r for r in rows(out / SUMMARY_NAME, "汇总")}
    assert len(summary) == 9 and "~$unit-00.xlsx" not in summary
    assert summary["unit-03.xlsx"]["单位名称"] == "第03单位" and summary["unit-03.xlsx"]["状态"] == "成功"
    assert summary["unit-03.xlsx"]["输出文件"] == report("第03单位") and summary["unit-03.xlsx"]["年度"] == 2024
    assert summary["unit-03.xlsx"]["综合得分"] is not None and summary["unit-03.xlsx"]["等次"]
    assert summary["不是表格.xlsx"]["状态"] == "失败" and "不是可读取的 Excel 工作簿" in summary["不是表格.xlsx"]["说明"]
    assert summary["缺表.xlsx"]["单位名称"] == "缺表单位" and "缺少工作表“收入”" in summary["缺表.xlsx"]["说明"]
    assert summary["算错.xlsx"]["问题数"] >= 1 and summary["算错.xlsx"]["输出文件"] is None
    problems = rows(out / SUMMARY_NAME, "问题")
    arith = [p for p in problems if p["文件"].endswith("算错.xlsx") and p["单元格"] == "B2"]
    assert arith and arith[0]["工作表"] == "支出和结余" and arith[0]["级别"] == "错误"
    assert "291.00（相差 1.00）" in arith[0]["说明"]
    assert "失败" in result.stderr and "算错.xlsx" in result.stderr
    assert not list(out.rglob("*.part"))


def test_two_units_with_the_same_name_both_kept_and_reported(pool, tmp_path):
    a, b = copy(pool[:1], tmp_path / "a") + copy(pool[:1], tmp_path / "b")
    result = run_batch([tmp_path / "a", b], "provincial", tmp_path / "out", workers=1, make_zip=True)
    assert result.ok
    first, second = report("第00单位"), report("第00单位").replace(".docx", "(2).docx")
    assert [u.outputs for u in result.units] == [[first], [second]]
    assert list(result.duplicates) == [first.removesuffix(".docx")]
    assert "与" in result.units[0].note and "改名为" in result.units[1].note
    with zipfile.ZipFile(result.archive) as z:
        assert sorted(z.namelist()) == sorted([first, second, SUMMARY_NAME])
    # A second run gives each input the name it had, whichever finishes first.
    again = run_batch([b, a], "provincial", tmp_path / "out", workers=2)
    assert [u.outputs for u in again.units] == [[second], [first]]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == sorted([first, second])


def test_resume_skips_unchanged_inputs_and_redoes_changed_ones(pool, tmp_path):
    src = copy(pool[:4], tmp_path / "in")
    out = tmp_path / "out"
    first = invoke(tmp_path / "in", "-t", "provincial", "-o", out, "--workers", "1", "--quiet")
    assert first.exit_code == 0, first.output
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    os.utime(src[0], None)  # touched, same bytes: still unchanged
    builders.write(src[1], unit("第01单位", 7))  # new figures, same name
    builders.write(src[2], unit("改名单位", 3))  # renamed: the old report goes
    time.sleep(0.01)
    result = run_batch([tmp_path / "in"], "provincial", out, workers=1, resume=True)
    assert result.ok
    assert [u.skipped for u in result.units] == [True, False, False, True]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    assert after[report("第00单位")] == before[report("第00单位")]
    assert after[report("第03单位")] == before[report("第03单位")]
    assert after[report("第01单位")] != before[report("第01单位")]
    assert report("改名单位") in after and report("第02单位") not in after
    assert [r["状态"] for r in rows(out / SUMMARY_NAME, "汇总")] == ["成功"] * 4
    # Without --resume everything is done again.
    assert not any(u.skipped for u in run_batch([tmp_path / "in"], "provincial", out, workers=1).units)


def test_a_killed_run_resumes_where_it_stopped(pool, tmp_path):
    copy(pool, tmp_path / "in")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "generator.cli", "batch", str(tmp_path / "in"), "-t", "provincial",
           "-o", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    units = out / ".genreport" / "units"
    deadline = time.monotonic() + 60
    while not (units.is_dir() and len(list(units.glob("*.json"))) >= 4) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, as the OOM killer or a power cut would
    proc.wait()
    assert not (out / SUMMARY_NAME).exists(), "the run ended before it could be killed"
    for docx in out.glob("*.docx"):
        assert_complete(docx)  # whatever is there is whole
    recorded = {n: (out / n).stat() for e in Manifest(out).entries.values() for n in e["outputs"]}
    assert 4 <= len(recorded) < len(pool)

    result = invoke(tmp_path / "in", "-t", "provincial", "-o", out, "--workers", "2", "--resume", "--quiet")
    assert result.exit_code == 0, result.output
    assert f"其中 {len(recorded)} 个未变" in result.stdout
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names == sorted(report(f"第{i:02d}单位") for i in range(len(pool)))  # each once, no "(2)"
    for name, stat in recorded.items():  # finished before the kill: not rendered again
        assert (out / name).stat().st_ino == stat.st_ino and (out / name).stat().st_mtime_ns == stat.st_mtime_ns
    for docx in out.glob("*.docx"):
        assert_complete(docx)
    assert not list(out.rglob("*.part"))
    assert not [p for p in (out / ".genreport" / "staging").rglob("*") if p.is_file()]


def test_inputs_are_files_folders_and_globs(pool, tmp_path):
    a = copy(pool[:2], tmp_path / "in" / "深" / "层")
    b = copy(pool[2:3], tmp_path / "in")
    copy(pool[3:4], tmp_path / "in" / "out")  # the output folder: its files are never inputs
    (tmp_path / "in" / "~$x.xlsx").write_bytes(b"lock")
    found = collect_inputs([tmp_path / "in", str(tmp_path / "in" / "*.xlsx"), a[0]], tmp_path / "in" / "out")
    assert found == b + a  # sorted by path: in/unit-02 before in/深/…
    assert collect_inputs([str(tmp_path / "in" / "**" / "unit-01.xlsx")], tmp_path / "o") == a[1:]


def test_usage_errors_exit_2_before_any_work(pool, tmp_path):
    src = copy(pool[:1], tmp_path / "in")[0]
    assert invoke(tmp_path / "nowhere.xlsx", "-t", "provincial", "-o", tmp_path / "out").exit_code == 2
    assert invoke(str(tmp_path / "*.nothing"), "-t", "provincial", "-o", tmp_path / "out").exit_code == 2
    assert invoke(src, "-t", "nope", "-o", tmp_path / "out").exit_code == 2
    assert invoke(src, "-t", "provincial").exit_code == 2  # -o is required
    assert invoke(src, "-t", "provincial", "-o", tmp_path / "out", "--workers", "0").exit_code == 2
    assert not (tmp_path / "out").exists()


def _soffice() -> bool:
    try:
        from generator.pdf import find_soffice
    except ImportError:
        return False
    return find_soffice() is not None


@pytest.mark.skipif(not _soffice(), reason="generator.pdf or LibreOffice not available")
def test_pdf_beside_each_report(pool, tmp_path):
    copy(pool[:2], tmp_path / "in")
    result = invoke(tmp_path / "in", "-t", "provincial", "-o", tmp_path / "out", "--pdf", "--workers", "2", "-q")
    assert result.exit_code == 0, result.output
    for i in range(2):
        pdf = tmp_path / "out" / report(f"第{i:02d}单位").replace(".docx", ".pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
    assert rows(tmp_path / "out" / SUMMARY_NAME, "汇总")[0]["输出文件"].endswith(".pdf")
