"""Rendering: byte-identical output, escaping, missing data as errors, atomic writes."""
import io
import zipfile

import builders
import pytest
from docx_text import docx_text
from generator import generate, load, render_docx
from generator.errors import OutputExists, TemplateError
from generator.render.docx import CompiledTemplate
from generator.render.registry import TEMPLATES_DIR, template_info


def test_same_input_gives_byte_identical_docx(workbook, tmp_path):
    path = workbook()
    first = render_docx(load(path), template_info("provincial"))
    second = render_docx(load(path), template_info("provincial"))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "测试县商务局2024年度部门整体支出绩效自评报告" in core
    assert "2020-01-01T00:00:00Z" in core


def test_special_characters_come_out_exactly(workbook):
    data = builders.department()
    data["单位信息"][0]["单位名称"] = "A & B <c> \"引号\" 'x'"
    data["职能职责"][0]["职责"] = "{{ 单位名称 }} {% if %} 不是模板"
    data["文字"][0]["内容"] = "第一段 <w:p> & 符号\n第二段"
    text = docx_text(render_docx(load(workbook(data)), template_info("provincial")))
    assert "[报告标题] A & B <c> \"引号\" 'x'" in text
    assert "[Normal] 1.{{ 单位名称 }} {% if %} 不是模板" in text
    assert "[Normal] 第一段 <w:p> & 符号\n[Normal] 第二段" in text


def test_missing_variable_is_an_error_not_a_blank(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("{{ 没有这个变量 }}")
    path = tmp_path / "t.docx"
    doc.save(path)
    with pytest.raises(TemplateError, match="没有这个变量"):
        CompiledTemplate(path).render({})


def test_refuses_to_overwrite_without_force_and_leaves_no_temp_files(workbook, tmp_path):
    out = tmp_path / "out"
    first = generate(workbook(), "provincial", out)
    stamp = first.stat().st_mtime_ns
    with pytest.raises(OutputExists):
        generate(workbook(), "provincial", out)
    assert first.stat().st_mtime_ns == stamp
    again = generate(workbook(), "provincial", out, force=True)
    assert again == first
    assert [p.name for p in out.iterdir()] == [first.name]


def test_failed_render_writes_nothing(workbook, tmp_path, monkeypatch):
    def boom(self, context):
        raise TemplateError("模拟失败")

    monkeypatch.setattr(CompiledTemplate, "render", boom)
    out = tmp_path / "out"
    with pytest.raises(TemplateError):
        generate(workbook(), "provincial", out)
    assert not out.exists() or list(out.iterdir()) == []
