"""Reading rows as offices fill them: 指标值/完成值 in every form on both kinds, percent cells, merged
group cells, hidden and copied sheets, a title row above the header, typed numbers."""
from decimal import Decimal as D

import builders
from generator import load
from generator.errors import Severity
from xlsx_kit import department, edit, project, raw_value, rewrite, set_cell, write


def problems_at(loaded, place: str) -> list[str]:
    return [p.message for p in loaded.problems if p.place == place]


def indicator(loaded, name: str, row_index: int):
    return loaded.data.绩效指标[row_index] if name == "department" else loaded.data.指标[row_index]


# ---------------------------------------------------------------- 指标值 / 完成值 (department 绩效指标: H, I, J=度量单位)


def test_department_accepts_relation_and_percent_in_the_target(tmp_path):
    content = set_cell(department(), "绩效指标", "H5", "≥92%")
    content = set_cell(content, "绩效指标", "I5", "97%")
    loaded = load(write(tmp_path, content))
    row = loaded.data.绩效指标[3]
    assert (row.指标值, row.完成值, row.指标性质, row.度量单位) == (D(92), D(97), "≥", "%")
    assert loaded.errors == []


def test_a_percent_formatted_actual_is_its_percentage(tmp_path):
    content = set_cell(department(), "绩效指标", "I5", 0.97, "0%")
    loaded = load(write(tmp_path, content))
    assert loaded.data.绩效指标[3].完成值 == D(97) and loaded.warnings == []


def test_a_relation_in_the_target_fills_a_blank_nature(tmp_path):
    data = builders.department()
    data["绩效指标"][1]["指标性质"] = None
    data["绩效指标"][1]["度量单位"] = None
    content = set_cell(department(data), "绩效指标", "H3", "≤10")
    row = load(write(tmp_path, content)).data.绩效指标[1]
    assert (row.指标性质, row.指标值, row.度量单位) == ("≤", D(10), None)


def test_a_relation_that_contradicts_the_nature_is_an_error_at_the_target(tmp_path):
    loaded = load(write(tmp_path, set_cell(department(), "绩效指标", "H5", "≤95%")))
    assert problems_at(loaded, "绩效指标!H5") == ["指标值写的是“≤95”，与指标性质“≥”不一致"]


def test_a_percent_against_another_unit_is_an_error_at_the_figure(tmp_path):
    loaded = load(write(tmp_path, set_cell(department(), "绩效指标", "I3", "12%")))  # 度量单位 of row 3 is 亿元
    assert any("是百分数（12%），但度量单位是“亿元”" in m for m in problems_at(loaded, "绩效指标!I3"))


def test_words_in_a_department_figure_are_refused_with_the_forms_accepted(tmp_path):
    loaded = load(write(tmp_path, set_cell(department(), "绩效指标", "H5", "九十五")))
    assert problems_at(loaded, "绩效指标!H5") == ["应为数字（如 95、95%、≥95%），实际为“九十五”"]


def test_an_actual_about_a_hundredth_of_its_target_is_a_warning_at_the_actual(tmp_path):
    # 指标值 95 (%), 完成值 0.96 typed into a plain cell: 95 / 0.96 ≈ 99 times
    loaded = load(write(tmp_path, set_cell(department(), "绩效指标", "I5", 0.96)))
    [warning] = [p for p in loaded.warnings if p.place == "绩效指标!I5"]
    assert "完成值 0.96 与指标值 95 相差约 100 倍" in warning.message and warning.severity is Severity.WARNING
    assert loaded.errors == []


def test_figures_near_each_other_or_far_apart_for_other_reasons_are_not_warned(tmp_path):
    # 指标值 10 亿元 vs 完成值 12: ratio 1.2; 指标值 3 vs 完成值 400: ratio 133 but neither is a fraction
    content = set_cell(department(), "绩效指标", "H3", 3)
    content = set_cell(content, "绩效指标", "I3", 400)
    loaded = load(write(tmp_path, content))
    assert [p for p in loaded.problems if "100 倍" in p.message] == []


# ---------------------------------------------------------------- project 绩效指标: E 指标性质, F 指标值, G 度量单位, H 实际完成值


def test_project_reads_the_same_forms(tmp_path):
    content = set_cell(project(), "绩效指标", "F8", "≥90%")  # 客商满意度: ≥ 90 %, actual 95
    content = set_cell(content, "绩效指标", "H8", 0.95, "0.00%")
    loaded = load(write(tmp_path, content))
    row = loaded.data.指标[6]
    assert (row.指标值, row.实际完成值, row.度量单位) == ("90", "95", "%")
    assert loaded.errors == []
    score = loaded.scores.projects[row.项目名称].indicators[6]
    assert score.computed == D(10)  # 95 ≥ 90: full marks of 10


