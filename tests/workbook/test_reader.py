"""Reading into models: every problem of every sheet, with its cell, in one run."""
import io
import zipfile
from datetime import date
from decimal import Decimal

import builders
from generator import load
from generator.errors import Severity
from generator.kinds.department.models import DEPARTMENT_SHEETS
from generator.workbook.writer import workbook_bytes


def messages(loaded):
    return {str(p) for p in loaded.problems}


def test_consistent_workbook_has_no_problem(workbook):
    loaded = load(workbook())
    assert loaded.problems == []
    assert loaded.data.收入[0].收入合计 == Decimal("300.00")
    assert loaded.data.收入[1].cell("公共财政拨款") == "收入!D3"


def test_all_cell_problems_reported_in_one_run(workbook):
    data = builders.department()
    data["收入"][1]["上年结转"] = "约二十"
    data["单位信息"][0]["报告日期"] = "六月底"
    data["单位信息"][0]["联系人"] = None
    data["支出和结余"][2]["基本支出"] = "=C3+D3"
    loaded = load(workbook(data))
    got = messages(loaded)
    assert "收入!C3: 应为数字，实际为文字“约二十”" in got
    assert "单位信息!J2: 应为日期（如 2020-06-22），实际为“六月底”" in got
    assert "单位信息!E2: “联系人”为必填项，实际为空（金额为零请填 0）" in got
    assert any(p.startswith("支出和结余!C4: 公式 =C3+D3 没有计算结果，请在 Excel 中打开并保存后重试") for p in got)
    assert all(p.severity is Severity.ERROR for p in loaded.problems)


def test_unknown_and_missing_sheets_and_headers(tmp_path):
    data = builders.department()
    raw = workbook_bytes(DEPARTMENT_SHEETS, data)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(raw))
    del wb["评价人员"]
    wb["收入"]["H1"] = "备注"
    wb["三公经费"]["B1"] = "合计数"
    wb.create_sheet("Sheet1")
    path = tmp_path / "x.xlsx"
    wb.save(path)
    got = messages(load(path))
    assert "工作簿: 缺少工作表“评价人员”（评价组成员，评价组组长列第一行）" in got
    assert any(m.startswith("收入!H1: 未知的列“备注”") for m in got)
    assert "三公经费!A1: 缺少必填的列“三公经费合计”" in got
    assert "Sheet1: 未知的工作表，内容不会写入报告" in got


def test_control_character_is_reported_with_its_cell(tmp_path):
    data = builders.department()
    data["职能职责"][0]["职责"] = "贯彻MARK执行"
    buf = io.BytesIO(workbook_bytes(DEPARTMENT_SHEETS, data))
    path = tmp_path / "c.xlsx"
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename).replace(b"MARK", b"_x001B_"))
    got = messages(load(path))
    assert "职能职责!A2: 含有不可见的控制字符 U+001B（第 3 个字符），Word 文档无法容纳，请删除后重试" in got


def test_choices_accept_half_width_brackets_and_symbols(workbook):
    data = builders.department()
    data["单位信息"][0]["评价方式"] = "部门（单位）绩效自评"
    data["绩效指标"][1]["指标性质"] = ">="
    loaded = load(workbook(data))
    assert loaded.errors == []
    assert loaded.data.单位.评价方式 == "部门(单位)绩效自评"
    assert loaded.data.绩效指标[1].指标性质 == "≥"


def test_wrong_choice_names_the_allowed_values(workbook):
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "千元"
    got = messages(load(workbook(data)))
    assert "单位信息!I2: 应为 元、万元 之一，实际为“千元”" in got


def test_more_than_two_decimals_is_rounded_half_up_with_a_warning(workbook):
    data = builders.department()
    data["三公经费"][0]["公务接待费"] = Decimal("1.005")
    data["三公经费"][0]["三公经费合计"] = Decimal("3.01")
    loaded = load(workbook(data))
    assert loaded.data.三公经费[0].公务接待费 == Decimal("1.01")
    assert [str(p) for p in loaded.warnings] == ["三公经费!C2: 金额最多两位小数，实际为 1.005；已四舍五入为 1.01"]


def test_date_as_text_is_read(workbook):
    data = builders.department()
    data["单位信息"][0]["报告日期"] = "2025年3月31日"
    assert load(workbook(data)).data.单位.报告日期 == date(2025, 3, 31)
