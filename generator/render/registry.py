"""The built-in templates and their settings, from templates/templates.toml beside this module.

The templates are package data: a wheel carries them, so an installed genreport renders
without the source checkout.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.errors import UsageError

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    file: str
    kind: str
    description: str
    report_unit: str = "万元"
    separators: bool = False
    sections: list[str] = field(default_factory=list)
    file_suffix: str = "部门整体支出绩效自评报告"

    @property
    def path(self) -> Path:
        return TEMPLATES_DIR / self.file


@lru_cache(maxsize=1)
def registry() -> dict[str, TemplateInfo]:
    """The built-in templates, from templates/templates.toml."""
    with open(TEMPLATES_DIR / "templates.toml", "rb") as fh:
        raw = tomllib.load(fh)
    return {name: TemplateInfo(name=name, **spec) for name, spec in raw.items()}


def template_info(name: str) -> TemplateInfo:
    templates = registry()
    if name not in templates:
        raise UsageError(f"没有名为“{name}”的模板；可用的模板：{'、'.join(templates)}")
    return templates[name]