def test_project_percent_without_a_unit_fills_the_unit(tmp_path):
    def change(wb):
        wb["绩效指标"]["G8"] = None
        wb["绩效指标"]["F8"] = "90%"
        wb["绩效指标"]["H8"] = "88%"
    loaded = load(write(tmp_path, edit(project(), change)))
    row = loaded.data.指标[6]
    assert (row.指标值, row.实际完成值, row.度量单位) == ("90", "88", "%")
    # ≥: 88 / 90 × 10 = 9.777… → 9.78
    assert loaded.scores.projects[row.项目名称].indicators[6].computed == D("9.78")


def test_project_refuses_a_misplaced_comma_and_keeps_qualitative_words(tmp_path):
    content = set_cell(project(), "绩效指标", "H3", "6,1")
    loaded = load(write(tmp_path, content))
    assert any("千位分隔符应每三位一组" in m for m in problems_at(loaded, "绩效指标!H3"))
    assert load(write(tmp_path, project(), "ok.xlsx")).data.指标[5].指标值 == "有效提升"


def test_project_relation_against_the_nature_is_an_error(tmp_path):
    loaded = load(write(tmp_path, set_cell(project(), "绩效指标", "F2", "≤10")))
    assert problems_at(loaded, "绩效指标!F2") == ["指标值写的是“≤10”，与指标性质“≥”不一致"]


# ---------------------------------------------------------------- merged group cells


def test_vertically_merged_groups_give_every_row_its_group(tmp_path):
    def change(wb):
        ws = wb["绩效指标"]
        ws["B4"] = None
        ws.merge_cells("B3:B4")  # 产出目标 over 指标1 and 指标2
    loaded = load(write(tmp_path, edit(department(), change)))
    assert [r.一级指标 for r in loaded.data.绩效指标] == [None, "产出目标", "产出目标", "满意度"]
    assert loaded.errors == []


# ---------------------------------------------------------------- hidden and copied sheets


def with_text_copy(content: bytes, hide_original: bool, copy_name: str = "文字 (2)", words: str = "新的说明") -> bytes:
    def change(wb):
        copy = wb.copy_worksheet(wb["文字"])
        copy.title = copy_name
        copy["B2"] = words
        if hide_original:
            wb["文字"].sheet_state = "hidden"
    return edit(content, change)


def test_a_visible_copy_beats_a_hidden_original_and_says_so(tmp_path):
    loaded = load(write(tmp_path, with_text_copy(department(), hide_original=True)))
    assert loaded.data.文字[0].内容 == "新的说明"
    assert loaded.data.文字[0].cell("内容") == "文字 (2)!B2"
    [said] = [p for p in loaded.problems if p.sheet == "文字 (2)"]
    assert said.severity is Severity.WARNING and "隐藏的工作表“文字”未读取" in said.message


def test_a_full_width_bracket_copy_is_a_copy_too(tmp_path):
    loaded = load(write(tmp_path, with_text_copy(department(), True, "文字（2）")))
    assert loaded.data.文字[0].内容 == "新的说明"


def test_a_visible_original_is_read_and_the_copy_named_as_unread(tmp_path):
    loaded = load(write(tmp_path, with_text_copy(department(), hide_original=False)))
    assert loaded.data.文字[0].内容 != "新的说明"
    assert [str(p) for p in loaded.problems] == ["文字 (2): 是“文字”的副本，未读取；读取的是“文字”"]


def test_a_hidden_sheet_used_is_a_warning_naming_it(tmp_path):
    content = edit(department(), lambda wb: setattr(wb["评价人员"], "sheet_state", "hidden"))
    loaded = load(write(tmp_path, content))
    assert [p.sheet for p in loaded.warnings] == ["评价人员"] and "隐藏的工作表" in loaded.warnings[0].message
    assert len(loaded.data.评价人员) == 2


def test_two_visible_copies_of_a_hidden_sheet_are_an_error(tmp_path):
    content = with_text_copy(with_text_copy(department(), True), True, "文字 (3)")
    loaded = load(write(tmp_path, content))
    assert any("有多个可见的副本（“文字 (2)”、“文字 (3)”）" in p.message for p in loaded.errors)


