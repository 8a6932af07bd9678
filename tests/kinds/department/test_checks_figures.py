"""The department checks' figures, worked by hand (issue 15): for one figure changed in builders.BASE
(万元) or builders.long_department() (元), the whole list of problems a rule reports, each with its cell,
the figure found, the figure expected and its severity, and the rounding edge of every sum (one cent
per added term in 万元, none in 元).

The sheets are built in memory with the cells the workbook writer gives them (each column of the
sheet in order, data from row 2), so each case costs no file; test_the_in_memory_sheets_are_the_workbooks
checks that against `load` once."""
from datetime import date
from decimal import Decimal as D

import builders
import pytest
from generator import Problem, Severity, load
from generator.kinds.department.checks import (balances, budget_plausibility, check_department, controls, negatives,
                                               plausibility)
from generator.kinds.department.models import DEPARTMENT_SHEETS, DepartmentData

E, W = Severity.ERROR, Severity.WARNING
ADJ = "部门整体支出预算调整"
# 经费控制's columns: A 项目, B 上级项目, C 上年决算数, D 本年预算数, E 本年追加, F 本年追减, G 调整预算数, H 本年决算数
# 单位信息's: B 年度, G 人员编制, H 实有人数, J 报告日期, L 综合得分; 收入: B 收入合计, C 上年结转;
# 支出和结余: B 支出合计, G 当年结余, H 累计结余.


def data_of(sheets: dict) -> DepartmentData:
    """The sheets as `load` reads them from the written workbook: each row knows its cells."""
    fields = {}
    for spec in DEPARTMENT_SHEETS:
        cols = {name: c for c, (_, name) in enumerate(spec.columns(), start=1)}
        rows = []
        for r, record in enumerate(sheets.get(spec.name, []), start=2):
            row = spec.model.model_validate({n: v for n, v in record.items() if v is not None})
            row._sheet, row._row, row._cols = spec.name, r, dict(cols)
            rows.append(row)
        fields[spec.key] = rows
    fields["单位"] = fields["单位"][0] if fields["单位"] else None
    return DepartmentData.model_construct(**fields)


def seen(problems) -> list[tuple[str, Severity]]:
    return [(str(p), p.severity) for p in problems]


def base(**unit) -> dict:
    data = builders.department()
    data["单位信息"][0].update(unit)
    return data


def control(data: dict, item: str) -> dict:
    return next(r for r in data["经费控制"] if r["项目"] == item)


def test_the_in_memory_sheets_are_the_workbooks(workbook):
    data = builders.department()
    data["支出和结余"][2]["累计结余"] = D("4.00")
    control(data, "三公经费").update(本年追加=D("1.00"), 调整预算数=D("6.50"))
    data["单位信息"][0]["报告日期"] = date(2023, 12, 31)
    loaded = load(workbook(data))
    assert seen(loaded.problems) == seen(check_department(data_of(data), set()))
    assert len(loaded.problems) == 4


# ------------------------------------------------------------------ balances (rule 3)

def test_base_and_long_workbooks_have_consistent_balances():
    # BASE: 300 − 290 = 10, 300 − 20 − 290 = −10; long (元): 12345678.90 − 12580246.79 = −234567.89 and
    # 12345678.90 − 1000000.00 − 12580246.79 = −1234567.89: negative balances are no error either
    for data in (builders.department(), builders.long_department()):
        assert seen(check_department(data_of(data), set())) == []


def test_a_wrong_balance_on_the_summary_row_is_named_even_with_institutions_after_it():
    data = builders.department()
    data["支出和结余"][0]["累计结余"] = D("11.00")  # 300 − 290 = 10
    assert seen(balances(data_of(data), set())) == [
        ("支出和结余!H2: 累计结余 11.00 ≠ 收入合计(收入!B2) 300.00 − 支出合计(B2) 290.00 = 10.00（相差 1.00）", E)]


def test_the_current_balance_takes_off_the_carry_over_of_its_own_institution():
    data = builders.department()
    data["支出和结余"][1]["当年结余"] = D("-14.00")  # 本级: 200 − 20 − 195 = −15
    assert seen(balances(data_of(data), set())) == [
        ("支出和结余!G3: 当年结余 -14.00 ≠ 收入合计(收入!B3) 200.00 − 上年结转(收入!C3) 20.00 − 支出合计(B3) 195.00"
         " = -15.00（相差 1.00）", E)]


