"""Each template's outline is its seed's: the parts in the seed's order, numbered 一、 （一） 1.

The expected outlines are copied by hand from the seed texts (the five published Hunan reports the project started from), not from the
templates. Where a seed's numbering is broken (「1、」 beside 「三、」) the right number is written;
other differences from the seed are noted beside the line. Also here: the samples these outlines
are rendered from load as they should (seed 001's real error named by its cell).
"""
import re

import pytest
from conftest import SAMPLES
from docx_text import docx_headings, docx_lines
from generator import load, render_docx
from generator.formatting import cn_number
from generator.pipeline import check_for_template
from generator.render.registry import registry, template_info

# seed 002 (湘西州 2019), the narrative after the form; the seed's 「1、部门（单位）概况」 is 一、 and
# its 「二、主要做法和经验」 inside 三 is （二）, under an added （一） for the text before it.
PREFECTURE = [
    # the form's parts, real headings so that Word's navigation pane shows them (issue 10)
    (1, "一、部门（单位）基本概况"),
    (1, "二、部门（单位）收支情况"),
    (1, "三、部门（单位）整体支出绩效自评情况"),
    (1, "四、评价人员"),
    # the report, numbered afresh under its own title
    (1, "一、部门（单位）概况"),
    (2, "（一）部门（单位）基本情况，部门职责概述"),
    (2, "（二）部门（单位）整体支出规模、使用方向和主要内容"),
    (1, "二、一般公共预算支出情况"),
    (2, "（一）基本支出情况"),
    (2, "（二）项目支出情况"),
    (1, "三、部门整体支出绩效情况"),
    (2, "（一）总体运行情况及取得的成绩"),  # not a heading in the seed
    (2, "（二）主要做法和经验"),
    (1, "四、存在的主要问题及下一步改进措施"),
    (1, "五、绩效自评结果拟应用和公开情况"),
]
# seed 000 (天心区 2020): 「1、 部门、单位基本情况」「2、」「（1）（2）」「5、」 renumbered
DISTRICT = [
    (1, "一、部门（单位）基本情况"),
    (1, "二、一般公共预算支出情况"),
    (2, "（一）基本支出情况"),
    (2, "（二）项目支出情况"),
    (1, "三、部门整体支出绩效情况"),
    (2, "（一）绩效目标设置情况"),
    (2, "（二）绩效目标完成情况"),
    (1, "四、存在的主要问题及下一步改进措施"),
    (1, "五、绩效自评结果拟应用和公开情况"),
]
# seed 001 (岳麓区 2020): its 「“三公”经费支出情况。」 paragraph and unnumbered 「专项支出」 become （二） and （三）
EVALUATION = [
    (1, "一、部门（单位）概况"),
    (2, "（一）部门（单位）基本情况"),
    (2, "（二）部门（单位）整体支出规模、使用方向和主要内容、涉及范围等"),
    (1, "二、部门（单位）整体支出管理及使用情况"),
    (2, "（一）基本支出"),
    (2, "（二）“三公”经费支出情况"),
    (2, "（三）专项支出"),
    (3, "1.项目支出安排落实、总投入等情况分析"),
    (3, "2.项目支出实际使用情况分析"),
    (3, "3.项目支出管理情况分析"),
    (1, "三、部门（单位）专项组织实施情况"),
    (2, "（一）专项组织情况分析"),
    (2, "（二）专项管理情况分析"),
    (1, "四、部门（单位）整体支出绩效情况"),
    (1, "五、存在的主要问题及原因分析"),
    (1, "六、下一步改进措施和有关建议"),
]
# seed 004 (芙蓉区 2021); the form's bracketed guidance (「（包括财政资金、自筹资金等）」) is left out
PROJECT = [
    (1, "一、项目概况"),
    (2, "（一）项目单位基本情况"),
    (2, "（二）项目年度预算绩效目标、绩效指标设定情况"),
    (1, "二、项目资金使用及管理情况"),
    (2, "（一）项目资金安排落实、总投入等情况分析"),
    (2, "（二）项目资金实际使用情况分析"),
    (2, "（三）项目资金管理情况分析"),
    (1, "三、项目组织实施情况"),
    (2, "（一）项目组织情况分析"),
    (2, "（二）项目管理情况分析"),
    (1, "四、项目绩效情况"),
    (2, "（一）财政支出决策情况"),
    (2, "（二）财政支出过程情况"),
    (2, "（三）财政支出产出情况"),
    (2, "（四）财政支出效益情况"),
    (2, "（五）自评结论"),  # not in the seed: the scores of the 自评表
    (1, "五、主要经验做法、存在的问题及原因分析"),
    (1, "六、有关建议"),
    (1, "七、其他需要说明的问题"),
]
# seed 003 (赫山区 2024): 「1、」「4、」「5、」「8、」「9、」 renumbered
PROVINCIAL = [
    (1, "一、部门（单位）基本情况"),
    (2, "（一）职能职责"),
    (2, "（二）机构设置"),
    (2, "（三）部门整体支出概况"),
    (2, "（四）部门整体支出绩效目标"),
    (2, "（五）部门整体支出情况分析"),
    (1, "二、一般公共预算支出情况"),
    (2, "（一）基本支出情况"),
    (2, "（二）项目支出情况"),
    (1, "三、政府性基金预算支出情况"),
    (1, "四、国有资本经营预算支出情况"),
    (1, "五、社会保险基金预算支出情况"),
    (1, "六、部门整体支出绩效情况"),
    (2, "（一）绩效评价目的"),
    (2, "（二）绩效评价工作过程"),
    (2, "（三）主要绩效及评价结论"),
    (3, "1.经济性分析"),
    (3, "2.效率性分析"),
    (3, "3.效益性分析"),
    (3, "4.评价结论"),  # not in the seed: the score of the 自评表
    (1, "七、存在的问题及原因分析"),
    (1, "八、下一步改进措施"),
    (1, "九、绩效自评结果拟应用和公开情况"),
    (1, "十、其他需要说明的情况"),
]