# ---------------------------------------------------------------- header on row 1


def test_a_title_row_above_the_header_is_named_with_where_the_header_is(tmp_path):
    def change(wb):
        wb["收入"].insert_rows(1, 2)
        wb["收入"]["A1"] = "2024年度收入情况表"
    loaded = load(write(tmp_path, edit(department(), change)))
    assert problems_at(loaded, "收入!A1") == [
        "表头必须在第 1 行，实际第 1 行是“2024年度收入情况表”；第 3 行看起来是表头，请删除其上方的 2 行（标题写在报告里，不写在数据表中）"]
    assert not any("未知的列" in p.message for p in loaded.problems)


# ---------------------------------------------------------------- numbers as typed


def test_typed_numbers_full_width_grouped_and_minus_zero(tmp_path):
    content = set_cell(department(), "收入", "D3", "１７０．００")  # 本级 公共财政拨款
    content = set_cell(content, "收入", "F3", "-0")  # 纳入专户管理的非税收入拨款
    loaded = load(write(tmp_path, content))
    assert loaded.errors == []
    assert loaded.data.收入[1].公共财政拨款 == D("170.00") and str(loaded.data.收入[1].纳入专户管理的非税收入拨款) == "0"


def test_a_comma_not_grouping_thousands_is_an_error_at_its_cell(tmp_path):
    loaded = load(write(tmp_path, set_cell(department(), "收入", "C3", "2,0")))
    assert problems_at(loaded, "收入!C3") == ["数字“2,0”中的逗号位置不对：千位分隔符应每三位一组（如 1,500,000.00），小数点请用“.”"]


def test_a_number_past_the_limit_is_refused_at_its_cell_and_nothing_crashes(tmp_path):
    content = raw_value(department(), "收入", "C3", "1.2345678901234568E+30")
    content = raw_value(content, "绩效指标", "I3", "123456789012345678901234567890")
    loaded = load(write(tmp_path, content))
    assert any("超出可处理的范围" in m for m in problems_at(loaded, "收入!C3"))
    assert any("超出可处理的范围" in m for m in problems_at(loaded, "绩效指标!I3"))


def test_text_word_cannot_hold_is_an_error_at_its_cell(tmp_path):
    data = builders.department()
    data["职能职责"][1]["职责"] = "负责MARK招商"
    content = rewrite(department(data), lambda d: d.replace(b"MARK", b"_xFFFE_"))
    loaded = load(write(tmp_path, content))
    assert problems_at(loaded, "职能职责!A3") == ["含有非字符 U+FFFE（第 3 个字符），Word 文档无法容纳，请删除后重试"]


def test_a_merged_title_row_is_named_once(tmp_path):
    def change(wb):
        ws = wb["收入"]
        ws.insert_rows(1)
        ws["A1"] = "收入情况表"
        ws.merge_cells("A1:G1")
    loaded = load(write(tmp_path, edit(department(), change)))
    [message] = problems_at(loaded, "收入!A1")
    assert message.startswith("表头必须在第 1 行，实际第 1 行是“收入情况表”；第 2 行看起来是表头")


def test_a_stored_minus_zero_prints_as_zero_in_the_report(tmp_path):
    from docx_text import docx_text
    from generator.pipeline import render_docx
    from generator.render.registry import template_info
    data = builders.department()
    for row in data["收入"]:
        row["其他收入"] = "MINUSZERO"
    content = rewrite(department(data), lambda d: d.replace(b"<is><t>MINUSZERO</t></is>", b"<v>-0.00</v>")
                      .replace(b't="inlineStr"><v>-0.00', b't="n"><v>-0.00'))
    loaded = load(write(tmp_path, content))
    assert loaded.errors == [] and str(loaded.data.收入[0].其他收入) == "0"
    text = docx_text(render_docx(loaded, template_info("provincial")))
    assert "-0.00" not in text and "−0.00" not in text


def test_project_actual_a_hundredth_of_its_target_is_a_warning(tmp_path):
    # 客商满意度: 指标值 90 (%), 实际完成值 0.93 typed into a plain cell: 90 / 0.93 ≈ 97 times
    loaded = load(write(tmp_path, set_cell(project(), "绩效指标", "H8", 0.93)))
    assert [p.severity for p in loaded.problems if p.place == "绩效指标!H8"] == [Severity.WARNING]
    assert "实际完成值 0.93 与指标值 90 相差约 100 倍" in problems_at(loaded, "绩效指标!H8")[0]
