"""The README's reference of sheets and columns, generated from the kinds' models.

`python -m generator.docs` rewrites the part of README.md between the markers;
a test fails when the README and the models disagree.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.kinds.registry import KINDS
from generator.workbook.schema import SheetSpec
from generator.workbook.writer import KIND_NAMES, choices_text, column_docs

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- columns:start -->", "<!-- columns:end -->"


def sheet_table(spec: SheetSpec) -> str:
    rows = [f"### {spec.name}", "", spec.description + "。", "",
            "| 列 | 必填 | 类型 | 说明 |", "|---|---|---|---|"]
    for doc in column_docs(spec):
        desc = doc["description"] + choices_text(doc)
        rows.append(f"| {doc['header']} | {'是' if doc['required'] else ''} | {KIND_NAMES[doc['kind']]} | {desc} |")
    return "\n".join(rows)


def _sections(title: str, sections: dict) -> str:
    rows = ["| 部分 | 内容 | 未填写时 |", "|---|---|---|"]
    for name, (desc, default) in sections.items():
        when_missing = "必填（模板用到时）" if default is None else (f"写“{default}”" if default else "省略")
        rows.append(f"| {name} | {desc} | {when_missing} |")
    return f"### {title}\n\n" + "\n".join(rows)


def reference() -> str:
    department, project = KINDS["department"], KINDS["project"]
    parts = ["部门整体支出工作簿（`genreport init 文件.xlsx`）的工作表：", *[sheet_table(s) for s in department.sheets],
             _sections("文字 的“部分”（部门整体支出）", department.text_sections),
             "项目支出工作簿（`genreport init 文件.xlsx --kind project`）的工作表。一个工作簿可含多个项目，"
             "各表按“项目名称”对应；报告依次写各项目，`--each` 则每个项目一份报告：",
             *[sheet_table(s).replace("### ", "### 项目 · ", 1) for s in project.sheets],
             _sections("文字 的“部分”（项目支出）", project.text_sections)]
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
