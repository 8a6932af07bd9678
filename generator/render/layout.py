"""The print checks of `template check`: fonts a PDF can show, no theme fonts, a GB/T 9704 page.

The same rules tests/render/test_templates.py holds the built-ins to, here for any template.
A font outside the mapping is shown by Word on a machine that has it and by a fallback face in
the PDF, so it is an error; a theme font overrides the named font in Word, WPS and LibreOffice
(a 黑体 heading would show in the theme's face), so it is an error too; a page set-up other
than GB/T 9704 is a warning, as an office may have its reasons.
"""
from __future__ import annotations

import re

from generator.errors import Severity
from generator.render.source import TemplateProblem

MM = 1440 / 25.4  # twips per millimetre
A4 = (11906, 16838)  # twips
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # mm
LATIN_FONTS = {"Times New Roman"}  # the only Latin face the templates name; every office machine has it
_THEME = re.compile(r'w:(?:ascii|hAnsi|eastAsia)Theme="[^"]*"|w:cstheme="[^"]*"')
_STORY = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


def fonts_in(xml: str) -> set[str]:
    return {name for rfonts in re.findall(r"<w:rFonts [^>]*>", xml)
            for name in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', rfonts)}


def used_styles(styles: str, documents: str) -> str:
    """The styles.xml entries the documents use (with what they are based on) and the defaults."""
    bodies = {m.group(1): m.group(0) for m in re.finditer(r'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>',
                                                            styles, re.S)}
    wanted = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', documents)) | {"Normal"}
    seen = set()
    while wanted:
        sid = wanted.pop()
        if sid in seen or sid not in bodies:
            continue
        seen.add(sid)
        wanted |= set(re.findall(r'<w:basedOn w:val="([^"]+)"', bodies[sid]))
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    return "".join(bodies[s] for s in sorted(seen)) + (defaults[0] if defaults else "")


def layout_problems(parts: dict[str, bytes], name: str, known_fonts) -> list[TemplateProblem]:
    """Font and page problems of a template's parts (`parts`: zip entry name -> bytes)."""
    text = {n: d.decode("utf-8", "replace") for n, d in parts.items() if n.endswith(".xml")}
    stories = "".join(x for n, x in sorted(text.items()) if _STORY.fullmatch(n))
    styles = used_styles(text.get("word/styles.xml", ""), stories)
    problems = []
    unknown = sorted(fonts_in(stories + styles) - set(known_fonts) - LATIN_FONTS)
    if unknown:
        problems.append(TemplateProblem(f"{name} 字体", f"用了字体映射之外的字体：{'、'.join(unknown)}；PDF 中会换成"
                                                        f"其他字体。可用：{'、'.join(known_fonts)}、Times New Roman"))
    themed = sorted(set(_THEME.findall(stories + styles)))
    if themed:
        problems.append(TemplateProblem(f"{name} 字体", f"用了主题字体（{'、'.join(themed)}），会盖过样式中指定的字体；"
                                                        "请在 Word 中把字体改为具体的字体名"))
    problems += _page(text.get("word/document.xml", ""), name)
    return problems


def _page(document: str, name: str) -> list[TemplateProblem]:
    warn = Severity.WARNING
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', document)
    out = []
    if not size or abs(int(size[1]) - A4[0]) > 20 or abs(int(size[2]) - A4[1]) > 20:
        got = f"{int(size[1]) / MM:.0f} × {int(size[2]) / MM:.0f} mm" if size else "未设置"
        out.append(TemplateProblem(f"{name} 页面设置", f"纸张应为 A4（210 × 297 mm，GB/T 9704），实为 {got}", warn))
    pgmar = re.search(r"<w:pgMar [^>]*>", document)
    got = {k: int(v) / MM for k, v in re.findall(r'w:(top|bottom|left|right)="(-?\d+)"', pgmar[0])} if pgmar else {}
    off = [f"{side} {got.get(side, 0):.0f} mm（应为 {mm} mm）" for side, mm in MARGINS.items()
           if abs(got.get(side, 0) - mm) > 0.5]
    if off:
        labels = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
        off = [labels[o.split()[0]] + o[len(o.split()[0]):] for o in off]
        out.append(TemplateProblem(f"{name} 页面设置", f"页边距不符合 GB/T 9704：{'，'.join(off)}", warn))
    return out
