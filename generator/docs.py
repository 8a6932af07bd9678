"""The README's reference of sheets and columns, generated from the models.

`python -m generator.docs` rewrites the part of README.md between the markers;
a test fails when the README and the models disagree.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .models import DEPARTMENT_SHEETS, TEXT_SECTIONS, SheetSpec
from .workbook_writer import KIND_NAMES, column_docs

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- columns:start -->", "<!-- columns:end -->"


def sheet_table(spec: SheetSpec) -> str:
    rows = [f"### {spec.name}", "", spec.description + "。", "",
            "| 列 | 必填 | 类型 | 说明 |", "|---|---|---|---|"]
    for doc in column_docs(spec):
        desc = doc["description"]
        if doc["choices"]:
            desc += "（可选值：" + "、".join(doc["choices"]) + "）"
        rows.append(f"| {doc['header']} | {'是' if doc['required'] else ''} | {KIND_NAMES[doc['kind']]} | {desc} |")
    return "\n".join(rows)


def reference(specs: tuple[SheetSpec, ...] = DEPARTMENT_SHEETS) -> str:
    parts = [sheet_table(s) for s in specs]
    sections = ["| 部分 | 内容 | 未填写时 |", "|---|---|---|"]
    for name, (desc, default) in TEXT_SECTIONS.items():
        when_missing = "必填（模板用到时）" if default is None else (f"写“{default}”" if default else "省略")
        sections.append(f"| {name} | {desc} | {when_missing} |")
    parts.append("### 文字 的“部分”\n\n" + "\n".join(sections))
    return "\n\n".join(parts)


def updated(text: str, generated: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {START} … {END} markers")
    return pattern.sub(lambda _: f"{START}\n{generated}\n{END}", text)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(updated(text, reference()), encoding="utf-8")
    print("README.md column reference regenerated", file=sys.stderr)


if __name__ == "__main__":
    main()
