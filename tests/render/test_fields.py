"""The field reference: built from the real context of the sample workbooks; the README keeps a copy."""
from __future__ import annotations

import re
import tomllib

from conftest import ROOT, SAMPLES
from generator.render.fields import SAMPLE_SOURCES, SAMPLES_DIR, reference, updated
from generator.render.settings import validated
from template_kit import invoke


def test_readme_field_reference_matches_the_code():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert updated(text) == text, "README 与代码不一致：运行 python -m generator.render.fields"
    assert "| `report_unit` | 报告中金额的单位：元 或 万元" in text


def test_shipped_samples_are_the_repository_samples():
    """The package carries copies (a wheel has no samples/); regenerate them when a sample changes."""
    for kind, source in SAMPLE_SOURCES.items():
        assert (SAMPLES_DIR / f"{kind}.xlsx").read_bytes() == (ROOT / source).read_bytes(), \
            f"cp {source} generator/render/samples/{kind}.xlsx"
    assert SAMPLES == ROOT / "samples"


def test_reference_gives_type_and_example_from_the_sample():
    ref = reference()
    assert "| `单位名称` | 文字 | 益阳市赫山区商务局 |" in ref  # samples/003
    assert "| `收入表[*].收入合计` | 文字 | 1166.98 |" in ref
    assert "| `明细` | 按支出明细的“分组”取，值的字段见下 |  |" in ref
    assert "| `项目[*].总分` | 文字 | 98.83 |" in ref  # samples/004
    assert "| `cn` | 数字写成汉字 | `{{ 3\\|cn }}` → 三 |" in ref


def test_template_fields_prints_the_reference_of_one_kind():
    result = invoke("template", "fields", "--kind", "project")
    assert result.exit_code == 0
    assert "`项目[*].资金[*].执行率`" in result.output and "`收入表[*].收入合计`" not in result.output
    both = invoke("template", "fields")
    assert "`项目[*].资金[*].执行率`" in both.output and "`收入表[*].收入合计`" in both.output


def test_the_readme_sidecar_example_is_valid():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"例如 `县级模板.toml`：\n\n```toml\n(.*?)```", text, re.S).group(1)
    settings = validated(tomllib.loads(example), "README")
    assert (settings["report_unit"], settings["separators"]) == ("元", True)
