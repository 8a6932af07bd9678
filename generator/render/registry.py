"""Which templates there are: the built-ins, an office's folder of templates, any .docx by path.

The built-ins are package data (templates/ beside this module, settings in templates.toml): a
wheel carries them, so an installed genreport renders without the source checkout. A folder
given with --template-dir (or GENREPORT_TEMPLATE_DIR) adds each FOLDER/NAME.docx as template
NAME; a name that is also a built-in's is refused, so a name always means one file. A path to
a .docx is a template of its own. A user template's settings come from settings.py.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.errors import UsageError
from generator.render.settings import read_settings, validated

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
BUILTIN = "内置"


@dataclass(frozen=True)
class TemplateInfo:
    """A template file and its settings; small and picklable, so a batch hands it to its workers."""

    name: str
    path: Path
    kind: str = "department"
    description: str = ""
    report_unit: str = "万元"
    separators: bool = False
    sections: tuple[str, ...] = ()
    file_suffix: str = "部门整体支出绩效自评报告"
    origin: str = BUILTIN  # 内置, or the folder or file the template came from

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def builtin(self) -> bool:
        return self.origin == BUILTIN

    @property
    def block_roots(self) -> tuple[Path, ...]:
        """Where `{% include "blocks/NAME" %}` looks: beside the template first, then the built-in blocks."""
        roots = (self.path.parent, TEMPLATES_DIR)
        return roots[1:] if roots[0] == roots[1] else roots


@lru_cache(maxsize=1)
def registry() -> dict[str, TemplateInfo]:
    """The built-in templates, from templates/templates.toml."""
    with open(TEMPLATES_DIR / "templates.toml", "rb") as fh:
        raw = tomllib.load(fh)
    out = {}
    for name, spec in raw.items():
        spec = dict(spec)
        path = TEMPLATES_DIR / spec.pop("file")
        out[name] = TemplateInfo(name, path, **validated(spec, f"{TEMPLATES_DIR / 'templates.toml'} [{name}]"))
    return out


def from_path(path: str | Path, name: str | None = None) -> TemplateInfo:
    """The user template at `path` (a .docx), with its settings (UsageError if missing or wrong)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"模板文件不存在：{path}")
    if path.suffix.lower() != ".docx":
        raise UsageError(f"模板应为 Word 文档（.docx）：{path}")
    return TemplateInfo(name or path.stem, path.resolve(), origin=str(path), **read_settings(path))


def folder_templates(folder: str | Path) -> dict[str, TemplateInfo]:
    """FOLDER/*.docx as templates named by file name (Word's ~$ lock files skipped)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"模板文件夹不存在：{folder}")
    out = {}
    for path in sorted(folder.glob("*.docx")):
        if path.name.startswith("~$"):
            continue
        if path.stem in registry():
            raise UsageError(f"模板文件夹中的 {path.name} 与内置模板“{path.stem}”同名；为免同一个名称指两个模板，"
                             f"请把文件改名（例如 {path.stem}-本地.docx）")
        out[path.stem] = TemplateInfo(path.stem, path.resolve(), origin=str(folder), **read_settings(path))
    return out


def available(template_dir: str | Path | None = None) -> dict[str, TemplateInfo]:
    """The built-ins, then the folder's templates."""
    return registry() | (folder_templates(template_dir) if template_dir else {})


def is_path(ref: str) -> bool:
    return ref.lower().endswith(".docx") or "/" in ref or "\\" in ref


def template_info(ref: str | TemplateInfo, template_dir: str | Path | None = None) -> TemplateInfo:
    """The template `ref` names: a built-in or folder template's name, or a path to a .docx.

    A TemplateInfo is returned as it is, so library calls take either."""
    if isinstance(ref, TemplateInfo):
        return ref
    if is_path(ref):
        return from_path(ref)
    templates = available(template_dir)
    if ref not in templates:
        raise UsageError(f"没有名为“{ref}”的模板；可用的模板：{'、'.join(templates)}（也可以给出 .docx 文件的路径）")
    return templates[ref]
