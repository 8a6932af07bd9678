"""What the pages offer to choose from: templates, scoring rules, kinds of blank workbook.

The web package asks only these functions, so a new source of templates (a user's template
folder beside the built-ins) is added here once and every page and the API offer it.
"""
from __future__ import annotations

from generator.kinds.base import Kind
from generator.kinds.common.rules_file import available_rules
from generator.kinds.registry import KINDS, kind_named
from generator.render.registry import TemplateInfo, registry, template_info

DEFAULT_RULES = ""  # each kind's own rules (hunan for a department, project-2020 for a project)


def templates() -> list[TemplateInfo]:
    """Every template a report can be rendered with, in the order the list shows them."""
    return list(registry().values())


def template(name: str) -> TemplateInfo:
    """The template called `name`; raises UsageError naming the ones there are."""
    return template_info(name)


def rules() -> list[str]:
    """The names of the built-in scoring rules files."""
    return available_rules()


def kinds() -> list[Kind]:
    return list(KINDS.values())


def kind(name: str) -> Kind:
    """The kind called `name`; raises UsageError naming the ones there are."""
    return kind_named(name)
