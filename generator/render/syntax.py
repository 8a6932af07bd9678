"""A template part's tags checked one by one, and its blocks ({% if %} … {% endif %}) paired up.

Jinja reads a whole part at once and, for an `{% if %}` never closed, can only say "unexpected
end of template" at the last line. Here each tag is parsed on its own (so an error is placed at
its paragraph) and the block tags are paired in order (so an unclosed `{% if %}` is named where it
opens, and a stray `{% endif %}` where it stands).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import jinja2

from generator.render.source import Tag, TagMap, TemplateProblem, located_tags, normalized, patch

ENDS = {"if": "endif", "for": "endfor", "macro": "endmacro", "call": "endcall", "filter": "endfilter",
        "with": "endwith", "autoescape": "endautoescape", "raw": "endraw", "block": "endblock", "set": "endset",
        "trans": "endtrans"}
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
_PARSER = jinja2.Environment()  # parsing only: filters and names are checked elsewhere


@dataclass
class SyntaxResult:
    problems: list[TemplateProblem] = field(default_factory=list)
    missing_ends: list[str] = field(default_factory=list)  # end tags that would close what is left open


def keyword(tag: Tag) -> str:
    body = tag.text[2:-2].strip("-+ ")
    return body.split(maxsplit=1)[0] if body else ""


def _parses(source: str) -> str | None:
    """Jinja's message if `source` does not parse, else None."""
    try:
        _PARSER.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return exc.message
    return None


def _tag_problem(tag: Tag, message: str) -> TemplateProblem:
    return TemplateProblem(tag.place, f"标签 {tag.text} 写法有误：{message}")


def check_syntax(part: str, xml: bytes) -> SyntaxResult:
    """Every syntax problem of one part, each at its paragraph or cell."""
    tags, problems = located_tags(part, xml)
    result = SyntaxResult(problems)
    stack: list[tuple[str, Tag]] = []
    for tag in tags:
        if tag.text.startswith("{#"):
            continue
        if tag.text.startswith("{{"):
            message = _parses(tag.text)
            if message:
                result.problems.append(_tag_problem(tag, message))
            continue
        word = keyword(tag)
        if word in ENDS and not (word == "set" and "=" in tag.text):
            message = _parses(f"{tag.text}{{% {ENDS[word]} %}}")
            if message:
                result.problems.append(_tag_problem(tag, message))
            stack.append((word, tag))
        elif word in MIDDLES:
            _middle(tag, word, stack, result)
        elif word.startswith("end"):
            _end(tag, word[3:], stack, result)
        else:
            message = _parses(tag.text)
            if message:
                result.problems.append(_tag_problem(tag, message))
    for word, tag in stack:
        result.problems.append(TemplateProblem(tag.place, f"{tag.text} 没有结束：缺少 {{% {ENDS[word]} %}}"))
    result.missing_ends = [ENDS[word] for word, _ in reversed(stack)]
    result.problems += _unmended(part, xml, tags)
    return result


def _middle(tag: Tag, word: str, stack, result: SyntaxResult) -> None:
    if not stack or stack[-1][0] not in MIDDLES[word]:
        result.problems.append(TemplateProblem(tag.place, f"{tag.text} 前面没有对应的 {{% if %}}"
                                                          + ("或 {% for %}" if word == "else" else "")))
    elif word == "elif":
        message = _parses(f"{{% if true %}}{tag.text}{{% endif %}}")
        if message:
            result.problems.append(_tag_problem(tag, message))


def _end(tag: Tag, opener: str, stack, result: SyntaxResult) -> None:
    names = [w for w, _ in stack]
    if opener not in names:
        result.problems.append(TemplateProblem(tag.place, f"多余的 {tag.text}：前面没有对应的 {{% {opener} %}}"))
        return
    while stack[-1][0] != opener:  # what is still open inside was never closed
        word, inner = stack.pop()
        result.problems.append(TemplateProblem(inner.place, f"{inner.text} 没有结束：在 {tag.text}（{tag.place}）"
                                                            f"之前缺少 {{% {ENDS[word]} %}}"))
    stack.pop()


def _unmended(part: str, xml: bytes, tags: list[Tag]) -> list[TemplateProblem]:
    """Tags that still hold Word's markup after docxtpl's clean-up (split in ways it cannot merge)."""
    source = patch(xml.decode("utf-8"))
    problems = []
    for line, raw in TagMap(source, tags).unmended:
        text = normalized(raw)
        place = next((t.place for t in tags if t.text == text), f"{part} 第 {line} 行")
        problems.append(TemplateProblem(place, f"标签 {text} 被 Word 拆成了几段格式不同的文字，无法合并；"
                                               "请在 Word 中删掉整个标签，一次输入（不要中途改格式）"))
    return problems


def mended_source(source: str, missing_ends: list[str]) -> str:
    """The part's Jinja source with what was left open closed, so its fields can still be checked."""
    return source + "".join(f"{{% {end} %}}" for end in missing_ends)

