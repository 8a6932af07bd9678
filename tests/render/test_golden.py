"""Golden files: the rendered samples as text (paragraphs with styles, tables as rows).

Refresh with `pytest tests/test_golden.py --update-golden`, then review the diff of tests/golden/.
"""
import pytest
from conftest import ROOT, SAMPLES
from docx_text import docx_text
from generator import load, render_docx
from generator.render.registry import template_info

GOLDEN = ROOT / "tests" / "golden"
CASES = [
    ("provincial", "003-heshan-2024.xlsx"),
    ("provincial", "002-xiangxi-2019-corrected.xlsx"),
    ("prefecture", "002-xiangxi-2019-corrected.xlsx"),
    ("district", "000-tianxin-2020.xlsx"),
    ("evaluation", "001-yuelu-2020-corrected.xlsx"),
    ("project", "004-furong-2021.xlsx"),
]


@pytest.mark.parametrize("template,sample", CASES)
def test_rendered_sample_matches_golden(template, sample, update_golden):
    text = docx_text(render_docx(load(SAMPLES / sample), template_info(template)))
    golden = GOLDEN / f"{template}--{sample.removesuffix('.xlsx')}.txt"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
        pytest.skip(f"rewrote {golden.name}")
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-golden and review it"
    assert text == golden.read_text(encoding="utf-8")
