"""`genreport template check`: every problem of a template, each with where it is in Word.

Per part: the syntax of each tag and the pairing of block tags (syntax.py); then the fields and
filters it uses, walked over Jinja's syntax tree with the shape of the real context of the
template's workbook kind (fields.py): a top-level name, an attribute path (`单位.单位名称`), a
loop variable's fields (`{% for r in 收入表 %}{{ r.收入合计 }}`), with the nearest field name as a
suggestion. Whatever the walk cannot know (a value built in the template) is accepted: the check
must never fail a template that renders. Then the document's fonts and page set-up (layout.py).
"""
from __future__ import annotations

import difflib
import zipfile

import jinja2
from jinja2 import nodes
from jinja2.sandbox import _mutable_spec
from lxml import etree

from generator.errors import Severity
from generator.render.docx import make_env
from generator.render.fields import ANY, Shape, context_shape
from generator.render.layout import layout_problems
from generator.render.registry import TemplateInfo
from generator.render.source import (RENDERED_PARTS, Place, TagMap, TemplateProblem, block_body, block_path, located_tags,
                                     patch)
from generator.render.syntax import check_syntax, mended_source

MUTATING = frozenset().union(*(names for _, names in _mutable_spec))
DICT_METHODS = {"items", "keys", "values", "get"}
TEXT, BOOL = Shape("text"), Shape("bool")


