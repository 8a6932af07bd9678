"""`genreport template check`: every problem of a template named with its place in Word."""
from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from generator.errors import Severity
from generator.pdf.fonts import FONT_MAP
from generator.render.check import check_template
from generator.render.registry import from_path, registry
from template_kit import copy_of, edited, invoke


def problems_of(path):
    return [str(p) for p in check_template(from_path(path), FONT_MAP)]


@pytest.mark.parametrize("name", list(registry()))
def test_every_builtin_and_its_blocks_pass(name):
    assert check_template(registry()[name], FONT_MAP) == []
    assert invoke("template", "check", name).exit_code == 0


def test_unknown_field_and_unclosed_if_are_both_named_with_their_place(tmp_path):
    bad = edited(copy_of(tmp_path), add=("单位：{{ 单位.单位名城 }}", "{% if 年度 %}只在有年度时"))
    result = invoke("template", "check", bad)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    field = next(line for line in lines if "单位名城" in line)
    unclosed = next(line for line in lines if "没有结束" in line)
    assert re.match(r"错误 正文 第 \d+ 段“单位：\{\{ 单位\.单位名城 \}\}”: 没有字段“单位\.单位名城”；是不是“单位名称”？", field)
    assert re.match(r"错误 正文 第 \d+ 段“\{% if 年度 %\}只在有年度时”: \{% if 年度 %\} 没有结束：缺少 \{% endif %\}",
                    unclosed)
    assert "共 2 个错误，0 个警告" in result.output


def test_loop_variables_are_checked_against_the_rows_they_iterate(tmp_path):
    bad = edited(copy_of(tmp_path), add=("{% for r in 收入表 %}{{ r.收入合计 }}{{ r.收入和计 }}{% endfor %}",
                                         "{{ 明细['任何分组'].金额 }}{{ 明细['任何分组'].金頟 }}",
                                         "{{ 年度|cnn }}{{ 没有的字段 }}"))
    found = problems_of(bad)
    assert len(found) == 4, found
    assert any("没有字段“r.收入和计”；是不是“收入合计”？" in p for p in found)
    assert any("没有字段“明细['任何分组'].金頟”；是不是“金额”？" in p for p in found)  # any 分组 is a key
    assert any("没有过滤器“cnn”；是不是“cn”？" in p for p in found)
    assert any("没有字段“没有的字段”" in p for p in found)


def test_text_parts_not_filled_in_the_sample_are_fields_too(tmp_path):
    ok = edited(copy_of(tmp_path), add=("{% for x in 文字.年度总体运行情况 %}{{ x }}{% endfor %}",))
    assert problems_of(ok) == []
    project = copy_of(tmp_path, "project", "p.docx")
    assert problems_of(edited(project, add=("{{ 单位.单位名称 }}",))) != []  # a project context has no 单位


def test_tags_left_open_stray_ends_and_full_width_braces(tmp_path):
    bad = edited(copy_of(tmp_path), add=("{{ 单位名称 ", "{% endfor %}", "｛｛ 单位名称 ｝｝"))
    found = problems_of(bad)
    assert any("“{{ 单位名称 ”: 标签没有在本段结束" in p for p in found)
    assert any("多余的 {% endfor %}" in p for p in found)
    assert any("全角" in p for p in found)


def test_a_tag_split_in_a_way_docxtpl_cannot_mend_is_named(tmp_path):
    """`{{ 单位` in the text and `名称 }}` in a field code: the tag keeps Word's markup inside."""
    path = copy_of(tmp_path)
    doc = Document(path)
    p = doc.paragraphs[0]
    p.runs[0].text = "{{ 单位"
    run = p.add_run()
    instr = run._r.makeelement(qn("w:instrText"), {})
    instr.text = "名称 }}"
    run._r.append(instr)
    doc.save(path)
    found = problems_of(path)
    assert any(p.startswith("正文 第 1 段“{{ 单位”") for p in found), found


