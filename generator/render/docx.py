"""Render a Word template (docxtpl tag syntax) into a .docx, the same bytes for the same input.

docxtpl recompiles the whole document XML as a Jinja template on every render;
here each template part is patched (docxtpl's own tag clean-up) and compiled
once, and a render only runs the compiled templates and writes the zip.
Blocks shared by several templates (the 基础数据表, the 自评表, the signature
blocks) are .docx files in a blocks/ folder, pulled in with `{%p include "blocks/NAME" %}`:
beside the template first, then the built-in templates/blocks/.

Templates run in Jinja's immutable sandbox: a template passed around between offices cannot
reach Python internals (attributes starting with _), call a method that changes data, or
import. Any failure of a template, at compile or render time, is a TemplateError naming the
part, the paragraph or table cell, and the tag.
"""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from generator.errors import TemplateError
from generator.output import fixed_zip_entry
from generator.render.filters import FILTERS
from generator.render.registry import TEMPLATES_DIR, TemplateInfo
from generator.render.source import (BLOCK_NAME, PATCHER, RENDERED_PARTS, TagMap, block_body, block_path, located_tags,
                                     patch)
from generator.render.syntax import check_syntax

# docxtpl's resolve_listing walks every run of every paragraph (a quarter of a render); only a
# paragraph holding one of these characters can change, so only those are handed to it.
_LISTING_CHARS = re.compile(r"[\t\n\a\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


def make_env(roots=(TEMPLATES_DIR,)) -> jinja2.Environment:
    """The sandboxed environment templates run in; includes are looked up in `roots`, in order."""
    def load_block(name):
        path = block_path(name, roots)
        return patch(block_body(path)), name, lambda: True  # the name is the filename errors are placed by

    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        loader=jinja2.FunctionLoader(load_block),
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def compile_part(env: jinja2.Environment, source: str, filename: str) -> jinja2.Template:
    """`env.from_string`, with the part's name as the filename Jinja's errors and tracebacks carry."""
    return env.template_class.from_code(env, env.compile(source, filename=filename), env.make_globals(None), None)


def resolve_listing(xml: str) -> str:
    """docxtpl's resolve_listing (tabs, line and page breaks in values), same result, done where needed."""
    if not _LISTING_CHARS.search(xml):
        return xml
    return _PARAGRAPH.sub(lambda m: PATCHER.resolve_listing(m.group(0)) if _LISTING_CHARS.search(m.group(0))
                          else m.group(0), xml)


class CompiledTemplate:
    """A .docx template with its Jinja parts compiled once, rendered many times."""

    def __init__(self, path: Path, roots=(TEMPLATES_DIR,)):
        self.path, self.roots = path, tuple(roots)
        self.env = make_env(self.roots)
        try:
            with zipfile.ZipFile(path) as z:
                self.entries = [(i, z.read(i.filename)) for i in z.infolist()]
        except (OSError, zipfile.BadZipFile) as exc:
            raise TemplateError(f"模板 {path} 不是可读的 Word 文档（.docx）：{exc}") from None
        if not any(i.filename == "word/document.xml" for i, _ in self.entries):
            raise TemplateError(f"模板 {path} 不是 Word 文档：缺少正文（word/document.xml）")
        self.compiled: dict[str, jinja2.Template] = {}
        for info, data in self.entries:
            if RENDERED_PARTS.fullmatch(info.filename) and b"{" in data:
                self.compiled[info.filename] = self._compile(info.filename, data)
        # The parts no render changes, compressed once (styles.xml alone took a third of a render);
        # each render appends its own parts to a copy.
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self.entries:
                if info.filename not in self.compiled:
                    out.writestr(fixed_zip_entry(info.filename), data)
        self.static_zip = buf.getvalue()

    def _compile(self, part: str, data: bytes) -> jinja2.Template:
        try:
            return compile_part(self.env, patch(data.decode("utf-8")), part)
        except jinja2.TemplateSyntaxError as exc:
            raise self._syntax_error(part, exc) from None
        except UnicodeDecodeError as exc:
            raise TemplateError(f"模板 {self.path.name} 的 {part} 无法读取：{exc}") from None

    def _syntax_error(self, filename: str, exc: jinja2.TemplateSyntaxError) -> TemplateError:
        """A syntax error of a part or a block, placed tag by tag (syntax.py) where it can be."""
        sources = self._sources(filename)
        try:
            problems = check_syntax(filename, sources[0]).problems if sources else []
        except etree.XMLSyntaxError as bad:
            return TemplateError(f"模板 {self.path.name} 的 {filename} 不是有效的 XML：{bad}")
        where = "；".join(map(str, problems)) if problems else self._where(filename, exc.lineno, exc.message)
        return TemplateError(f"模板 {self.path.name} 有语法错误：{where}")

    def _sources(self, filename: str) -> tuple[bytes, str] | None:
        """The XML a compiled part or an included block was read from, and the Jinja source made of it."""
        parts = {i.filename: d for i, d in self.entries}
        if filename in parts:
            return parts[filename], patch(parts[filename].decode("utf-8"))
        try:
            path = block_path(filename, self.roots)
            with zipfile.ZipFile(path) as z:
                return z.read("word/document.xml"), patch(block_body(path))
        except (jinja2.TemplateNotFound, OSError, KeyError, zipfile.BadZipFile):
            return None

    def _where(self, filename: str, line: int | None, message: str, hint: str = "") -> str:
        """`message` with the place of the tag at `line` of `filename` (a part, or a block's name)."""
        sources = self._sources(filename)
        place = None
        if sources is not None and line is not None:
            try:
                place = TagMap(sources[1], located_tags(filename, sources[0])[0]).place(line, hint)
            except etree.XMLSyntaxError:
                place = None
        return f"{place}：{message}" if place else f"{filename} 第 {line} 行：{message}"

    def _failed(self, part: str, exc: Exception) -> TemplateError:
        filename, line = _template_frame(exc, part)
        if isinstance(exc, jinja2.TemplateSyntaxError):  # in a block, read only when it is included
            return self._syntax_error(filename, exc)
        if isinstance(exc, jinja2.TemplateNotFound):
            return TemplateError(f"模板 {self.path.name} 出错：{self._where(filename, line, '找不到要引入的块', exc.name)}"
                                 f"“{exc.name}”（应为模板旁或内置的 {exc.name}.docx）")
        message = getattr(exc, "message", None) or str(exc)
        if isinstance(exc, jinja2.sandbox.SecurityError):
            message = f"出于安全不允许：{message}（模板不能访问以下划线开头的属性，也不能调用修改数据的方法）"
        elif isinstance(exc, jinja2.UndefinedError):
            message = f"使用了没有的数据：{message}"
        elif not isinstance(exc, jinja2.TemplateError):
            message = f"{type(exc).__name__}: {exc}"
        hint = re.findall(r"'([^']+)'", message)
        return TemplateError(f"模板 {self.path.name} 出错：{self._where(filename, line, message, hint[-1] if hint else '')}")

    def render_part(self, name: str, context: dict) -> bytes:
        try:
            xml = self.compiled[name].render(context)
        except Exception as exc:  # whatever a template does wrong (a user's own tags), said with its place
            raise self._failed(name, exc) from None
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


def _template_frame(exc: Exception, default: str) -> tuple[str, int | None]:
    """The template and line an exception came from: Jinja rewrites its traceback to template lines."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    filename, line = default, getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name == default or BLOCK_NAME.fullmatch(name):  # a template's frame, not Python's
            filename, line = name, tb.tb_lineno
        tb = tb.tb_next
    return filename, line


@lru_cache(maxsize=16)
def compiled(path: Path, mtime_ns: int, roots: tuple[Path, ...] = (TEMPLATES_DIR,)) -> CompiledTemplate:
    return CompiledTemplate(path, roots)


def load_template(info: TemplateInfo) -> CompiledTemplate:
    """The compiled template, kept for the life of the process (recompiled if the file changes)."""
    try:
        mtime = info.path.stat().st_mtime_ns
    except OSError as exc:
        raise TemplateError(f"模板文件无法读取：{info.path}（{exc.strerror or exc}）") from None
    return compiled(info.path, mtime, info.block_roots)