def test_both_balances_of_every_institution_are_named_in_order():
    data = builders.department()
    data["支出和结余"][0].update(累计结余=D("9.00"), 当年结余=D("-11.00"))
    data["支出和结余"][2].update(累计结余=D("6.00"), 当年结余=D("6.00"))
    assert [s for s, _ in seen(balances(data_of(data), set()))] == [
        "支出和结余!H2: 累计结余 9.00 ≠ 收入合计(收入!B2) 300.00 − 支出合计(B2) 290.00 = 10.00（相差 1.00）",
        "支出和结余!G2: 当年结余 -11.00 ≠ 收入合计(收入!B2) 300.00 − 上年结转(收入!C2) 20.00 − 支出合计(B2) 290.00"
        " = -10.00（相差 1.00）",
        "支出和结余!H4: 累计结余 6.00 ≠ 收入合计(收入!B4) 100.00 − 支出合计(B4) 95.00 = 5.00（相差 1.00）",
        "支出和结余!G4: 当年结余 6.00 ≠ 收入合计(收入!B4) 100.00 − 上年结转(收入!C4) 0.00 − 支出合计(B4) 95.00"
        " = 5.00（相差 1.00）"]


@pytest.mark.parametrize("total, flagged", [("5.02", False), ("4.98", False), ("5.03", True), ("4.97", True)])
def test_accumulated_balance_in_wanyuan_allows_two_cents(total, flagged):
    # 服务中心 累计结余 = 收入合计 100 − 支出合计 95: two terms, so 5 ± 0.02 is rounding
    data = builders.department()
    data["支出和结余"][2]["累计结余"] = D(total)
    diff = abs(D(total) - 5)
    expected = [(f"支出和结余!H4: 累计结余 {total} ≠ 收入合计(收入!B4) 100.00 − 支出合计(B4) 95.00 = 5.00（相差 {diff}）",
                 E)]
    assert seen(balances(data_of(data), set())) == (expected if flagged else [])


@pytest.mark.parametrize("total, flagged", [("5.03", False), ("4.97", False), ("5.04", True), ("4.96", True)])
def test_current_balance_in_wanyuan_allows_three_cents(total, flagged):
    # 服务中心 当年结余 = 100 − 0 − 95: three terms, so 5 ± 0.03 is rounding
    data = builders.department()
    data["支出和结余"][2]["当年结余"] = D(total)
    diff = abs(D(total) - 5)
    expected = [(f"支出和结余!G4: 当年结余 {total} ≠ 收入合计(收入!B4) 100.00 − 上年结转(收入!C4) 0.00 − 支出合计(B4)"
                 f" 95.00 = 5.00（相差 {diff}）", E)]
    assert seen(balances(data_of(data), set())) == (expected if flagged else [])


def test_balances_in_yuan_must_hold_to_the_cent():
    data = builders.long_department()
    data["支出和结余"][1].update(累计结余=D("-234567.88"), 当年结余=D("-1234567.90"))
    assert seen(balances(data_of(data), set())) == [
        ("支出和结余!H3: 累计结余 -234567.88 ≠ 收入合计(收入!B3) 10545678.90 − 支出合计(B3) 10780246.79"
         " = -234567.89（相差 0.01）", E),
        ("支出和结余!G3: 当年结余 -1234567.90 ≠ 收入合计(收入!B3) 10545678.90 − 上年结转(收入!C3) 1000000.00 − "
         "支出合计(B3) 10780246.79 = -1234567.89（相差 0.01）", E)]


@pytest.mark.parametrize("skip, checked", [({"收入"}, False), ({"支出和结余"}, False), ({"三公经费"}, True)])
def test_balances_are_not_checked_when_either_table_had_an_unreadable_cell(skip, checked):
    data = builders.department()
    data["支出和结余"][2]["累计结余"] = D("6.00")
    got = balances(data_of(data), skip)
    assert [str(p) for p in got] == (
        ["支出和结余!H4: 累计结余 6.00 ≠ 收入合计(收入!B4) 100.00 − 支出合计(B4) 95.00 = 5.00（相差 1.00）"] if checked else [])


