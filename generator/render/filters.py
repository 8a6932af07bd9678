"""Jinja filters a template author may use (documented in the README)."""
from __future__ import annotations

from generator.formatting import cn_number, heading_number

FILTERS = {
    "cn": cn_number,  # {{ loop.index|cn }} → 一
    "h1": lambda n: heading_number(1, n),  # 一、
    "h2": lambda n: heading_number(2, n),  # （一）
    "h3": lambda n: heading_number(3, n),  # 1.
    "h4": lambda n: heading_number(4, n),  # （1）
}
