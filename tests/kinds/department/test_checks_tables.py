"""The department checks on whole tables (issue 15, survivors of generator/kinds/department/checks.py):
row identities, summary rows, 支出明细 breakdowns, 经费控制's 其中 rows and its 三公经费 against the 三公经费
table. Each case is one of the hand-checked workbooks of builders (BASE in 万元, long_department() in 元,
SEED_002) with one figure changed; the expected messages are worked out by hand.

Most cases load each workbook once and change the figure on the loaded rows (what the reader would
have made of the changed cell), then run check_department; cases that add rows or move columns
write and load a workbook."""
import copy
import re
from decimal import Decimal as D

import builders
import openpyxl
import pytest
from generator import load
from generator.kinds.department.checks import check_department

A, B, C = builders.LONG_BODIES
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("books")
    made = {"base": builders.department(), "long": builders.long_department(),
            "seed": builders.department(**builders.SEED_002)}
    return {name: load(builders.write(folder / f"{name}.xlsx", data)).data for name, data in made.items()}


def checked(books, name, change=None, skip=()):
    """The errors of workbook `name` with `change` applied to its rows, sheets in `skip` unreadable."""
    data = copy.deepcopy(books[name])
    if change:
        change(data)
    return [str(p) for p in check_department(data, set(skip)) if p.is_error]


def setting(sheet, index, **figures):
    """A change: row `index` of `sheet` gets `figures`."""
    def change(data):
        row = getattr(data, sheet)[index]
        for field, value in figures.items():
            setattr(row, field, D(value) if isinstance(value, str) and NUMBER.fullmatch(value) else value)
    return change


def both(*changes):
    def change(data):
        for c in changes:
            c(data)
    return change


@pytest.mark.parametrize("name", ["base", "long", "seed"])
def test_the_hand_checked_workbooks_pass(books, name):
    assert checked(books, name) == []


# ------------------------------------------------------------------ row identities (rules 1, 2, 4)

@pytest.mark.parametrize("figure, expected", [
    # 三公经费合计 3.00 = 1.00 + 2.00 + 0 + 0: four terms in 万元, so up to 0.04 is rounding
    ("2.04", []),
    ("2.05", ["三公经费!B2: 三公经费合计 3.00 ≠ 公务接待费(C2) 1.00 + 公务用车运维费(D2) 2.05 + 公务用车购置费(E2) 0.00 + "
              "因公出国出境费(F2) 0.00 = 3.05（相差 0.05）"]),
])
def test_sangong_total_allows_a_cent_per_part_in_wanyuan(books, figure, expected):
    # 公务用车运维费 has no 经费控制 row (no 公车运行维护) in BASE, so only the row identity can fail
    assert checked(books, "base", setting("三公经费", 0, 公务用车运维费=figure)) == expected


@pytest.mark.parametrize("figure, expected", [
    # 支出合计 290.00 = 基本支出 190.00 + 项目支出 100.00; the summary row is also 本级 75 + 服务中心 25
    ("100.02", []),
    ("100.03", ["支出和结余!B2: 支出合计 290.00 ≠ 基本支出(C2) 190.00 + 项目支出(F2) 100.03 = 290.03（相差 0.03）",
                "支出和结余!F2: 项目支出汇总 100.03 ≠ 本级(F3) 75.00 + 服务中心(F4) 25.00 = 100.00（相差 0.03）"]),
])
def test_expense_total_allows_two_cents_over_its_two_parts(books, figure, expected):
    assert checked(books, "base", setting("支出和结余", 0, 项目支出=figure)) == expected


def test_in_yuan_a_part_one_cent_off_breaks_its_row_and_the_summary(books):
    # long: 口岸中心 基本支出 1,000,000.00 = 人员 800,000.00 + 公用 200,000.00; the summary's 人员支出
    # 6,300,000.00 = 5,000,000.00 + 800,000.00 + 500,000.00. In 元 there is no rounding slack.
    assert checked(books, "long", setting("支出和结余", 2, 人员支出="800000.01")) == [
        "支出和结余!C4: 基本支出 1000000.00 ≠ 人员支出(D4) 800000.01 + 公用支出(E4) 200000.00 = 1000000.01（相差 0.01）",
        f"支出和结余!D2: 人员支出汇总 6300000.00 ≠ {A}(D3) 5000000.00 + {B}(D4) 800000.01 + {C}(D5) 500000.00"
        " = 6300000.01（相差 0.01）"]