def test_tables_of_different_lengths_are_named_once_and_not_paired():
    data = builders.department()
    data["支出和结余"].append(dict(data["支出和结余"][2], 机构名称="新机构", 累计结余=D("99.00")))
    # a whole-sheet problem: no cell, and an empty one ("" in the web page's and the batch manifest's JSON, not null)
    assert balances(data_of(data), set()) == [Problem("支出和结余", "", "机构行数 4 与“收入”表的 3 行不一致", E)]


# ------------------------------------------------------------------ 调整预算数 and the net adjustment

def budget_sums(data: dict, skip=frozenset()) -> list[tuple[str, Severity]]:
    return seen(controls(data_of(data), set(skip)))


def test_an_addition_alone_makes_the_adjusted_budget():
    data = builders.department()
    control(data, "三公经费").update(本年追加=D("1.00"), 调整预算数=D("6.50"))  # 5 + 1 = 6
    assert budget_sums(data) == [
        ("经费控制!G2: 三公经费调整预算数 6.50 ≠ 本年预算数(D2) 5.00 + 本年追加(E2) 1.00 = 6.00（相差 0.50）", E)]


def test_a_cut_alone_makes_the_adjusted_budget():
    data = builders.department()
    control(data, "三公经费").update(本年追减=D("0.50"), 调整预算数=D("5.00"))  # 5 − 0.5 = 4.5
    assert budget_sums(data) == [
        ("经费控制!G2: 三公经费调整预算数 5.00 ≠ 本年预算数(D2) 5.00 − 本年追减(F2) 0.50 = 4.50（相差 0.50）", E)]


@pytest.mark.parametrize("adjusted, flagged", [("5.53", False), ("5.47", False), ("5.54", True), ("5.46", True)])
def test_adjusted_budget_of_three_terms_in_wanyuan_allows_three_cents(adjusted, flagged):
    data = builders.department()
    control(data, "三公经费").update(本年追加=D("1.00"), 本年追减=D("0.50"), 调整预算数=D(adjusted))  # 5.50
    diff = abs(D(adjusted) - D("5.50"))
    expected = [(f"经费控制!G2: 三公经费调整预算数 {adjusted} ≠ 本年预算数(D2) 5.00 + 本年追加(E2) 1.00 − 本年追减(F2) 0.50"
                 f" = 5.50（相差 {diff}）", E)]
    assert budget_sums(data) == (expected if flagged else [])


@pytest.mark.parametrize("adjusted, flagged", [("6.02", False), ("6.03", True)])
def test_adjusted_budget_of_two_terms_in_wanyuan_allows_two_cents(adjusted, flagged):
    data = builders.department()
    control(data, "三公经费").update(本年追加=D("1.00"), 调整预算数=D(adjusted))  # 5 + 1 = 6
    expected = [(f"经费控制!G2: 三公经费调整预算数 {adjusted} ≠ 本年预算数(D2) 5.00 + 本年追加(E2) 1.00 = 6.00"
                 f"（相差 {D(adjusted) - 6}）", E)]
    assert budget_sums(data) == (expected if flagged else [])


@pytest.mark.parametrize("net, flagged", [("40.01", False), ("39.99", False), ("40.02", True), ("39.98", True)])
def test_a_net_adjustment_of_one_addition_in_wanyuan_allows_one_cent(net, flagged):
    data = builders.department()
    control(data, ADJ).update(本年追加=D("40.00"), 本年决算数=D(net))
    expected = [(f"经费控制!H5: {ADJ}本年决算数（预算调整净额） {net} ≠ 本年追加(E5) 40.00 = 40.00"
                 f"（相差 {abs(D(net) - 40)}）", E)]
    assert budget_sums(data) == (expected if flagged else [])


