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


def _fill_by_hand(path, control_figures: dict, drop: set[str] = frozenset()) -> None:
    """Type builders' rows into an `init` workbook as a clerk would; 经费控制's pre-filled rows get
    `control_figures` by 项目, and rows named in `drop` are deleted."""
    wb = load_workbook(path)
    data = builders.department(三公经费=[{"机构名称": "汇总", "三公经费合计": D("0"), "公务接待费": D("0"),
                                      "公务用车运维费": D("0"), "公务用车购置费": D("0"), "因公出国出境费": D("0")}])
    for name, rows in data.items():
        if name == "经费控制":
            continue
        ws = wb[name]
        headers = [c.value for c in ws[1]]
        for r, record in enumerate(rows, start=2):
            for c, header in enumerate(headers, start=1):
                key = header if header in record else header.replace("/", "")
                if record.get(key) is not None:
                    ws.cell(row=r, column=c, value=record[key])
    ws = wb["经费控制"]
    headers = [c.value for c in ws[1]]
    for r in range(ws.max_row, 1, -1):
        item = ws.cell(row=r, column=1).value
        if item in drop:
            ws.delete_rows(r)
            continue
        for header, value in control_figures.get(item, {}).items():
            ws.cell(row=r, column=headers.index(header) + 1, value=value)
    wb.save(path)


ZERO_YEARS = {"上年决算数": 0, "本年预算数": 0, "本年决算数": 0}


def test_init_filled_by_hand_with_zero_sangong_and_no_adjustment_row_gives_one_message(tmp_path):
    out = tmp_path / "填报.xlsx"
    assert invoke("init", out).exit_code == 0
    sangong = ("三公经费", "公务用车购置和维护经费", "公车购置", "公车运行维护", "出国经费", "公务接待")
    _fill_by_hand(out, {name: ZERO_YEARS for name in sangong}, drop={"部门整体支出预算调整"})
    result = invoke("validate", out)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("错误")]
    assert len(lines) == 1, result.output
    # on the sheet where the row belongs, at the row to add, naming it; not at 单位信息
    assert lines[0].startswith("错误 经费控制!A8: 无法计算预算控制率：经费控制表缺少“部门整体支出预算调整”行")


def test_init_filled_by_hand_with_zero_sangong_renders(tmp_path):
    out = tmp_path / "填报.xlsx"
    assert invoke("init", out).exit_code == 0
    sangong = ("三公经费", "公务用车购置和维护经费", "公车购置", "公车运行维护", "出国经费", "公务接待")
    figures = {name: ZERO_YEARS for name in sangong}
    # 年初预算 left blank (derived: 300 − 20 − 12 + 2 = 270), 追加 12, 追减 2, net 10
    figures["部门整体支出预算调整"] = {"上年决算数": 0, "本年追加": 12, "本年追减": 2, "本年决算数": 10}
    _fill_by_hand(out, figures)
    result = invoke(out, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    score = invoke("score", out)
    assert "按规则得满分" in score.output  # 三公经费 0/0 under the Hunan rule
    assert "推算为 270.00万元" in score.output


def test_init_guide_names_the_rows_and_types(tmp_path):
    out = tmp_path / "新.xlsx"
    assert invoke("init", out, "--rules", "strict-example").exit_code == 0
    wb = load_workbook(out)
    items = [c.value for c in wb["经费控制"]["A"]][1:]
    assert {"三公经费", "部门整体支出预算调整", "公用经费", "办公经费", "政府采购金额"} <= set(items)
    guide = {(r[0], r[1]): r[3] for r in wb["填表说明"].iter_rows(values_only=True) if r[0] and r[1]}
    assert guide[("绩效指标", "分值")] == guide[("绩效指标", "得分")] == "分数"
    assert guide[("绩效指标", "指标值")] == guide[("绩效指标", "完成值")] == "数值"
    assert guide[("单位信息", "综合得分")] == "分数"
    assert guide[("经费控制", "本年追加")] == "金额"
    notes = " ".join(str(r[0]) for r in wb["填表说明"].iter_rows(values_only=True) if r[0])
    assert "“部门整体支出预算调整”行：本年预算数填部门年初预算" in notes
    dropdowns = [dv for dv in wb["经费控制"].data_validations.dataValidation if "三公经费" in (dv.formula1 or "")]
    assert dropdowns and not dropdowns[0].showErrorMessage  # suggestions, other items allowed
