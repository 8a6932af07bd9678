"""`genreport template new`: a self-contained copy of a template to start an office's own from.

The copy carries its settings inside (custom document properties, see settings.py) and has the
blocks it included (`{%p include "blocks/NAME" %}`) written into it, so every table and signature
block can be edited in Word and the file works wherever it is put. Inlining is what a render
does with an include anyway, so the copy renders the same report. The same source gives the same
bytes (fixed zip entries, parts in the source's order).
"""
from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import jinja2

from generator.errors import TemplateError
from generator.output import fixed_zip_entry, write_atomic
from generator.render.registry import TemplateInfo
from generator.render.settings import CUSTOM_PART, CUSTOM_REL, CUSTOM_TYPE, properties_xml, settings_of
from generator.render.source import block_body, block_path

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_P_INCLUDE = re.compile(r"\{%-?p\s+include\s+[\"'“”‘’]([^\"'“”‘’]+)[\"'“”‘’]\s*-?%\}")


def inline_blocks(xml: str, roots, depth: int = 0) -> str:
    """The document with each paragraph `{%p include "X" %}` replaced by the body of block X."""
    def replace(m: re.Match) -> str:
        found = _P_INCLUDE.fullmatch(html.unescape("".join(_TEXT.findall(m.group(0)))).strip())
        if not found:
            return m.group(0)
        try:
            body = block_body(block_path(found.group(1), roots))
        except jinja2.TemplateNotFound:
            raise TemplateError(f"找不到模板引入的块“{found.group(1)}”") from None
        return inline_blocks(body, roots, depth + 1) if depth < 5 else body  # a block may include another
    return _PARAGRAPH.sub(replace, xml)


def _with_custom_part(entries: dict[str, bytes]) -> None:
    """Declare docProps/custom.xml in [Content_Types].xml and the package relationships, if not yet."""
    types = entries["[Content_Types].xml"].decode("utf-8")
    if f'PartName="/{CUSTOM_PART}"' not in types:
        types = types.replace("</Types>", f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/></Types>')
        entries["[Content_Types].xml"] = types.encode("utf-8")
    rels = entries["_rels/.rels"].decode("utf-8")
    if CUSTOM_REL not in rels:
        ids = {int(i) for i in re.findall(r'Id="rId(\d+)"', rels)}
        new_id = max(ids, default=0) + 1
        rels = rels.replace("</Relationships>", f'<Relationship Id="rId{new_id}" Type="{CUSTOM_REL}" '
                                                f'Target="{CUSTOM_PART}"/></Relationships>')
        entries["_rels/.rels"] = rels.encode("utf-8")


def copy_bytes(info: TemplateInfo, settings: dict | None = None) -> bytes:
    """The .docx of a self-contained copy of `info`, with `settings` (default: the template's own) inside."""
    with zipfile.ZipFile(info.path) as z:
        order = [i.filename for i in z.infolist()]
        entries = {name: z.read(name) for name in order}
    missing = [n for n in ("word/document.xml", "[Content_Types].xml", "_rels/.rels") if n not in entries]
    if missing:
        raise TemplateError(f"模板 {info.path} 不是完整的 Word 文档：缺少 {'、'.join(missing)}")
    try:
        document = entries["word/document.xml"].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"模板 {info.path} 的正文无法读取：{exc}") from None
    entries["word/document.xml"] = inline_blocks(document, info.block_roots).encode("utf-8")
    entries[CUSTOM_PART] = properties_xml(settings or settings_of(info), entries.get(CUSTOM_PART))
    _with_custom_part(entries)
    if CUSTOM_PART not in order:
        order.append(CUSTOM_PART)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in order:
            out.writestr(fixed_zip_entry(name), entries[name])
    return buf.getvalue()


def new_template(info: TemplateInfo, target: Path, force: bool = False) -> Path:
    """Write the copy of `info` to `target` (a .docx; OutputExists unless `force`)."""
    return write_atomic(Path(target), copy_bytes(info), force=force)