def fonts_changed(path, font: str, theme: bool = False):
    doc = Document(path)
    rfonts = doc.paragraphs[0].runs[0]._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), font)
    if theme:
        rfonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")
    doc.save(path)
    return path


def test_fonts_outside_the_mapping_and_theme_fonts_are_errors(tmp_path):
    found = problems_of(fonts_changed(copy_of(tmp_path), "微软雅黑", theme=True))
    assert any("映射之外的字体：微软雅黑" in p for p in found)
    assert any("主题字体" in p and "minorEastAsia" in p for p in found)


def test_page_off_gb_t_9704_is_a_warning(tmp_path):
    path = copy_of(tmp_path)
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            if info.filename == "word/document.xml":
                data = re.sub(rb'(<w:pgMar [^>]*w:left=")\d+', rb"\g<1>1800", data)
            z.writestr(info, data)
    found = check_template(from_path(path), FONT_MAP)
    assert [(p.severity, p.message) for p in found] == [(Severity.WARNING, "页边距不符合 GB/T 9704：左 32 mm（应为 28 mm）")]
    result = invoke("template", "check", path)
    assert result.exit_code == 0 and "警告" in result.output


def test_rendering_a_broken_template_fails_with_its_place_never_a_traceback(workbook, tmp_path):
    unclosed = edited(copy_of(tmp_path), add=("{% if 年度 %}只在有年度时",))
    result = invoke(workbook(), "-t", unclosed, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "正文 第" in result.output and "{% if 年度 %} 没有结束" in result.output
    unknown = edited(copy_of(tmp_path, name="u.docx"), add=("单位：{{ 单位.单位名城 }}",))
    result = invoke(workbook(), "-t", unknown, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert re.search(r"正文 第 \d+ 段“单位：\{\{ 单位\.单位名城 \}\}”：使用了没有的数据", result.output), result.output
    batch = invoke("batch", workbook(), "-t", unknown, "-o", tmp_path / "batch")
    assert batch.exit_code == 1 and "单位名城" in batch.output and "Traceback" not in batch.output
    stopped = invoke("batch", workbook(), "-t", unclosed, "-o", tmp_path / "batch2")  # before any unit
    assert stopped.exit_code == 1 and "{% if 年度 %} 没有结束" in stopped.output
    assert not (tmp_path / "batch2").exists()


def damaged(tmp_path, name, change):
    """A copy of a template with one part changed (`change(part, data)` -> new data, or None to drop it)."""
    source = copy_of(tmp_path, name="source.docx")
    with zipfile.ZipFile(source) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for part, data in entries:
            data = change(part, data)
            if data is not None:
                z.writestr(part, data)
    return path


@pytest.mark.parametrize("name,change", [
    ("no-body.docx", lambda part, data: None if part == "word/document.xml" else data),
    ("bad-xml.docx", lambda part, data: data.replace(b"</w:body>", b"<w:p></w:body>") if part == "word/document.xml"
     else data),
    ("not-utf8.docx", lambda part, data: data.replace("职能职责".encode(), b"{{ x }}\xff") if part == "word/document.xml"
     else data),
    ("bad-properties.docx", lambda part, data: b"<Properties" if part == "docProps/custom.xml" else data),
])
def test_a_damaged_template_is_a_message_never_a_crash(workbook, tmp_path, name, change):
    path = damaged(tmp_path, name, change)
    for args in (("template", "check", path), (workbook(), "-t", path, "-o", tmp_path / "out"),
                 ("template", "new", tmp_path / f"copy-{name}", "--from", path)):
        result = invoke(*args)
        assert "内部错误" not in result.output and "Traceback" not in result.output, (args, result.output)
    assert invoke("template", "check", path).exit_code in (1, 2)
    assert invoke(workbook(), "-t", path, "-o", tmp_path / "out").exit_code in (1, 2)
    assert not (tmp_path / "out").exists()
