"""The built-in templates are the .docx files themselves (no builder script rewrites them), so the
rules they were first written by are checked here, on every template and block, after every edit
made in Word, WPS or LibreOffice."""
from __future__ import annotations

import re
import zipfile

import pytest
from generator.pdf.fonts import FONT_MAP
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
def test_no_theme_fonts(docx):
    """A theme font attribute wins over the named font in Word, WPS and LibreOffice: a 黑体 heading
    would show in the theme's face."""
    for name in ("word/styles.xml", "word/document.xml"):
        assert re.findall(r'w:(?:ascii|hAnsi|eastAsia)Theme="[^"]*"|w:cstheme="[^"]*"', part(docx, name)) == []


def fonts_in(xml: str) -> set[str]:
    return {name for rfonts in re.findall(r"<w:rFonts [^>]*>", xml)
            for name in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', rfonts)}


def used_styles(docx) -> str:
    """The styles.xml entries a document uses (with what they are based on) and the defaults."""
    styles = part(docx, "word/styles.xml")
    bodies = {m.group(1): m.group(0) for m in re.finditer(r'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>', styles, re.S)}
    wanted = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', part(docx, "word/document.xml")))
    wanted |= {"Normal", *NAMED_STYLES}
    seen = set()
    while wanted:
        sid = wanted.pop()
        if sid in seen or sid not in bodies:
            continue
        seen.add(sid)
        wanted |= set(re.findall(r'<w:basedOn w:val="([^"]+)"', bodies[sid]))
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    return "".join(bodies[s] for s in seen) + (defaults[0] if defaults else "")


@pytest.mark.parametrize("docx", ALL, ids=lambda p: p.name)
def test_only_official_font_names(docx):
    """Every font the document and the styles it uses name is one the PDF mapping knows, so Word,
    WPS and the PDF show the same faces."""
    named = fonts_in(part(docx, "word/document.xml") + part(docx, "word/footer1.xml") + used_styles(docx))
    assert named and named - set(FONT_MAP) - {"Times New Roman"} == set()


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