@pytest.mark.parametrize("net, flagged", [("30.02", False), ("29.98", False), ("30.03", True), ("29.97", True)])
def test_a_net_adjustment_of_addition_and_cut_in_wanyuan_allows_two_cents(net, flagged):
    data = builders.department()
    control(data, ADJ).update(本年追加=D("40.00"), 本年追减=D("10.00"), 本年决算数=D(net))
    expected = [(f"经费控制!H5: {ADJ}本年决算数（预算调整净额） {net} ≠ 本年追加(E5) 40.00 − 本年追减(F5) 10.00 = 30.00"
                 f"（相差 {abs(D(net) - 30)}）", E)]
    assert budget_sums(data) == (expected if flagged else [])


def test_both_faults_of_the_adjustment_row_are_named_adjusted_budget_first():
    data = builders.department()
    # 年初 0 + 40 − 10 = 30, stated 31; and the net 40 − 10 = 30, stated 31
    control(data, ADJ).update(本年追加=D("40"), 本年追减=D("10"), 调整预算数=D("31"), 本年决算数=D("31"))
    assert budget_sums(data) == [
        (f"经费控制!G5: {ADJ}调整预算数 31.00 ≠ 本年预算数(D5) 0.00 + 本年追加(E5) 40.00 − 本年追减(F5) 10.00 = 30.00"
         "（相差 1.00）", E),
        (f"经费控制!H5: {ADJ}本年决算数（预算调整净额） 31.00 ≠ 本年追加(E5) 40.00 − 本年追减(F5) 10.00 = 30.00"
         "（相差 1.00）", E)]


def test_a_numbered_adjustment_row_is_still_the_adjustment_row():
    # 「2、部门整体支出预算调整」 as a clerk numbers it: its 本年决算数 is still the net adjustment, named as written
    data = builders.department()
    control(data, ADJ).update(项目="2、" + ADJ, 本年追加=D("40"), 本年决算数=D("10"))
    assert budget_sums(data) == [
        (f"经费控制!H5: 2、{ADJ}本年决算数（预算调整净额） 10.00 ≠ 本年追加(E5) 40.00 = 40.00（相差 30.00）", E)]


def test_only_the_adjustment_row_has_its_actual_figure_made_of_additions_and_cuts():
    # 三公经费 spent 3.00 of a budget 5 + 1 − 0.5 = 5.5: its 本年决算数 is no net adjustment
    data = builders.department()
    control(data, "三公经费").update(本年追加=D("1.00"), 本年追减=D("0.50"), 调整预算数=D("5.50"))
    assert budget_sums(data) == []


@pytest.mark.parametrize("changes", [
    {"本年追加": D("40"), "本年决算数": D("40"), "调整预算数": D("99")},  # no 年初预算: 调整预算数 not checked
    {"本年预算数": D("270"), "本年追加": D("40"), "本年决算数": D("40")},  # no 调整预算数 to check
    {"调整预算数": D("99"), "本年决算数": D("99")},  # neither 追加 nor 追减: nothing to add up
])
def test_sums_with_a_figure_left_empty_are_not_checked(changes):
    data = builders.department()
    control(data, ADJ).update({"本年预算数": None, **changes})
    assert budget_sums(data) == []


def test_budget_sums_in_yuan_must_hold_to_the_cent():
    data = builders.long_department()
    control(data, "三公经费").update(本年追加=D("10000.00"), 调整预算数=D("160000.01"))  # 150000 + 10000
    control(data, ADJ).update(本年追加=D("600000.00"), 本年追减=D("100000.00"))  # 本年决算数 500000.00: right
    assert budget_sums(data) == [
        ("经费控制!G2: 三公经费调整预算数 160000.01 ≠ 本年预算数(D2) 150000.00 + 本年追加(E2) 10000.00 = 160000.00"
         "（相差 0.01）", E)]
    control(data, "三公经费")["调整预算数"] = D("160000.00")
    control(data, ADJ)["本年决算数"] = D("499999.99")
    assert budget_sums(data) == [
        (f"经费控制!H3: {ADJ}本年决算数（预算调整净额） 499999.99 ≠ 本年追加(E3) 600000.00 − 本年追减(F3) 100000.00"
         " = 500000.00（相差 0.01）", E)]


# ------------------------------------------------------------------ 经费控制 (controls)

