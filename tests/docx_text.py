"""A .docx as reviewable text: each paragraph with its style, each table as rows of cells.

Golden files compare this form, so a diff shows what a reader would see change
(text, style, table layout), not zip or XML noise.
"""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn


def _cell(tc) -> str:
    text = "⏎".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
    tcpr = tc.tcPr
    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
    vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
    if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
        text = "↑"
    if span is not None and int(span.get(qn("w:val"))) > 1:
        text += f" ⟨跨{span.get(qn('w:val'))}列⟩"
    return text


def docx_lines(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    styles = {s.style_id: s.name for s in doc.styles}
    lines = []
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            ppr = el.pPr
            sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else "Normal"
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            brk = any(b.get(qn("w:type")) == "page" for b in el.iter(qn("w:br")))
            if text or brk:
                lines.append(f"[{styles.get(sid, sid)}] {text}" + (" ⟨分页⟩" if brk else ""))
        elif el.tag == qn("w:tbl"):
            lines.append("[表格]")
            for tr in el.iter(qn("w:tr")):
                lines.append("  | " + " | ".join(_cell(tc) for tc in tr.iter(qn("w:tc"))) + " |")
    return lines


def docx_text(data: bytes) -> str:
    return "\n".join(docx_lines(data)) + "\n"


def docx_headings(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of every Heading N paragraph, in order: the outline a reader sees."""
    doc = Document(io.BytesIO(data))
    out = []
    for p in doc.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading ") and p.text:
            out.append((int(name.split()[1]), p.text))
    return out