OUTLINES = {
    "prefecture": ("002-xiangxi-2019-corrected.xlsx", PREFECTURE),
    "district": ("000-tianxin-2020.xlsx", DISTRICT),
    "evaluation": ("001-yuelu-2020-corrected.xlsx", EVALUATION),
    "project": ("004-furong-2021.xlsx", PROJECT),
    "provincial": ("003-heshan-2024.xlsx", PROVINCIAL),
}
CN = {cn_number(i): i for i in range(1, 100)}
NUMBER = {1: r"^([一二三四五六七八九十]+)、", 2: r"^（([一二三四五六七八九十]+)）", 3: r"^(\d+)\."}


def rendered(template: str) -> bytes:
    sample, _ = OUTLINES[template]
    return render_docx(load(SAMPLES / sample), template_info(template))


def test_every_template_has_a_seed_outline():
    assert set(OUTLINES) == set(registry())


@pytest.mark.parametrize("template", OUTLINES)
def test_outline_is_the_seeds(template):
    assert docx_headings(rendered(template)) == OUTLINES[template][1]


@pytest.mark.parametrize("template", OUTLINES)
def test_numbering_counts_from_one_under_each_parent(template):
    """Counted afresh under each 报告标题 (prefecture's form, then its report)."""
    counters = {}
    for line in docx_lines(rendered(template)):
        if line.startswith("[报告标题]"):
            counters = {}
        heading = re.match(r"\[Heading (\d)\] (.*)", line)
        if not heading:
            continue
        level, text = int(heading.group(1)), heading.group(2)
        m = re.match(NUMBER[level], text)
        assert m, text
        n = int(m.group(1)) if level == 3 else CN[m.group(1)]
        counters = {k: v for k, v in counters.items() if k < level} | {level: counters.get(level, 0) + 1}
        assert n == counters[level], text


def test_prefecture_opens_with_the_form_then_the_report_with_its_foot():
    lines = docx_lines(rendered("prefecture"))
    title = lines.index("[报告标题] 整体支出绩效评价报告")
    labels = [line for line in lines[:title] if line.startswith("[Heading 1]")]
    assert labels == ["[Heading 1] 一、部门（单位）基本概况", "[Heading 1] 二、部门（单位）收支情况",
                      "[Heading 1] 三、部门（单位）整体支出绩效自评情况", "[Heading 1] 四、评价人员"]
    assert any("财政部门归口业务科室负责人（签章）" in line for line in lines[:title])
    # the tables in the workbook's 万元, as the seed's; the narrative in 元
    assert "  | 局机关及二级机构汇总 | 3867.00 | 860.00 | 2899.00 | 0.00 | 0.00 | 108.00 |" in lines
    assert lines[-4:] == ["[Normal] 附：1.基础数据表", "[Normal] 　　2.绩效评价指标表",
                          "[落款] 湘西土家族苗族自治州商务局", "[落款] 2020年6月22日"]
    assert "[Normal] 2019年本部门整体支出数31,859,312.45元，其中基本支出20,716,797.66元" in "\n".join(lines)


def test_seed_001_real_error_is_named_by_cell():
    loaded = load(SAMPLES / "001-yuelu-2020.xlsx")
    assert [(p.place, p.message) for p in loaded.errors] == [(
        "支出明细!D2",
        "支出总计 7038.47 ≠ 一般公共服务支出(D3) 2083.40 + 科学技术支出(D4) 1790.00 + 商业服务业等支出(D5) 2628.92"
        " + 卫生健康支出(D6) 26.14 + 社会保障与就业支出(D7) 19.76 = 6548.22（相差 490.25）")]


@pytest.mark.parametrize("sample", ["000-tianxin-2020.xlsx", "001-yuelu-2020-corrected.xlsx"])
def test_new_samples_load_clean(sample):
    assert load(SAMPLES / sample).problems == []


@pytest.mark.parametrize("template", ["prefecture", "district", "evaluation"])
def test_a_project_workbook_is_refused_plainly(template):
    problems = check_for_template(load(SAMPLES / "004-furong-2021.xlsx"), template_info(template))
    assert [p.message for p in problems] == [
        f"模板“{template}”需要部门整体支出工作簿，这是项目支出工作簿（用 genreport init --kind department 生成）"]