def test_in_yuan_the_sangong_total_must_add_up_to_the_cent(books):
    # long: 三公经费合计 123,456.78 = 公务接待费 23,456.78 + 公务用车运维费 100,000.00
    assert checked(books, "long", setting("三公经费", 0, 公务用车运维费="100000.01")) == [
        "三公经费!B2: 三公经费合计 123456.78 ≠ 公务接待费(C2) 23456.78 + 公务用车运维费(D2) 100000.01 + "
        "公务用车购置费(E2) 0.00 + 因公出国出境费(F2) 0.00 = 123456.79（相差 0.01）"]


ASSETS_WRONG = "固定资产!B2: 固定资产合计 80.00 ≠ 在用固定资产(C2) 70.00 + 出租固定资产(D2) 0.00 + 其他(E2) 11.00 = 81.00（相差 1.00）"


@pytest.mark.parametrize("skip, expected", [
    ((), [ASSETS_WRONG]),
    (("收入",), [ASSETS_WRONG]),      # an unreadable sheet before it does not stop the check of 固定资产
    (("三公经费",), [ASSETS_WRONG]),
    (("固定资产",), []),             # 固定资产 itself unreadable: not checked
])
def test_only_unreadable_sheets_are_left_unchecked(books, skip, expected):
    assert checked(books, "base", setting("固定资产", 0, 其他="11.00"), skip) == expected


# ------------------------------------------------------------------ summary rows (rule 5)

@pytest.mark.parametrize("name", ["合计", "汇总", "局机关及二级机构汇总", "本局合计"])
def test_a_summary_row_is_named_with_hui_zong_or_he_ji(books, name):
    assert checked(books, "base", setting("收入", 0, 机构名称=name)) == []


@pytest.mark.parametrize("sheet, rows", [("收入", "机构行数 3 与“收入”表的 2 行不一致"),
                                         ("支出和结余", "机构行数 2 与“收入”表的 3 行不一致")])
def test_a_table_without_its_summary_row_says_so_once(books, sheet, rows):
    # the clerk left out the summary row: the first row is 本级, and the figures of that table are not
    # compared column by column (there is no summary to compare them with); the balances say the
    # two tables no longer pair up
    def drop_summary(data):
        del getattr(data, sheet)[0]
    assert checked(books, "base", drop_summary) == [
        f"支出和结余: {rows}", f"{sheet}!A3: 第一行应为汇总行（机构名称含“汇总”或“合计”），实际为“本级”"]


def test_a_misnamed_summary_does_not_stop_the_other_tables(books):
    # 收入's first row is called 局机关; 支出和结余's summary moves 1.00 from 公用支出 to 人员支出
    # (基本支出 190 = 151 + 39 still), which its institutions (95 + 55, 25 + 15) do not
    got = checked(books, "base", both(setting("收入", 0, 机构名称="局机关"),
                                      setting("支出和结余", 0, 人员支出="151.00", 公用支出="39.00")))
    assert got == ["收入!A2: 第一行应为汇总行（机构名称含“汇总”或“合计”），实际为“局机关”",
                   "支出和结余!D2: 人员支出汇总 151.00 ≠ 本级(D3) 95.00 + 服务中心(D4) 55.00 = 150.00（相差 1.00）",
                   "支出和结余!E2: 公用支出汇总 39.00 ≠ 本级(E3) 25.00 + 服务中心(E4) 15.00 = 40.00（相差 1.00）"]


def test_an_unreadable_income_table_does_not_stop_the_summary_check_of_the_others(books):
    # as above, 支出和结余's summary moves 1.00 from 公用支出 to 人员支出; 收入 had an unreadable cell
    change = setting("支出和结余", 0, 人员支出="151.00", 公用支出="39.00")
    assert checked(books, "base", change, skip=("收入",)) == [
        "支出和结余!D2: 人员支出汇总 151.00 ≠ 本级(D3) 95.00 + 服务中心(D4) 55.00 = 150.00（相差 1.00）",
        "支出和结余!E2: 公用支出汇总 39.00 ≠ 本级(E3) 25.00 + 服务中心(E4) 15.00 = 40.00（相差 1.00）"]