def test_a_parent_not_in_the_table_is_named_at_the_row_naming_it():
    data = builders.department()
    data["经费控制"].append({"项目": "办公经费", "上级项目": "公用经费", "上年决算数": D("1"), "本年预算数": D("1"),
                          "本年决算数": D("1")})
    assert budget_sums(data) == [("经费控制!B6: 上级项目“公用经费”不在本表中", E)]


def test_a_missing_initial_budget_is_named_and_its_parent_not_compared_in_that_column():
    data = builders.department()
    control(data, "公务接待")["本年预算数"] = None  # 三公经费 5.00 ≠ 3.00 + (empty): not compared
    assert budget_sums(data) == [("经费控制!D4: 公务接待的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）", E)]


@pytest.mark.parametrize("name", [ADJ, "2、" + ADJ])
def test_the_adjustment_row_may_leave_its_initial_budget_empty(name):
    data = builders.department()
    control(data, ADJ).update(项目=name, 本年预算数=None)
    assert budget_sums(data) == []


def test_every_kind_of_control_fault_is_kept_in_row_order():
    data = builders.department()
    control(data, "三公经费").update(本年追加=D("1.00"), 调整预算数=D("7.00"))  # 5 + 1 = 6
    control(data, "公务接待")["本年预算数"] = None
    data["经费控制"].append({"项目": "办公经费", "上级项目": "公用经费", "上年决算数": D("1"), "本年预算数": D("1"),
                          "本年决算数": D("1")})
    assert budget_sums(data) == [
        ("经费控制!G2: 三公经费调整预算数 7.00 ≠ 本年预算数(D2) 5.00 + 本年追加(E2) 1.00 = 6.00（相差 1.00）", E),
        ("经费控制!D4: 公务接待的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）", E),
        ("经费控制!B6: 上级项目“公用经费”不在本表中", E)]


def sangong_off() -> dict:
    """经费控制 says 三公经费 3.00 this year; the 三公经费 table 3.50 (its own parts 1.00 + 2.50 agree)."""
    data = builders.department()
    data["三公经费"][0].update(三公经费合计=D("3.50"), 公务用车运维费=D("2.50"))
    control(data, "公务接待")["本年预算数"] = None
    return data


def test_control_faults_are_kept_with_the_sangong_table_comparison():
    assert budget_sums(sangong_off()) == [
        ("经费控制!D4: 公务接待的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）", E),
        ("经费控制!H2: 经费控制 三公经费本年决算数 3.00 ≠ 三公经费表 合计(三公经费!B2) 3.50 = 3.50（相差 0.50）", E)]


def test_an_unreadable_sangong_table_is_not_compared_with_the_control_row():
    assert budget_sums(sangong_off(), {"三公经费"}) == [
        ("经费控制!D4: 公务接待的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）", E)]


def test_an_unreadable_control_sheet_is_not_checked():
    assert budget_sums(sangong_off(), {"经费控制"}) == []


# ------------------------------------------------------------------ negatives

@pytest.mark.parametrize("sheet, row, field, cell", [
    ("收入", 2, "纳入专户管理的非税收入拨款", "收入!F4"),
    ("支出和结余", 1, "项目支出", "支出和结余!F3"),
    ("三公经费", 0, "因公出国出境费", "三公经费!F2"),
    ("固定资产", 0, "出租固定资产", "固定资产!D2"),
    ("经费控制", 2, "本年决算数", "经费控制!H4"),
    ("经费控制", 0, "本年预算数", "经费控制!D2"),
])
def test_a_negative_amount_is_an_error_at_its_cell(sheet, row, field, cell):
    data = builders.department()
    data[sheet][row][field] = D("-0.01")
    assert seen(negatives(data_of(data), set())) == [(f"{cell}: {field} 应为非负数，实际为 -0.01", E)]


def test_zero_and_negative_balances_are_no_error():
    # BASE has 0 in many columns and 当年结余 −10; long has 累计结余 −234567.89 too
    for data in (builders.department(), builders.long_department()):
        assert seen(negatives(data_of(data), set())) == []


