"""Templates run in Jinja's immutable sandbox: a template passed between offices cannot reach Python."""
from __future__ import annotations

import pytest
from docx import Document
from docx_text import docx_text
from generator import load, render_docx
from generator.errors import TemplateError
from generator.render.registry import from_path
from template_kit import copy_of, edited, invoke


@pytest.mark.parametrize("tag", ["{{ ''.__class__.__mro__ }}", "{{ 单位名称.__class__ }}",
                                 "{{ 职能职责.append('多一条') }}", "{{ 单位.update({'单位名称': '别的单位'}) }}",
                                 "{{ 职能职责.pop() }}", "{{ lipsum.__globals__ }}"])
def test_reaching_python_or_changing_data_is_refused_naming_the_tag(workbook, tmp_path, tag):
    template = edited(copy_of(tmp_path), add=(f"危险：{tag}",))
    with pytest.raises(TemplateError) as err:
        render_docx(load(workbook()), from_path(template))
    message = str(err.value)
    assert f"“危险：{tag}”" in message and "出于安全不允许" in message
    result = invoke(workbook(), "-t", template, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output and not (tmp_path / "out").exists()
    assert invoke("template", "check", template).exit_code == 1


def test_a_bare_docx_with_a_refused_tag_is_refused_too(workbook, tmp_path):
    doc = Document()
    doc.add_paragraph("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    doc.save(tmp_path / "t.docx")
    with pytest.raises(TemplateError, match=r"第 1 段.*__class__.*出于安全不允许"):
        render_docx(load(workbook()), from_path(tmp_path / "t.docx"))


def test_reading_methods_and_namespaces_still_work(workbook, tmp_path):
    """What the built-ins use (dict.get / items, str.format, namespace assignment) is allowed."""
    template = edited(copy_of(tmp_path), add=(
        "{% set ns = namespace(n=0) %}{% for k, v in 明细.items() %}{% set ns.n = ns.n + 1 %}{% endfor %}分组数{{ ns.n }}；"
        "{{ '{:,}'.format(1234567) }}；{{ 明细.get('一般公共预算基本支出').金额 }}",))
    text = docx_text(render_docx(load(workbook()), from_path(template)))
    assert "分组数5；1,234,567；190.00" in text