@pytest.mark.parametrize("moved, expected", [
    # 10.00 of 政府基金拨款 is 本级 10.00 + 服务中心 0: two institutions, so 0.02 is rounding
    ("0.02", []),
    ("0.03", ["收入!D2: 公共财政拨款汇总 269.97 ≠ 本级(D3) 170.00 + 服务中心(D4) 100.00 = 270.00（相差 0.03）",
              "收入!E2: 政府基金拨款汇总 10.03 ≠ 本级(E3) 10.00 + 服务中心(E4) 0.00 = 10.00（相差 0.03）"]),
])
def test_summary_row_allows_a_cent_per_institution_in_wanyuan(books, moved, expected):
    # the summary's 收入合计 300 = 20 + (270 − x) + (10 + x) still holds: only rule 5 can fail
    change = setting("收入", 0, 公共财政拨款=str(D("270") - D(moved)), 政府基金拨款=str(D("10") + D(moved)))
    assert checked(books, "base", change) == expected


def test_summary_row_in_yuan_must_add_up_to_the_cent(books):
    # long: one cent moved in 粮食中心's row from 公共财政拨款 to 政府基金拨款 (its 收入合计 holds)
    change = setting("收入", 3, 公共财政拨款="599999.99", 政府基金拨款="0.01")
    assert checked(books, "long", change) == [
        f"收入!D2: 公共财政拨款汇总 10800000.00 ≠ {A}(D3) 9000000.00 + {B}(D4) 1200000.00 + {C}(D5) 599999.99"
        " = 10799999.99（相差 0.01）",
        f"收入!E2: 政府基金拨款汇总 300000.00 ≠ {A}(E3) 300000.00 + {B}(E4) 0.00 + {C}(E5) 0.01 = 300000.01（相差 0.01）"]


def test_last_years_total_is_compared_only_when_every_institution_gives_it(books):
    summary_only = setting("收入", 0, 上年收入合计="280.00")
    assert checked(books, "base", summary_only) == []
    everyone = both(summary_only, setting("收入", 1, 上年收入合计="190.00"), setting("收入", 2, 上年收入合计="80.00"))
    assert checked(books, "base", everyone) == [
        "收入!H2: 上年收入合计汇总 280.00 ≠ 本级(H3) 190.00 + 服务中心(H4) 80.00 = 270.00（相差 10.00）"]


