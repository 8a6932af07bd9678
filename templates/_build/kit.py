"""Building blocks for writing the Word templates with python-docx.

The templates in templates/ are the product: users open and edit them in Word or
WPS. These scripts only make the first version reproducible; rebuild with
`python -m templates._build` (from the repository root) after changing them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
BODY_PT, TABLE_PT = 16, 10.5
LINE = Pt(28.95)  # 22 lines in the 225 mm text area (GB/T 9704 §5.2.2)
FIXED_DATE = dt.datetime(2020, 1, 1)


def _fonts(rpr_owner, name: str):
    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    _set_fonts(rfonts, name)


def _set_fonts(rfonts, name: str):
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    _drop_theme(rfonts)


def _drop_theme(rfonts):
    # python-docx's default styles carry theme fonts, which win over named fonts in Word, WPS and
    # LibreOffice alike: left in place, a 黑体 heading shows in the theme's face and its "1." in Cambria
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _style(doc, name, base, font, size, bold=False, align=None, indent=True, line=LINE, space_before=0,
           outline=None, kind=WD_STYLE_TYPE.PARAGRAPH):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
    if base:
        style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = None
    style.font.italic = False
    _fonts(style.element, font)
    pf = style.paragraph_format
    pf.first_line_indent = Pt(size * 2) if indent else Pt(0)
    pf.space_before, pf.space_after = Pt(space_before), Pt(0)
    if line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, line
    if align is not None:
        pf.alignment = align
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        lvl = ppr.find(qn("w:outlineLvl"))
        if lvl is None:
            lvl = OxmlElement("w:outlineLvl")
            ppr.append(lvl)
        lvl.set(qn("w:val"), str(outline))
    return style


def new_document(title: str) -> Document:
    """An A4 document with the GB/T 9704 page, the named styles and `— 1 —` page numbers."""
    doc = Document()
    # text outside our styles (table styles, fields, the Heading 5–9 a user may pick in Word) would
    # otherwise show in the theme's fonts: the defaults name 仿宋_GB2312 and no style names a theme font
    for rfonts in doc.styles.element.iterfind(f"{qn('w:docDefaults')}//{qn('w:rFonts')}"):
        _set_fonts(rfonts, FANGSONG)
    for rfonts in doc.styles.element.iterfind(f".//{qn('w:style')}//{qn('w:rFonts')}"):
        _drop_theme(rfonts)
    _style(doc, "Normal", None, FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "报告标题", "Normal", XIAOBIAOSONG, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
           line=Pt(36), space_before=0)
    _style(doc, "Heading 1", "Normal", HEITI, BODY_PT, outline=0)
    _style(doc, "Heading 2", "Normal", KAITI, BODY_PT, outline=1)
    _style(doc, "Heading 3", "Normal", FANGSONG, BODY_PT, bold=True, outline=2)
    _style(doc, "Heading 4", "Normal", FANGSONG, BODY_PT, outline=3)
    _style(doc, "附件标题", "Normal", HEITI, BODY_PT, indent=False)
    _style(doc, "表格标题", "Normal", XIAOBIAOSONG, 18, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=Pt(32))
    _style(doc, "表格文字", "Normal", FANGSONG, TABLE_PT, indent=False, line=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, "表格数字", "表格文字", FANGSONG, TABLE_PT, indent=False, line=None, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(doc, "表头", "表格文字", HEITI, TABLE_PT, indent=False, line=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(doc, "表注", "Normal", FANGSONG, 12, indent=False, line=None, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(doc, "落款", "Normal", FANGSONG, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(doc, "签字栏", "Normal", FANGSONG, 14, indent=False, line=Pt(28), align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, "页码", "Normal", SONGTI, 14, indent=False, line=None)
    for s in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        doc.styles[s].paragraph_format.keep_with_next = True
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "genreport", "genreport"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    props.comments = ""
    return doc


def _page_number(footer, align):
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = "页码"
    p.alignment = align
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(14)  # 一字 from the edge of the text area
    p.add_run("— ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    p.add_run(" —")
    return p


def para(doc_or_cell, text: str = "", style: str | None = None, align=None):
    p = doc_or_cell.add_paragraph(text, style=style)
    if align is not None:
        p.alignment = align
    return p


def heading(doc, text: str, level: int):
    return para(doc, text, f"Heading {level}")


def tag(doc_or_cell, jinja: str, style: str | None = None):
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it vanishes on render."""
    return para(doc_or_cell, jinja, style)


def paragraphs_of(doc, expr: str, style: str | None = None):
    """One paragraph per item of a list expression."""
    tag(doc, f"{{%p for x in {expr} %}}")
    para(doc, "{{ x }}", style)
    tag(doc, "{%p endfor %}")


def section_text(doc, name: str):
    """The paragraphs of one part of the workbook's 文字 sheet."""
    paragraphs_of(doc, f"文字.{name}")


def table(doc, rows: int, cols: int, widths_mm: list[float]):
    t = doc.add_table(rows=rows, cols=cols)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for i, w in enumerate(widths_mm):
        t.columns[i].width = Mm(w)
    for row in t.rows:
        for i, w in enumerate(widths_mm):
            row.cells[i].width = Mm(w)
    return t


def cell_text(cell, text: str, style: str = "表格文字", align=None):
    p = cell.paragraphs[0]
    p.text = text
    p.style = style
    if align is not None:
        p.alignment = align
    return p


def merge(t, r1, c1, r2, c2, text=None, style="表头"):
    cell = t.cell(r1, c1).merge(t.cell(r2, c2))
    if text is not None:
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        cell_text(cell, text, style)
    return cell


def repeat_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def vmerge_by(cell, flag_expr: str):
    """Vertically merge this loop cell with the one above unless `flag_expr` is true (first of a group)."""
    tcpr = cell._tc.get_or_add_tcPr()
    vm = OxmlElement("w:vMerge")
    vm.set(qn("w:val"), "{{ 'restart' if %s else 'continue' }}" % flag_expr)
    tcpr.append(vm)


def loop_rows(t, loop: str, cells: list[tuple[str, str]]):
    """Three rows: `{%tr for … %}`, the repeated row, `{%tr endfor %}`; returns the repeated row."""
    start, body, end = t.add_row(), t.add_row(), t.add_row()
    cell_text(start.cells[0], f"{{%tr for {loop} %}}")
    cell_text(end.cells[0], "{%tr endfor %}")
    for i, (text, style) in enumerate(cells):
        cell_text(body.cells[i], text, style)
    return body


def save(doc, path: Path):
    """Save with fixed zip dates, so rebuilding an unchanged template changes no byte."""
    import io
    import zipfile

    buf = io.BytesIO()
    doc.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
