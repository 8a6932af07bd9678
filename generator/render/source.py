"""A template's source: its parts as Jinja (docxtpl's clean-up), its blocks, and where each tag sits.

A user fixes a template in Word, where there are no line numbers, so every problem is placed the
way Word shows the document: the part (正文, 页脚1 …), the paragraph (第 12 段) or the table cell
(表 2 第 3 行第 4 格), and the text around the tag. Tags are read from each paragraph's text
(`located_tags`); a line of the Jinja source (what Jinja's errors and syntax tree carry) is
mapped back to those tags by their order (`TagMap`).
"""
from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from lxml import etree

from generator.errors import Severity, TemplateError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml")
_BODY = re.compile(r"<w:body>(.*)</w:body>", re.DOTALL)
_SECT = re.compile(r"<w:sectPr[ >].*?</w:sectPr>", re.DOTALL)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_PREFIX = re.compile(r"^(\{[{%#])-?(?:p|tr|tc|r)\s")  # docxtpl's {%p … %}, {%tr …%}, {{r …}}
BLOCK_NAME = re.compile(r"[\w-]+(/[\w-]+)*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_PART_LABELS = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注"}


class _Patcher(DocxTemplate):
    """docxtpl's tag clean-up without loading a document."""

    def __init__(self):  # noqa: D401 - no document needed for the regex passes
        pass


PATCHER = _Patcher()


def patch(xml: str) -> str:
    """docxtpl's preprocessing: merge split tags, turn {%p/{%tr/{%tc into plain Jinja; a line per paragraph."""
    xml = PATCHER.patch_xml(xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def block_path(name: str, roots) -> Path:
    """The .docx `{% include "NAME" %}` means: ROOT/NAME.docx in the first root that has it."""
    if not BLOCK_NAME.fullmatch(name):
        raise jinja2.TemplateNotFound(name)
    for root in roots:
        path = Path(root) / f"{name}.docx"
        if path.is_file():
            return path
    raise jinja2.TemplateNotFound(name)


def block_body(path: Path) -> str:
    """The body of a block .docx as raw XML, its section settings dropped."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    body = _BODY.search(xml)
    if body is None:
        raise TemplateError(f"{path}: 不是有效的 Word 文档")
    return _SECT.sub("", body.group(1))


def part_label(part: str) -> str:
    if part == "docProps/core.xml":
        return "文档属性"
    m = re.fullmatch(r"word/([a-z]+)(\d*)\.xml", part)
    return _PART_LABELS.get(m[1], part) + m[2] if m else part


@dataclass(frozen=True)
class Place:
    """Where something is, as a user finds it in Word."""

    part: str  # 正文, 页脚1, 文档属性, or a block's name
    where: str  # 第 12 段, 表 2 第 3 行第 4 格
    text: str = ""  # the paragraph's text around the tag
    order: int = field(default=0, compare=False)  # the paragraph's position in its part, for sorting

    def __str__(self) -> str:
        around = f"“{self.text}”" if self.text else ""
        return f"{self.part} {self.where}{around}".strip()


@dataclass(frozen=True)
class TemplateProblem:
    """One problem of a template, with its place (a Place, or the file for a whole-document problem)."""

    place: Place | str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass(frozen=True)
class Tag:
    text: str  # as Jinja reads it: docxtpl's prefix and curly quotes gone
    place: Place


def normalized(tag: str) -> str:
    """A tag's text as Jinja will read it, markup and docxtpl's p/tr/tc/r prefix removed."""
    tag = html.unescape(re.sub(r"<[^>]*>", "", tag)).translate(_QUOTES)
    return " ".join(_PREFIX.sub(r"\1 ", tag).split())


def around(text: str, start: int, end: int, width: int = 18) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def paragraphs(part: str, xml: bytes) -> list[tuple[Place, str]]:
    """Each paragraph of a part (or each filled field of the document properties) with its place."""
    label = part_label(part)
    root = etree.fromstring(xml)
    if part == "docProps/core.xml":
        return [(Place(label, etree.QName(el).localname), el.text) for el in root if el.text]
    out, n, tables = [], 0, {}
    for order, p in enumerate(root.iter(f"{W}p")):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        cell = _outer_cell(p)
        if cell is None:
            n += 1
            out.append((Place(label, f"第 {n} 段", order=order), text))
            continue
        tc, tr, tbl = cell
        index = tables.setdefault(tbl, len(tables) + 1)
        out.append((Place(label, f"表 {index} 第 {_nth(tr)} 行第 {_nth(tc)} 格", order=order), text))
    return out


def _outer_cell(p):
    """(cell, row, table) of the outermost table holding paragraph `p`, or None."""
    found = None
    node = p.getparent()
    while node is not None:
        if node.tag == f"{W}tc" and node.getparent() is not None and node.getparent().getparent() is not None:
            found = (node, node.getparent(), node.getparent().getparent())
        node = node.getparent()
    return found


def _nth(el) -> int:
    """`el`'s number among its siblings of the same kind (rows of a table, cells of a row), from 1."""
    return 1 + sum(1 for s in el.itersiblings(preceding=True) if s.tag == el.tag)


def located_tags(part: str, xml: bytes) -> tuple[list[Tag], list[TemplateProblem]]:
    """Every tag in the part's paragraphs, in order, and the paragraphs where a tag is left open."""
    tags, problems = [], []
    for place, text in paragraphs(part, xml):
        for m in _TAG.finditer(text):
            tags.append(Tag(normalized(m.group(0)), Place(place.part, place.where, around(text, m.start(), m.end()),
                                                          place.order)))
        rest = _TAG.sub("", text)
        opened = re.search(r"\{[{%#]", rest)
        if opened:
            problems.append(TemplateProblem(Place(place.part, place.where, around(rest, opened.start(), opened.end()),
                                                  place.order),
                                            "标签没有在本段结束（缺少 }} 或 %}）；一个标签要写在同一段里"))
        wide = re.search(r"｛[｛%％{]|\{[｛％]|％[}｝]|[%％}]｝", text)
        if wide and not opened:
            problems.append(TemplateProblem(Place(place.part, place.where, around(text, wide.start(), wide.end()),
                                                  place.order),
                                            "标签用了全角符号（｛ ｝ ％）；请改成半角 {{ }} 或 {% %}"))
    return tags, problems


class TagMap:
    """Lines of a part's Jinja source mapped to the tags of its paragraphs (paired in order)."""

    def __init__(self, source: str, tags: list[Tag]):
        self.by_line: dict[int, list[Tag]] = {}
        self.unmended: list[tuple[int, str]] = []  # (line, tag) with Word's markup still inside
        i = 0
        for m in _TAG.finditer(source):
            line = source.count("\n", 0, m.start()) + 1
            if re.search(r"<[/]?\w+:", m.group(0)):
                self.unmended.append((line, m.group(0)))
            text = normalized(m.group(0))
            j = next((k for k in range(i, min(i + 3, len(tags))) if tags[k].text == text), None)
            if j is not None:  # patch adds a few tags of its own ({% vm %} …): those stay unpaired
                self.by_line.setdefault(line, []).append(tags[j])
                i = j + 1

    def place(self, line: int | None, hint: str = "") -> Place | None:
        """The place of the tag on `line` (the one mentioning `hint`, if several), else the nearest before."""
        if line is None:
            return None
        for n in range(line, 0, -1):
            here = self.by_line.get(n)
            if here:
                chosen = next((t for t in here if hint and hint in t.text), here[0] if n == line else here[-1])
                return chosen.place
        return None