def _rotate_columns(path, sheet):
    """Move a sheet's first column (机构名称) to the end, as a clerk may lay out the table."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    width = max(len(r) for r in rows)
    for r, values in enumerate(rows, 1):
        values = values + [None] * (width - len(values))
        for c, value in enumerate(values[1:] + values[:1], 1):
            ws.cell(r, c).value = value
    wb.save(path)
    return path


def test_the_summary_name_is_named_at_its_own_column_wherever_it_is(workbook):
    data = builders.department()
    data["收入"][0]["机构名称"] = "局机关"
    path = _rotate_columns(workbook(data), "收入")
    # 收入's eight columns with 机构名称 moved last: it is column H
    assert [str(p) for p in load(path).errors] == ["收入!H2: 第一行应为汇总行（机构名称含“汇总”或“合计”），实际为“局机关”"]


# ------------------------------------------------------------------ 支出明细 breakdowns (rule 6)

@pytest.mark.parametrize("figure, expected", [
    # 基本支出 190.00 万元 = 1,500,000.00 元 (150.00 万元, exact) + 40.00 万元: two terms, 0.02 of slack
    ("40.02", []),
    ("40.03", ["支出明细!D2: 基本支出 190.00 ≠ 一般公共服务支出(D3) 150.00 + 社会保障和就业支出(D4) 40.03 = 190.03（相差 0.03）"]),
])
def test_breakdown_in_wanyuan_allows_a_cent_per_item(books, figure, expected):
    assert checked(books, "base", setting("支出明细", 2, 金额=figure)) == expected


def test_breakdown_in_yuan_must_add_up_to_the_cent(books):
    # long: 基本支出 9,600,000.00 元 = 9,000,000.00 + 600,000.00
    assert checked(books, "long", setting("支出明细", 2, 金额="600000.01")) == [
        "支出明细!D2: 基本支出 9600000.00 ≠ 一般公共服务支出(D3) 9000000.00 + 社会保障和就业支出(D4) 600000.01"
        " = 9600000.01（相差 0.01）"]


def test_an_unreadable_breakdown_sheet_is_not_checked(books):
    wrong = setting("支出明细", 2, 金额="41.00")
    assert checked(books, "base", wrong) == [
        "支出明细!D2: 基本支出 190.00 ≠ 一般公共服务支出(D3) 150.00 + 社会保障和就业支出(D4) 41.00 = 191.00（相差 1.00）"]
    assert checked(books, "base", wrong, skip=("支出明细",)) == []


def test_seed_002_project_funds_that_do_not_add_up_are_named_level_by_level(workbook):
    # seed 002's real error: 电子商务发展专项资金 2,565,423.00 ≠ 660,000.00 + 1,805,423.00; its own parent
    # 项目支出 is right (2,565,423.00 + 434,577.00 = 3,000,000.00), so only the lower level is reported
    data = builders.long_department()
    data["支出明细"] = [
        {"分组": "项目支出", "项目": "项目支出", "金额": D("3000000.00"), "金额单位": "元"},
        {"分组": "项目支出", "项目": "电子商务发展专项资金", "上级项目": "项目支出", "金额": D("2565423.00"), "金额单位": "元"},
        {"分组": "项目支出", "项目": "其他项目", "上级项目": "项目支出", "金额": D("434577.00"), "金额单位": "元"},
        {"分组": "项目支出", "项目": "电商进农村", "上级项目": "电子商务发展专项资金", "金额": D("660000.00"), "金额单位": "元"},
        {"分组": "项目支出", "项目": "电商产业园", "上级项目": "电子商务发展专项资金", "金额": D("1805423.00"), "金额单位": "元"},
        # the same names in another group are neither duplicates nor parents of the rows above
        {"分组": "政府性基金预算支出", "项目": "项目支出", "金额": D("10.00"), "金额单位": "万元"},
        {"分组": "政府性基金预算支出", "项目": "其他项目", "上级项目": "电子商务发展专项资金", "金额": D("10.00"),
         "金额单位": "万元"},
    ]
    assert [str(p) for p in load(workbook(data)).errors] == [
        "支出明细!D3: 电子商务发展专项资金 2565423.00 ≠ 电商进农村(D5) 660000.00 + 电商产业园(D6) 1805423.00"
        " = 2465423.00（相差 100000.00）",
        "支出明细!C8: 上级项目“电子商务发展专项资金”不在分组“政府性基金预算支出”中"]


# ------------------------------------------------------------------ 经费控制: 其中 rows

@pytest.mark.parametrize("figure, expected", [
    # seed 002: 项目支出 1114 of which 业务工作专项 900 + 运行维护专项 214. 项目支出 only bounds its 其中
    # rows; in 万元 they may exceed it by 0.01 per row, here 0.02
    ("900.02", []),
    ("900.03", ["经费控制!H3: 项目支出本年决算数 1114.00 小于其中各项(H4、H5) 之和 1114.03"]),
])
def test_bounded_parts_in_wanyuan_may_exceed_by_a_cent_per_row(books, figure, expected):
    assert checked(books, "seed", setting("经费控制", 2, 本年决算数=figure)) == expected


@pytest.mark.parametrize("figure, expected", [
    ("900.00", []),  # the parts make up the parent exactly: within it
    ("899.99", []),
    ("900.01", ["经费控制!H3: 项目支出本年决算数 1114.00 小于其中各项(H4、H5) 之和 1114.01"]),
])
def test_bounded_parts_in_yuan_may_not_exceed_by_a_cent(books, figure, expected):
    # the same table with its 金额单位 set to 元: no rounding slack
    assert checked(books, "seed", both(in_yuan, setting("经费控制", 2, 本年决算数=figure))) == expected


def in_yuan(data):
    data.单位.金额单位 = "元"


def test_parts_declared_whole_must_make_up_the_parent(books):
    # seed 002 with 项目支出's 其中项合计 set to 等于本项: 上年 980 ≠ 300 + 650 (本年 320 = 120 + 200 and
    # 1114 = 900 + 214 hold)
    assert checked(books, "seed", setting("经费控制", 1, 其中项合计="等于本项")) == [
        "经费控制!C3: 项目支出上年决算数 980.00 ≠ 1、业务工作专项(C4) 300.00 + 2、运行维护专项(C5) 650.00 = 950.00"
        "（相差 30.00）；其中各项之和应等于本项"]


@pytest.mark.parametrize("rule, expected", [
    # BASE: 三公经费 上年 4.00; its parts 2.50 + 1.00 (公务接待 1.50 → 1.00) = 3.50
    (None, ["经费控制!C2: 三公经费上年决算数 4.00 ≠ 公务用车购置和维护经费(C3) 2.50 + 公务接待(C4) 1.00 = 3.50"
            "（相差 0.50）；其中各项之和应等于本项"]),  # 三公经费 is whole by default (53号)
    ("等于本项", ["经费控制!C2: 三公经费上年决算数 4.00 ≠ 公务用车购置和维护经费(C3) 2.50 + 公务接待(C4) 1.00 = 3.50"
               "（相差 0.50）；其中各项之和应等于本项"]),
    ("不超过本项", []),  # declared a bound only: 3.50 within 4.00
])
def test_sangong_parts_are_whole_unless_declared_a_bound(books, rule, expected):
    change = both(setting("经费控制", 0, 其中项合计=rule), setting("经费控制", 2, 上年决算数="1.00"))
    assert checked(books, "base", change) == expected


@pytest.mark.parametrize("off, expected", [
    # 三公经费 上年 4.00 = 2.50 + 1.50 and 本年预算 5.00 = 3.00 + 2.00; 公务接待 raised by `off` in both
    ("0.02", []),  # two parts in 万元: 0.02 is rounding
    ("0.03", ["经费控制!C2: 三公经费上年决算数 4.00 ≠ 公务用车购置和维护经费(C3) 2.50 + 公务接待(C4) 1.53 = 4.03"
              "（相差 0.03）；其中各项之和应等于本项",
              "经费控制!D2: 三公经费本年预算数 5.00 ≠ 公务用车购置和维护经费(D3) 3.00 + 公务接待(D4) 2.03 = 5.03"
              "（相差 0.03）；其中各项之和应等于本项"]),
])
def test_whole_parts_are_checked_in_every_column(books, off, expected):
    change = setting("经费控制", 2, 上年决算数=str(D("1.50") + D(off)), 本年预算数=str(D("2.00") + D(off)))
    assert checked(books, "base", change) == expected


@pytest.mark.parametrize("name, row", [("base", 0), ("base", 2), ("seed", 1), ("seed", 2)])
def test_a_column_given_on_only_one_side_is_not_summed(books, name, row):
    # 本年追加 given on the parent only (rows 0 of base, 1 of seed) or on one 其中 row only: nothing to
    # add up; with no 调整预算数 there is no budget sum either
    assert checked(books, name, setting("经费控制", row, 本年追加="1.00")) == []


# ------------------------------------------------------------------ 经费控制 三公经费 = the 三公经费 table

@pytest.mark.parametrize("figure, expected", [
    # BASE: 三公经费 本年决算数 3.00 = the table's 合计 3.00: one term in 万元, 0.01 of slack. (Its own
    # 其中 rows, 2.00 + 1.00, allow 0.02, so only the table comparison can fail.)
    ("3.01", []),
    ("3.02", ["经费控制!H2: 经费控制 三公经费本年决算数 3.02 ≠ 三公经费表 合计(三公经费!B2) 3.00 = 3.00（相差 0.02）"]),
])
def test_sangong_total_matches_the_table_within_a_cent_in_wanyuan(books, figure, expected):
    assert checked(books, "base", setting("经费控制", 0, 本年决算数=figure)) == expected


def test_sangong_total_matches_the_table_to_the_cent_in_yuan(books):
    # long: 经费控制 三公经费 本年决算数 123,456.78 = the table's 合计
    assert checked(books, "long", setting("经费控制", 0, 本年决算数="123456.79")) == [
        "经费控制!H2: 经费控制 三公经费本年决算数 123456.79 ≠ 三公经费表 合计(三公经费!B2) 123456.78 = 123456.78（相差 0.01）"]


@pytest.mark.parametrize("item, expected", [
    # BASE's 公务接待 row (本年决算数 1.00) given each 53号 name in turn; the table has 公务接待费 1.00,
    # 公务用车运维费 2.00, 公务用车购置费 0 and 因公出国出境费 0
    ("公务接待", []),
    ("3、公务接待", []),
    ("公车运行维护", ["经费控制!H4: 经费控制 公车运行维护本年决算数 1.00 ≠ 三公经费表 公务用车运维费(三公经费!D2) 2.00"
                " = 2.00（相差 1.00）"]),
    ("公车购置", ["经费控制!H4: 经费控制 公车购置本年决算数 1.00 ≠ 三公经费表 公务用车购置费(三公经费!E2) 0.00"
              " = 0.00（相差 1.00）"]),
    ("出国经费", ["经费控制!H4: 经费控制 出国经费本年决算数 1.00 ≠ 三公经费表 因公出国出境费(三公经费!F2) 0.00"
              " = 0.00（相差 1.00）"]),
    ("2、出国经费", ["经费控制!H4: 经费控制 出国经费本年决算数 1.00 ≠ 三公经费表 因公出国出境费(三公经费!F2) 0.00"
                " = 0.00（相差 1.00）"]),
])
def test_each_sangong_part_matches_its_column_of_the_table(books, item, expected):
    assert checked(books, "base", setting("经费控制", 2, 项目=item)) == expected
