"""Jinja filters a template author may use (the README's reference lists them from FILTER_DOCS)."""
from __future__ import annotations

from generator.formatting import cn_number, heading_number

FILTERS = {
    "cn": cn_number,  # {{ loop.index|cn }} → 一
    "h1": lambda n: heading_number(1, n),  # 一、
    "h2": lambda n: heading_number(2, n),  # （一）
    "h3": lambda n: heading_number(3, n),  # 1.
    "h4": lambda n: heading_number(4, n),  # （1）
}

_WHAT = {"cn": "数字写成汉字", "h1": "一级标题序号", "h2": "二级标题序号", "h3": "三级标题序号", "h4": "四级标题序号"}
# name -> (what it does, an example worked by the filter itself)
FILTER_DOCS = {name: (what, f"`{{{{ 3\\|{name} }}}}` → {FILTERS[name](3)}") for name, what in _WHAT.items()}