def test_every_negative_amount_is_named_and_a_skipped_sheet_does_not_stop_the_rest():
    data = builders.department()
    data["收入"][0]["其他收入"] = D("-1.00")
    data["固定资产"][0]["其他"] = D("-2.50")
    data["经费控制"][1]["上年决算数"] = D("-3.00")
    data["收入"][2]["上年收入合计"] = D("-4.00")
    assert seen(negatives(data_of(data), set())) == [
        ("收入!G2: 其他收入 应为非负数，实际为 -1.00", E), ("收入!H4: 上年收入合计 应为非负数，实际为 -4.00", E),
        ("固定资产!E2: 其他 应为非负数，实际为 -2.50", E), ("经费控制!C3: 上年决算数 应为非负数，实际为 -3.00", E)]
    assert seen(negatives(data_of(data), {"收入"})) == [
        ("固定资产!E2: 其他 应为非负数，实际为 -2.50", E), ("经费控制!C3: 上年决算数 应为非负数，实际为 -3.00", E)]
    assert seen(negatives(data_of(data), {"收入", "固定资产", "经费控制"})) == []


# ------------------------------------------------------------------ 年初预算 plausibility

def test_budget_warning_in_yuan_is_a_warning_with_the_figures():
    # long: 收入合计 12345678.90 − 上年结转 1000000.00 − 追加 500000.00 (the net 本年决算数) + 0 = 10845678.90;
    # half of it is 5422839.45
    data = builders.long_department()
    control(data, ADJ)["本年预算数"] = D("5422839.44")
    assert seen(budget_plausibility(data_of(data), set())) == [
        (f"经费控制!D3: {ADJ}的本年预算数 5422839.44 应为部门年初预算，而收入合计 − 上年结转 − 追加 + 追减 = 10845678.90，"
         "相差一倍以上：追加、追减的预算请填在“本年追加”“本年追减”列，年初预算不知道时本年预算数可留空", W)]
    control(data, ADJ)["本年预算数"] = D("5422839.45")
    assert budget_plausibility(data_of(data), set()) == []


@pytest.mark.parametrize("skip, warned", [({"经费控制"}, False), ({"收入"}, False), ({"收入", "经费控制"}, False),
                                          ({"三公经费"}, True), (set(), True)])
def test_budget_is_not_judged_when_income_or_control_is_unreadable(skip, warned):
    data = builders.department()
    control(data, ADJ)["本年预算数"] = D("1000")  # 300 − 20 − 10 = 270: more than double
    assert (len(budget_plausibility(data_of(data), skip)) == 1) == warned


def test_without_an_adjustment_row_the_budget_is_not_judged():
    data = builders.department()
    data["经费控制"] = [r for r in data["经费控制"] if r["项目"] != ADJ]
    assert budget_plausibility(data_of(data), set()) == []


def test_a_numbered_adjustment_row_is_judged():
    data = builders.department()
    control(data, ADJ).update(项目="（二）" + ADJ, 本年预算数=D("1000"))
    assert [str(p) for p in budget_plausibility(data_of(data), set())] == [
        f"经费控制!D5: （二）{ADJ}的本年预算数 1000.00 应为部门年初预算，而收入合计 − 上年结转 − 追加 + 追减 = 270.00，"
        "相差一倍以上：追加、追减的预算请填在“本年追加”“本年追减”列，年初预算不知道时本年预算数可留空"]


# ------------------------------------------------------------------ 单位信息 plausibility

def unit_problems(skip=frozenset(), sheets=None, **unit) -> list[tuple[str, Severity]]:
    return seen(plausibility(data_of(sheets or base(**unit)), set(skip)))


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_outside_2000_to_2100_is_an_error(year):
    # a report dated 2025-03-31 for 2101 is also dated before its year: a warning beside the error
    late = [("单位信息!J2: 报告日期 2025-03-31 早于评价年度 2101", W)] if year > 2025 else []
    assert unit_problems(年度=year) == [(f"单位信息!B2: 年度应为四位年份（2000–2100），实际为 {year}", E), *late]


@pytest.mark.parametrize("year, dated", [(2000, date(2000, 1, 1)), (2100, date(2100, 12, 31)), (2024, date(2024, 1, 1))])
def test_a_year_in_range_dated_in_that_year_passes(year, dated):
    assert unit_problems(年度=year, 报告日期=dated) == []


