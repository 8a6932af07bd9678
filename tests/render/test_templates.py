"""The built-in templates are the .docx files themselves (no builder script rewrites them), so the
rules they were first written by are checked here, on every template and block, after every edit
made in Word, WPS or LibreOffice."""
from __future__ import annotations

import re
import zipfile

import pytest
from generator.pdf.fonts import FONT_MAP
from generator.render.layout import fonts_in, layout_problems
from generator.render.registry import TEMPLATES_DIR, registry

ALL = sorted(TEMPLATES_DIR.rglob("*.docx"))
TEMPLATES = [TEMPLATES_DIR / info.file for info in registry().values()]
MM = 1440 / 25.4  # twips per millimetre
NAMED_STYLES = ("报告标题", "附件标题", "表格标题", "表格文字", "表格数字", "表头", "落款", "签字栏", "页码")


def part(docx, name: str) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read(name).decode("utf-8") if name in z.namelist() else ""


def test_every_registered_template_and_block_is_found():
    assert len(TEMPLATES) == 5 and all(t.exists() for t in TEMPLATES)
    assert {p.name for p in ALL} >= {"basic-data.docx", "self-evaluation.docx", "signatures.docx",
                                     "project-self-evaluation.docx"}


@pytest.mark.parametrize("docx", ALL, ids=lambda p: p.name)
def test_template_check_finds_nothing_in_fonts_or_page(docx):
    """`template check`'s print rules (render/layout.py) hold for every built-in and block: only font
    names the PDF mapping knows, no theme fonts (they would win over the named 黑体 in Word, WPS and
    LibreOffice), a GB/T 9704 page — errors and warnings alike."""
    with zipfile.ZipFile(docx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert layout_problems(parts, docx.name, FONT_MAP) == []
    assert fonts_in(parts["word/document.xml"].decode() + parts["word/styles.xml"].decode())  # it looked at fonts


def test_the_check_fails_a_theme_font_and_an_unmapped_font():
    docx = TEMPLATES_DIR / "provincial.docx"
    with zipfile.ZipFile(docx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    body = parts["word/document.xml"].decode()
    run = '<w:r><w:rPr><w:rFonts w:ascii="Arial" w:eastAsiaTheme="minorEastAsia"/></w:rPr><w:t>x</w:t></w:r>'
    parts["word/document.xml"] = body.replace("<w:r>", run + "<w:r>", 1).encode()
    messages = " ".join(p.message for p in layout_problems(parts, docx.name, FONT_MAP))
    assert "Arial" in messages and "主题字体" in messages


@pytest.mark.parametrize("docx", TEMPLATES, ids=lambda p: p.name)
def test_page_is_gb_t_9704(docx):
    """A4; margins top 37, bottom 35, left 28, right 26 mm (text area 156 × 225 mm)."""
    body = part(docx, "word/document.xml")
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', body)
    assert size and (int(size[1]), int(size[2])) == (11906, 16838)
    margins = {k: int(v) / MM for k, v in re.findall(r'w:(top|bottom|left|right)="(\d+)"',
                                                    re.search(r"<w:pgMar [^>]*>", body)[0])}
    assert margins == pytest.approx({"top": 37, "bottom": 35, "left": 28, "right": 26}, abs=0.1)


@pytest.mark.parametrize("docx", TEMPLATES, ids=lambda p: p.name)
def test_named_styles_are_present_with_official_fonts(docx):
    styles = part(docx, "word/styles.xml")
    ids = set(re.findall(r'w:styleId="([^"]+)"', styles))
    assert set(NAMED_STYLES) <= ids
    for font in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"):
        assert f'w:eastAsia="{font}"' in styles
