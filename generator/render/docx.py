"""Render a Word template (docxtpl tag syntax) into a .docx, the same bytes for the same input.

docxtpl recompiles the whole document XML as a Jinja template on every render;
here each template part is patched (docxtpl's own tag clean-up) and compiled
once, and a render only runs the compiled templates and writes the zip.
Blocks shared by several templates (the 基础数据表, the 自评表, the signature
blocks) are .docx files in templates/blocks/ (beside this module), pulled in with
`{%p include "blocks/NAME" %}`.
"""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from lxml import etree

from generator.errors import TemplateError
from generator.output import fixed_zip_entry
from generator.render.filters import FILTERS
from generator.render.registry import TEMPLATES_DIR, TemplateInfo
_RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml")
_BODY = re.compile(r"<w:body>(.*)</w:body>", re.DOTALL)
_SECT = re.compile(r"<w:sectPr[ >].*?</w:sectPr>", re.DOTALL)
# docxtpl's resolve_listing walks every run of every paragraph (a quarter of a render); only a
# paragraph holding one of these characters can change, so only those are handed to it.
_LISTING_CHARS = re.compile(r"[\t\n\a\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


class _Patcher(DocxTemplate):
    """docxtpl's tag clean-up without loading a document."""

    def __init__(self):  # noqa: D401 - no document needed for the regex passes
        pass


_PATCHER = _Patcher()


def patch(xml: str) -> str:
    """docxtpl's preprocessing: merge split tags, turn {%p/{%tr/{%tc into plain Jinja."""
    xml = _PATCHER.patch_xml(xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def block_source(name: str) -> str:
    """The body of templates/NAME.docx as a Jinja fragment (its section settings dropped)."""
    path = TEMPLATES_DIR / f"{name}.docx"
    if not path.exists():
        raise jinja2.TemplateNotFound(name)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    body = _BODY.search(xml)
    if body is None:
        raise TemplateError(f"{path}: 不是有效的 Word 文档")
    return patch(_SECT.sub("", body.group(1)))


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        loader=jinja2.FunctionLoader(lambda n: (block_source(n), None, lambda: True)),
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def resolve_listing(xml: str) -> str:
    """docxtpl's resolve_listing (tabs, line and page breaks in values), same result, done where needed."""
    if not _LISTING_CHARS.search(xml):
        return xml
    return _PARAGRAPH.sub(lambda m: _PATCHER.resolve_listing(m.group(0)) if _LISTING_CHARS.search(m.group(0))
                          else m.group(0), xml)


class CompiledTemplate:
    """A .docx template with its Jinja parts compiled once, rendered many times."""

    def __init__(self, path: Path):
        self.path = path
        self.env = make_env()
        with zipfile.ZipFile(path) as z:
            self.entries = [(i, z.read(i.filename)) for i in z.infolist()]
        self.compiled: dict[str, jinja2.Template] = {}
        for info, data in self.entries:
            if _RENDERED_PARTS.fullmatch(info.filename) and b"{" in data:
                try:
                    self.compiled[info.filename] = self.env.from_string(patch(data.decode("utf-8")))
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateError(f"{path.name} 的 {info.filename} 第 {exc.lineno} 行模板语法错误：{exc.message}") from None
        # The parts no render changes, compressed once (styles.xml alone took a third of a render);
        # each render appends its own parts to a copy.
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self.entries:
                if info.filename not in self.compiled:
                    out.writestr(fixed_zip_entry(info.filename), data)
        self.static_zip = buf.getvalue()

    def render_part(self, name: str, context: dict) -> bytes:
        try:
            xml = self.compiled[name].render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"模板 {self.path.name} 使用了没有的数据：{exc.message}") from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = resolve_listing(xml)
        try:
            etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"模板 {self.path.name} 生成的 {name} 不是有效的 XML：{exc}") from None
        return xml.encode("utf-8")

    def render(self, context: dict) -> bytes:
        """The finished .docx as bytes; the same context always gives the same bytes."""
        parts = [(name, self.render_part(name, context)) for name in self.compiled]
        buf = io.BytesIO(self.static_zip)
        with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts:
                out.writestr(fixed_zip_entry(name), data)
        return buf.getvalue()


@lru_cache(maxsize=16)
def compiled(path: Path, mtime_ns: int) -> CompiledTemplate:
    return CompiledTemplate(path)


def load_template(info: TemplateInfo) -> CompiledTemplate:
    """The compiled template, kept for the life of the process (recompiled if the file changes)."""
    return compiled(info.path, info.path.stat().st_mtime_ns)
