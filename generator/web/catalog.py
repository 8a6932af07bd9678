"""What the pages offer to choose from: templates, scoring rules, kinds of blank workbook.

The web package asks only these functions, so a new source of templates (a user's template
folder beside the built-ins) is added here once and every page and the API offer it.
"""
from __future__ import annotations

import os

from generator.errors import UsageError
from generator.kinds.base import Kind
from generator.kinds.common.rules_file import available_rules
from generator.kinds.registry import KINDS, kind_named
from generator.render.registry import TemplateInfo, available

TEMPLATE_DIR_ENV = "GENREPORT_TEMPLATE_DIR"
DEFAULT_RULES = ""  # each kind's own rules (hunan for a department, project-2020 for a project)


def templates() -> list[TemplateInfo]:
    """Every template a report can be rendered with, in the order the list shows them: the built-ins,
    then the office's template folder (GENREPORT_TEMPLATE_DIR, as for the command line)."""
    return list(available(os.environ.get(TEMPLATE_DIR_ENV) or None).values())


def template(name: str) -> TemplateInfo:
    """The template called `name`, by name only: a path from a client would reach files on the server.
    Raises UsageError naming the ones there are."""
    offered = {t.name: t for t in templates()}
    if name not in offered:
        raise UsageError(f"没有名为“{name}”的模板；可用的模板：{'、'.join(offered)}")
    return offered[name]


def rules() -> list[str]:
    """The names of the built-in scoring rules files."""
    return available_rules()


def kinds() -> list[Kind]:
    return list(KINDS.values())


def kind(name: str) -> Kind:
    """The kind called `name`; raises UsageError naming the ones there are."""
    return kind_named(name)
