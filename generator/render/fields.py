"""The fields a template can use: their shape, taken from the real context of a sample workbook.

Each kind's context is built by the kind itself (`kind.context`) from a sample workbook shipped
with the package (samples/KIND.xlsx, copies of samples/003-heshan-2024.xlsx and
samples/004-furong-2021.xlsx), so the reference and `template check` can never drift from what a
render really passes. `genreport template fields` prints the reference; `python -m
generator.render.fields` writes it, and the table of template settings, into the README between
markers (a test keeps them equal).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from generator.kinds.base import Options
from generator.kinds.registry import KINDS
from generator.render.filters import FILTER_DOCS
from generator.render.settings import KEYS
from generator.workbook.xlsx import read_xlsx

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
SAMPLE_SOURCES = {"department": "samples/003-heshan-2024.xlsx", "project": "samples/004-furong-2021.xlsx"}
# Dicts whose keys come from the workbook's rows, not from the code: any key may be asked for
# (a template guards it with `{% if '…' in 明细 %}`), and every value has the same fields.
DATA_KEYED = {"明细": "支出明细的“分组”", "经费控制表": "经费控制的“项目”"}
TEXT_KEY = "文字"  # every part of the kind's 文字 sheet is a key, filled or not
README = Path(__file__).resolve().parents[2] / "README.md"
MARKERS = {"fields": ("<!-- fields:start -->", "<!-- fields:end -->"),
           "settings": ("<!-- settings:start -->", "<!-- settings:end -->")}


@dataclass
class Shape:
    """What a value of the context looks like: its type, its fields or elements, an example."""

    type: str  # dict, list, text, bool, number, any
    keys: dict[str, Shape] = field(default_factory=dict)
    item: Shape | None = None  # a list's element, a data-keyed dict's value
    open: str = ""  # for a data-keyed dict: where its keys come from
    example: object = None


ANY = Shape("any")


def shape_of(value, name: str = "", kind=None) -> Shape:
    if isinstance(value, bool):
        return Shape("bool", example=value)
    if isinstance(value, (int, Decimal, float)):
        return Shape("number", example=value)
    if isinstance(value, str):
        return Shape("text", example=value)
    if isinstance(value, list):
        item = None
        for element in value:
            item = merge(item, shape_of(element, kind=kind))
        return Shape("list", item=item, example=value)  # item None: no element to learn from
    if isinstance(value, dict):
        keys = {k: shape_of(v, k, kind) for k, v in value.items()}
        if name == TEXT_KEY and kind is not None:  # every part is paragraphs, even one the sample left out
            keys = {k: Shape("list", item=Shape("text"), example=value.get(k, []))
                    for k in [*value, *(k for k in kind.text_sections if k not in value)]}
        if name in DATA_KEYED:
            item = None
            for v in keys.values():
                item = merge(item, v)
            return Shape("dict", keys, item or ANY, DATA_KEYED[name])
        return Shape("dict", keys)
    return ANY


def merge(a: Shape | None, b: Shape) -> Shape:
    """A shape both values fit (fields of either, as a table's rows may leave some out)."""
    if a is None:
        return b
    if a.type != b.type or "any" in (a.type, b.type):
        return ANY
    if a.type == "dict":
        keys = dict(a.keys)
        for k, v in b.keys.items():
            keys[k] = merge(keys.get(k), v)
        return Shape("dict", keys, a.item, a.open, a.example)
    if a.type == "list":
        item = a.item if b.item is None else merge(a.item, b.item)
        return Shape("list", item=item, example=a.example if a.example else b.example)
    return a if a.example not in (None, "") else b


@lru_cache(maxsize=None)
def sample_context(kind_name: str) -> dict:
    """The template context a render of the kind's sample workbook passes (万元, no separators)."""
    kind = KINDS[kind_name]
    data, _ = kind.load(str(SAMPLES_DIR / f"{kind_name}.xlsx"), read_xlsx(SAMPLES_DIR / f"{kind_name}.xlsx"))
    return kind.context(data, kind.score(data, Options()), "万元", False)


@lru_cache(maxsize=None)
def context_shape(kind_name: str) -> Shape:
    return shape_of(sample_context(kind_name), kind=KINDS[kind_name])


# --- the reference -----------------------------------------------------------------------

def _example(shape: Shape) -> str:
    value = shape.example
    if shape.type == "bool":
        return "是" if value else "否"
    if shape.type == "list":
        if not value:
            return "（示例中为空）"
        first = value[0]
        return f"{len(value)} 项" if isinstance(first, dict) else _short(str(first)) + (f" 等 {len(value)} 段" if
                                                                                         len(value) > 1 else "")
    if shape.type == "dict":
        return ""
    return "（空）" if value in (None, "") else _short(str(value))


def _short(text: str, width: int = 24) -> str:
    text = " ".join(text.split()).replace("|", "｜")
    return text if len(text) <= width else text[:width] + "…"


def _type(shape: Shape) -> str:
    if shape.type == "dict":
        return f"按{shape.open}取，值的字段见下" if shape.open else "分组，字段见下"
    if shape.type == "list":
        item = shape.item or ANY
        return {"dict": "列表，每项的字段见下", "text": "文字列表（段落）"}.get(item.type, "列表")
    return {"text": "文字", "bool": "是/否", "number": "数字"}.get(shape.type, "")


def rows(shape: Shape, path: str = "", depth: int = 0) -> list[tuple[str, str, str]]:
    """(field as a template writes it, type, example) for every field under `shape`."""
    out = []
    if shape.type == "dict":
        if shape.open:
            out += rows(shape.item or ANY, f"{path}[…]", depth + 1)
            return out
        for key, sub in shape.keys.items():
            sub_path = f"{path}.{key}" if path else key
            out.append((sub_path, _type(sub), _example(sub)))
            if depth < 4:
                out += rows(sub, sub_path, depth + 1)
    elif shape.type == "list" and shape.item is not None and shape.item.type == "dict" and depth < 4:
        out += rows(shape.item, f"{path}[*]", depth + 1)
    return out


def reference(kinds=tuple(KINDS)) -> str:
    parts = ["`a.b` 是 a 里的字段 b；`a[*].b` 是列表 a 每一项的字段 b（`{% for r in a %}{{ r.b }}{% endfor %}`）；"
             "`a[…].b` 是按名称取的一项（`{{ 明细['一般公共预算基本支出'].金额 }}`）。金额已按模板的金额单位和千分位设置"
             "排好，是文字。"]
    for name in kinds:
        kind = KINDS[name]
        table = ["| 字段 | 类型 | 示例 |", "|---|---|---|"]
        table += [f"| `{p}` | {t} | {e} |" for p, t, e in rows(context_shape(name))]
        parts.append(f"#### {kind.label}模板（kind = {name}，示例取自 `{SAMPLE_SOURCES[name]}`）\n\n" + "\n".join(table))
    filters = ["| 过滤器 | 作用 | 示例 |", "|---|---|---|"]
    filters += [f"| `{n}` | {d} | {e} |" for n, (d, e) in FILTER_DOCS.items()]
    parts.append("#### 过滤器\n\n" + "\n".join(filters) + "\n\n另有 Jinja 自带的过滤器，如 `length`、`join`、`default`、"
                 "`replace`、`first`、`last`、`format`。")
    return "\n\n".join(parts)


def settings_table() -> str:
    rows = ["| 设置 | 含义 | 默认 |", "|---|---|---|"]
    for key, (default, meaning) in KEYS.items():
        if default is None:
            shown = "`部门整体支出绩效自评报告` 或 `项目支出绩效自评报告`（按 kind）"
        elif isinstance(default, bool):
            shown = f"`{str(default).lower()}`"
        else:
            shown = f"`{default}`" if default not in ("", []) else "（无）"
        rows.append(f"| `{key}` | {meaning} | {shown} |")
    return "\n".join(rows)


def generated() -> dict[str, str]:
    """The README's generated blocks: marker name -> text."""
    return {"fields": reference(), "settings": settings_table()}


def updated(text: str, blocks: dict[str, str] | None = None) -> str:
    """`text` (the README) with every generated block rewritten between its markers."""
    for name, body in (blocks or generated()).items():
        start, end = MARKERS[name]
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no {start} … {end} markers")
        text = pattern.sub(lambda _: f"{start}\n{body}\n{end}", text)
    return text


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(updated(text), encoding="utf-8")
    print("README.md template field and settings reference regenerated", file=sys.stderr)


if __name__ == "__main__":
    main()