def test_a_report_dated_before_its_year_is_a_warning():
    assert unit_problems(报告日期=date(2023, 12, 31)) == [("单位信息!J2: 报告日期 2023-12-31 早于评价年度 2024", W)]


def test_a_negative_headcount_is_an_error_at_its_own_cell():
    assert unit_problems(人员编制=-1) == [("单位信息!G2: 人员编制不能为负数，实际为 -1", E)]
    assert unit_problems(实有人数=-1) == [("单位信息!H2: 实有人数不能为负数，实际为 -1", E)]
    assert unit_problems(人员编制=-1, 实有人数=-3) == [("单位信息!G2: 人员编制不能为负数，实际为 -1", E),
                                               ("单位信息!H2: 实有人数不能为负数，实际为 -3", E)]


@pytest.mark.parametrize("staff, actual", [(0, 18), (20, 0), (0, 0)])
def test_no_staff_is_no_error(staff, actual):
    assert unit_problems(人员编制=staff, 实有人数=actual) == []


@pytest.mark.parametrize("score", ["100.01", "-0.01", "150"])
def test_an_entered_total_outside_0_to_100_is_an_error(score):
    assert unit_problems(综合得分=D(score)) == [(f"单位信息!L2: 综合得分应在 0–100 之间，实际为 {score}", E)]


@pytest.mark.parametrize("score", ["0", "0.5", "100"])
def test_an_entered_total_from_0_to_100_passes(score):
    assert unit_problems(综合得分=D(score)) == []


@pytest.mark.parametrize("total, warned", [("1000000.00", True), ("2500000.00", True), ("999999.99", False)])
def test_ten_billion_wanyuan_is_a_unit_warning(total, warned):
    data = base()
    data["收入"][0]["收入合计"] = D(total)
    expected = [(f"收入!B2: 收入合计 {total} 万元（超过 100 亿元），金额单位是否应为“元”？", W)]
    assert unit_problems(sheets=data) == (expected if warned else [])


@pytest.mark.parametrize("total, warned", [("0.50", True), ("1.00", True), ("9999.99", True), ("10000.00", False),
                                           ("0", False)])
def test_under_ten_thousand_yuan_is_a_unit_warning(total, warned):
    data = base(金额单位="元")
    data["收入"][0]["收入合计"] = D(total)
    expected = [(f"收入!B2: 收入合计 {total} 元（不足 1 万元），金额单位是否应为“万元”？", W)]
    assert unit_problems(sheets=data) == (expected if warned else [])


def test_the_unit_warning_reads_the_summary_row_only():
    # BASE in 元: the summary says 300 (warned); the institutions' 200 and 100 are not looked at
    assert unit_problems(金额单位="元") == [("收入!B2: 收入合计 300.00 元（不足 1 万元），金额单位是否应为“万元”？", W)]
    data = base()
    data["收入"][1]["收入合计"] = D("1000000.00")  # an institution row in 万元: not the summary
    assert unit_problems(sheets=data) == []


def test_an_unreadable_income_sheet_gives_no_unit_warning():
    assert unit_problems({"收入"}, 金额单位="元") == []
    assert unit_problems({"支出和结余"}, 金额单位="元") == [
        ("收入!B2: 收入合计 300.00 元（不足 1 万元），金额单位是否应为“万元”？", W)]


def test_every_unit_problem_at_once_in_order():
    data = base(年度=2101, 人员编制=-2, 综合得分=D("101"), 金额单位="元")
    assert unit_problems(sheets=data) == [
        ("单位信息!B2: 年度应为四位年份（2000–2100），实际为 2101", E),
        ("单位信息!J2: 报告日期 2025-03-31 早于评价年度 2101", W),
        ("单位信息!G2: 人员编制不能为负数，实际为 -2", E),
        ("单位信息!L2: 综合得分应在 0–100 之间，实际为 101", E),
        ("收入!B2: 收入合计 300.00 元（不足 1 万元），金额单位是否应为“万元”？", W)]


def test_without_unit_information_nothing_is_judged():
    data = base(金额单位="元")
    del data["单位信息"]
    assert plausibility(data_of(data), {"单位信息"}) == []