def check_template(info: TemplateInfo, known_fonts=()) -> list[TemplateProblem]:
    """Every problem of the template, part by part, then its fonts and page set-up.

    `known_fonts`: the font names the PDF stage maps (the caller passes pdf.fonts.FONT_MAP, as
    render comes before pdf and does not import it)."""
    with zipfile.ZipFile(info.path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    if "word/document.xml" not in parts:
        return [TemplateProblem(info.path.name, "不是 Word 文档：缺少正文（word/document.xml）")]
    checker = _Checker(info)
    problems = []
    for name, raw in parts.items():
        if RENDERED_PARTS.fullmatch(name) and b"{" in raw:
            try:
                source = patch(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                problems.append(TemplateProblem(f"{info.path.name} {name}", f"无法读取，Word 文档可能已损坏：{exc}"))
                continue
            problems += checker.part(name, raw, source)
    problems += layout_problems(parts, info.path.name, known_fonts)
    return _unique(problems)


class _Checker:
    """One template's check: its environment (blocks beside it first), its kind's fields, blocks done."""

    def __init__(self, info: TemplateInfo):
        self.info, self.env, self.root = info, make_env(info.block_roots), context_shape(info.kind)
        self.blocks_seen: set[str] = set()

    def part(self, name: str, raw: bytes, source: str, scope: dict | None = None) -> list[TemplateProblem]:
        try:
            result = check_syntax(name, raw)
            tags, _ = located_tags(name, raw)
        except etree.XMLSyntaxError as exc:
            return [TemplateProblem(f"{self.info.path.name} {name}", f"不是有效的 XML，Word 文档可能已损坏：{exc}")]
        tag_map = TagMap(source, tags)
        try:  # blocks left open are closed, so the fields of a part with an unclosed {% if %} are checked too
            tree = self.env.parse(mended_source(source, result.missing_ends))
        except jinja2.TemplateSyntaxError as exc:
            return result.problems or [_jinja_problem(tag_map, name, exc)]
        walker = FieldWalker(self.root, self.env, tag_map, _guarded(tree))
        walker.visit_all(tree.body, dict(scope or {}))
        problems = sorted(result.problems + walker.problems, key=_position)  # as they stand in the document
        if not problems:
            try:  # whatever else Jinja refuses when it compiles (what a render does first)
                self.env.compile(source)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(_jinja_problem(tag_map, name, exc))
        for block, block_scope in walker.includes:
            problems += self.block(block, block_scope)
        return problems

    def block(self, name: str, scope: dict) -> list[TemplateProblem]:
        """An included block is checked once, with the names in scope where it is first included."""
        if name in self.blocks_seen:
            return []
        self.blocks_seen.add(name)
        path = block_path(name, self.info.block_roots)
        with zipfile.ZipFile(path) as z:
            raw = z.read("word/document.xml")
        return self.part(name, raw, patch(block_body(path)), scope)


def _position(problem: TemplateProblem) -> int:
    return problem.place.order if isinstance(problem.place, Place) else -1


def _jinja_problem(tag_map: TagMap, part: str, exc: jinja2.TemplateSyntaxError) -> TemplateProblem:
    return TemplateProblem(tag_map.place(exc.lineno) or f"{part} 第 {exc.lineno} 行", f"模板语法错误：{exc.message}")


def _guarded(tree: nodes.Template) -> set[str]:
    """Names the part asks about with `is defined` / `is undefined`: set by whoever includes it, or not."""
    return {t.node.name for t in tree.find_all(nodes.Test)
            if t.name in ("defined", "undefined") and isinstance(t.node, nodes.Name)}


def _unique(problems: list[TemplateProblem]) -> list[TemplateProblem]:
    seen, out = set(), []
    for p in problems:
        key = (str(p.place), p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _suggest(word: str, candidates) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
    return f"；是不是“{close[0]}”？" if close else ""


class FieldWalker:
    """Walks a part's syntax tree with a scope of local names, checking every field it can know."""

    def __init__(self, root: Shape, env: jinja2.Environment, tag_map: TagMap, guarded: set[str] = frozenset()):
        self.root, self.env, self.tag_map, self.guarded = root, env, tag_map, guarded
        self.problems: list[TemplateProblem] = []
        self.includes: list[tuple[str, dict]] = []  # (block, the names in scope where it is included)

    def error(self, node: nodes.Node, message: str, hint: str = "") -> None:
        place = self.tag_map.place(node.lineno, hint) or f"第 {node.lineno} 行"
        self.problems.append(TemplateProblem(place, message))

    def visit_all(self, body, scope: dict) -> None:
        for node in body:
            self.visit(node, scope)

    def visit(self, node: nodes.Node, scope: dict) -> None:
        """A statement (or any node whose value does not matter)."""
        handler = getattr(self, f"stmt_{type(node).__name__}", None)
        if handler is not None:
            handler(node, scope)
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def stmt_For(self, node: nodes.For, scope: dict) -> None:
        iterated = self.expr(node.iter, scope)
        inner = dict(scope, loop=ANY)
        self.bind(node.target, _element(iterated), inner)
        if node.test is not None:
            self.expr(node.test, inner)
        self.visit_all(node.body, inner)
        self.visit_all(node.else_, scope)

    def stmt_Assign(self, node: nodes.Assign, scope: dict) -> None:
        value = self.expr(node.node, scope)
        if isinstance(node.target, nodes.NSRef):
            return
        self.bind(node.target, value, scope)

    def stmt_AssignBlock(self, node: nodes.AssignBlock, scope: dict) -> None:
        self.visit_all(node.body, scope)
        self.bind(node.target, TEXT, scope)

    def stmt_Include(self, node: nodes.Include, scope: dict) -> None:
        if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
            name = node.template.value
            try:
                self.env.loader.get_source(self.env, name)
            except jinja2.TemplateNotFound:
                self.error(node, f"找不到要引入的块“{name}”（应为模板旁或内置的 {name}.docx）", name)
                return
            self.includes.append((name, dict(scope)))
        else:
            self.expr(node.template, scope)

    def stmt_Macro(self, node: nodes.Macro, scope: dict) -> None:
        inner = dict(scope, caller=ANY, varargs=ANY, kwargs=ANY)
        for arg in node.args:
            inner[arg.name] = ANY
        scope[node.name] = ANY
        self.visit_all(node.body, inner)

    def stmt_CallBlock(self, node: nodes.CallBlock, scope: dict) -> None:
        self.expr(node.call, scope)
        inner = dict(scope, **{a.name: ANY for a in node.args})
        self.visit_all(node.body, inner)

    def stmt_With(self, node: nodes.With, scope: dict) -> None:
        inner = dict(scope)
        for target, value in zip(node.targets, node.values):
            self.bind(target, self.expr(value, scope), inner)
        self.visit_all(node.body, inner)

    def bind(self, target: nodes.Node, shape: Shape, scope: dict) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for i, item in enumerate(target.items):
                self.bind(item, shape.keys.get(str(i), ANY) if shape.type == "tuple" else ANY, scope)

    # --- expressions: each returns the shape of its value (ANY when it cannot be known) ---

    def expr(self, node: nodes.Node, scope: dict) -> Shape:
        handler = getattr(self, f"expr_{type(node).__name__}", None)
        if handler is not None:
            return handler(node, scope)
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return ANY

    def expr_Name(self, node: nodes.Name, scope: dict) -> Shape:
        if node.name in scope:
            return scope[node.name]
        if node.name in self.root.keys:
            return self.root.keys[node.name]
        if node.name in self.env.globals or node.name in self.guarded:
            return ANY
        self.error(node, f"没有字段“{node.name}”{_suggest(node.name, [*self.root.keys, *scope])}"
                         "（可用的字段见 genreport template fields）", node.name)
        return ANY

    def expr_Getattr(self, node: nodes.Getattr, scope: dict) -> Shape:
        return self.member(node, self.expr(node.node, scope), node.attr)

    def expr_Getitem(self, node: nodes.Getitem, scope: dict) -> Shape:
        base = self.expr(node.node, scope)
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.member(node, base, node.arg.value)
        self.expr(node.arg, scope)
        return _element(base) if base.type == "list" else ANY

    def member(self, node: nodes.Node, base: Shape, key: str) -> Shape:
        if key.startswith("_"):
            self.error(node, f"不允许访问以下划线开头的属性“{key}”（出于安全，模板在沙箱中运行）", key)
            return ANY
        if key in MUTATING:
            self.error(node, f"不允许调用修改数据的方法“{key}”（模板只能读取数据）", key)
            return ANY
        if base.type != "dict":
            return ANY  # text and list methods (strip, format …), or a value the walk cannot know
        if key in base.keys:
            return base.keys[key]
        if base.open:
            return base.item or ANY
        if key in DICT_METHODS:
            return Shape("method", keys={"of": base}, example=key)
        self.error(node, f"没有字段“{_path(node)}”{_suggest(key, base.keys)}", key)
        return ANY

    def expr_Call(self, node: nodes.Call, scope: dict) -> Shape:
        callee = self.expr(node.node, scope)
        for arg in [*node.args, *(k.value for k in node.kwargs), node.dyn_args, node.dyn_kwargs]:
            if arg is not None:
                self.expr(arg, scope)
        if isinstance(node.node, nodes.Name) and node.node.name == "dict" and not node.args:
            return Shape("dict", {k.key: self.expr(k.value, scope) for k in node.kwargs})
        if callee.type == "method":
            return _method_result(callee.keys["of"], callee.example, node)
        return ANY

    def expr_Filter(self, node: nodes.Filter, scope: dict) -> Shape:
        value = self.expr(node.node, scope) if node.node is not None else ANY
        for arg in [*node.args, *(k.value for k in node.kwargs)]:
            self.expr(arg, scope)
        if node.name not in self.env.filters:
            self.error(node, f"没有过滤器“{node.name}”{_suggest(node.name, self.env.filters)}", node.name)
        return value if node.name in ("default", "d") else ANY

    def expr_Test(self, node: nodes.Test, scope: dict) -> Shape:
        if node.name not in self.env.tests:
            self.error(node, f"没有检验“{node.name}”{_suggest(node.name, self.env.tests)}", node.name)
        if node.name not in ("defined", "undefined"):  # `x is defined` asks exactly whether x is there
            self.expr(node.node, scope)
        for arg in node.args:
            self.expr(arg, scope)
        return BOOL

    def expr_CondExpr(self, node: nodes.CondExpr, scope: dict) -> Shape:
        self.expr(node.test, scope)
        first = self.expr(node.expr1, scope)
        return _union(first, self.expr(node.expr2, scope)) if node.expr2 is not None else first

    def expr_Or(self, node: nodes.Or, scope: dict) -> Shape:
        return _union(self.expr(node.left, scope), self.expr(node.right, scope))

    def expr_Const(self, node: nodes.Const, scope: dict) -> Shape:
        return Shape("text") if isinstance(node.value, str) else ANY


def _union(a: Shape, b: Shape) -> Shape:
    """A value that is one or the other: fields of both are accepted."""
    if a.type == "dict" and b.type == "dict":
        return Shape("dict", {**b.keys, **a.keys}, a.item or b.item, a.open or b.open)
    if a.type == b.type == "list":
        return a if a.item is not None else b
    return a if b.type in ("any", "text", "bool") and a.type == b.type else ANY


def _element(shape: Shape) -> Shape:
    """What a for loop over a value of this shape binds."""
    return shape.item or ANY if shape.type == "list" else ANY


def _method_result(base: Shape, name: str, node: nodes.Call) -> Shape:
    """What a dict method called in a template gives (values of a data-keyed dict are alike)."""
    values = base.item if base.open else None
    if name == "items":
        return Shape("list", item=Shape("tuple", {"0": TEXT, "1": values or ANY}))
    if name == "values":
        return Shape("list", item=values)
    if name == "keys":
        return Shape("list", item=TEXT)
    if name == "get" and node.args and isinstance(node.args[0], nodes.Const):
        return base.keys.get(node.args[0].value) or values or ANY
    return ANY


def _path(node: nodes.Node) -> str:
    """The field a node reads, as the template writes it (单位.单位名称, 明细['项目'].金额)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_path(node.node)}['{node.arg.value}']"
    return "…"


def has_errors(problems: list[TemplateProblem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
