"""The shipped samples: the real errors of seed 002 are caught, everything else renders clean."""
import re
from decimal import Decimal as D

from conftest import SAMPLES
from docx_text import docx_text
from generator import load, render_docx
from generator.render.registry import template_info

TEN_PARTS = ["一、部门（单位）基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况",
             "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况", "六、部门整体支出绩效情况",
             "七、存在的问题及原因分析", "八、下一步改进措施", "九、绩效自评结果拟应用和公开情况", "十、其他需要说明的情况"]


def test_seed_002_real_errors_are_named_by_cell():
    loaded = load(SAMPLES / "002-xiangxi-2019.xlsx")
    places = {p.place: p.message for p in loaded.errors}
    assert "工资福利支出 9406684.00 ≠" in places["支出明细!D3"] and "= 9406684.09（相差 0.09）" in places["支出明细!D3"]
    assert "电子商务发展专项资金 2565423.00 ≠" in places["支出明细!D89"]
    assert "= 2465423.00（相差 100000.00）" in places["支出明细!D89"]
    assert "商品和服务支出 9108260.85 ≠" in places["支出明细!D93"] and "= 6004904.79" in places["支出明细!D93"]
    # the two totals above those items follow from the same errors; nothing else is reported
    assert set(places) == {"支出明细!D2", "支出明细!D3", "支出明细!D89", "支出明细!D92", "支出明细!D93"}


def test_consistent_samples_have_no_false_alarm():
    for name in ("002-xiangxi-2019-corrected.xlsx", "003-heshan-2024.xlsx"):
        assert load(SAMPLES / name).problems == [], name


def test_003_renders_the_ten_parts_in_order_and_the_attachments():
    text = docx_text(render_docx(load(SAMPLES / "003-heshan-2024.xlsx"), template_info("provincial")))
    headings = re.findall(r"^\[Heading 1\] (.*)$", text, flags=re.M)
    assert headings == TEN_PARTS
    for expected in ("[附件标题] 附件1", "[附件标题] 附件2", "评价组组长（签字）：", "部门（单位）负责人（签章）：",
                     "财政部门归口业务科室负责人（签章）：", "年　月　日", "  | 姓名 | 职务/职称 | 单位 | 签字 |",
                     "本单位2024年无国有资本经营预算支出。", "[落款] 益阳市赫山区商务局"):
        assert expected in text


def test_narrative_figures_are_the_table_figures():
    text = docx_text(render_docx(load(SAMPLES / "003-heshan-2024.xlsx"), template_info("provincial")))
    assert "2024年度部门决算收入为1166.98万元，支出为1166.98万元。其中基本支出717.79万元" in text
    summary_row = next(line for line in text.splitlines() if line.startswith("  | 局机关及二级机构汇总 | 1166.98 | 0.00"))
    assert "1166.98" in summary_row


def test_003_sangong_zero_in_both_years_scores_full_marks_by_the_hunan_rule():
    loaded = load(SAMPLES / "003-heshan-2024.xlsx")
    row = next(r for r in loaded.scores.sheet.rows if r.indicator == "三公经费变动率")
    assert row.score == row.points and "0/0" in row.basis
    assert loaded.scores.total == D("93.40")  # as before the invented prior-year 0.80 was removed
