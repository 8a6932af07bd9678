"""The genreport command through click's CliRunner: outputs, messages, exit codes."""
from decimal import Decimal as D

import builders
from click.testing import CliRunner
from conftest import SAMPLES
from generator import load
from generator.cli import main
from openpyxl import load_workbook


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_render_prints_the_path_and_refuses_to_overwrite(workbook, tmp_path):
    src = workbook()
    result = invoke(src, "--template", "provincial", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "测试县商务局-2024年度部门整体支出绩效自评报告.docx"
    assert result.output.strip() == str(written)
    assert written.exists()
    again = invoke(src, "--template", "provincial", "-o", tmp_path / "out")
    assert again.exit_code == 1
    assert "已存在；如需覆盖请加 --force" in again.output
    forced = invoke(src, "--template", "provincial", "-o", tmp_path / "out", "--force")
    assert forced.exit_code == 0


def test_input_problems_exit_1_list_every_problem_and_write_nothing(workbook, tmp_path):
    data = builders.department()
    data["支出和结余"][0]["项目支出"] = D("101.00")
    data["收入"][1]["上年结转"] = "二十"
    result = invoke(workbook(data), "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "错误 收入!C3: 应为数字，实际为文字“二十”" in result.output
    assert "支出和结余!B2: 支出合计 290.00 ≠ 基本支出(C2) 190.00 + 项目支出(F2) 101.00 = 291.00（相差 1.00）" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_validate_exit_codes_and_seed_002_errors():
    bad = invoke("validate", SAMPLES / "002-xiangxi-2019.xlsx")
    assert bad.exit_code == 1
    assert "错误 支出明细!D3: 工资福利支出 9406684.00" in bad.output
    assert "共 5 个错误，0 个警告" in bad.output
    good = invoke("validate", SAMPLES / "003-heshan-2024.xlsx")
    assert good.exit_code == 0
    assert "检查通过" in good.output


def test_usage_errors_exit_2(workbook):
    assert invoke(workbook(), "--template", "nope").exit_code == 2
    assert invoke("validate").exit_code == 2
    assert invoke("--no-such-option").exit_code == 2


def test_unreadable_file_is_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke("validate", bad)
    assert result.exit_code == 1
    assert "不是可读取的 Excel 工作簿" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_templates_lists_each_with_a_description():
    result = invoke("templates")
    assert result.exit_code == 0
    assert result.output.startswith("provincial")
    assert "十部分" in result.output


def test_init_writes_an_empty_workbook_that_round_trips_once_filled(tmp_path):
    out = tmp_path / "new.xlsx"
    result = invoke("init", out)
    assert result.exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "填表说明"
    assert [c.value for c in wb["收入"][1]][:3] == ["机构名称", "收入合计", "上年结转"]
    assert wb["收入"].max_row == 1  # headers only, no data
    assert any("元" in (dv.formula1 or "") for dv in wb["单位信息"].data_validations.dataValidation)
    assert invoke("init", out).exit_code == 1  # never overwritten without --force
    empty = invoke("validate", out)
    assert empty.exit_code == 1 and "单位信息!A2: 至少应填 1 行数据，实际为 0 行" in empty.output
    # the rows the default rules need are there, named, with nothing filled in
    assert [c.value for c in wb["经费控制"]["A"]][1:] == ["三公经费", "公务用车购置和维护经费", "公车购置", "公车运行维护",
                                                     "出国经费", "公务接待", "部门整体支出预算调整"]
    wb["经费控制"].delete_rows(2, wb["经费控制"].max_row)
    # fill it the way a user would: type rows under the headers
    for name, rows in builders.department().items():
        ws = wb[name]
        headers = [c.value for c in ws[1]]
        for r, record in enumerate(rows, start=2):
            for c, header in enumerate(headers, start=1):
                key = header if header in record else header.replace("/", "")
                if record.get(key) is not None:
                    ws.cell(row=r, column=c, value=record[key])
    wb.save(out)
    loaded = load(out)
    assert loaded.problems == []
    assert loaded.data.单位.单位名称 == "测试县商务局"
