"""A template's settings: which workbook it needs, the unit it shows amounts in, and so on.

Built-in templates keep theirs in templates/templates.toml. A user's template keeps them inside
the .docx, as custom document properties (Word: 文件 → 信息 → 属性 → 高级属性 → 自定义), or in a
sidecar NAME.toml beside NAME.docx; a key in the sidecar wins over the same property. A key
given nowhere takes its default. Every wrong key of a file is reported at once, each with the
key and the file (UsageError).
"""
from __future__ import annotations

import copy
import re
import tomllib
import zipfile
from pathlib import Path
from lxml import etree

from generator.errors import UsageError
from generator.kinds.registry import KINDS
from generator.units import FACTOR

# key -> (default, what it means); the README's table of settings is written from this.
KEYS: dict[str, tuple[object, str]] = {
    "kind": ("department", "需要的工作簿：department（部门整体支出）或 project（项目支出）"),
    "report_unit": ("万元", "报告中金额的单位：元 或 万元（与工作簿的单位不同时显式换算）"),
    "separators": (False, "金额是否带千分位（31,859,312.45）：true / false（属性里也可写 是 / 否）"),
    "file_suffix": (None, "输出文件名中单位和年度之后的部分"),  # None: by kind, see validated()
    "sections": ([], "模板用到、工作簿“文字”表必须填写的部分，用“、”分隔（toml 里写成列表）"),
    "description": ("", "一句话说明，genreport templates 列出时显示"),
}
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Word gives user-defined properties
_TRUE, _FALSE = {"true", "1", "是", "yes", "y"}, {"false", "0", "否", "no", "n", ""}


def sidecar(path: Path) -> Path:
    return path.with_suffix(".toml")


def read_settings(path: Path) -> dict:
    """The validated settings of the user template at `path` (a .docx), defaults filled in."""
    raw = custom_properties(path)
    origin = dict.fromkeys(raw, str(path))
    side = sidecar(path)
    if side.is_file():
        try:
            with open(side, "rb") as fh:
                given = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"模板设置文件 {side} 无法读取：{exc}") from None
        raw |= given
        origin |= dict.fromkeys(given, str(side))
    return validated(raw, origin)


def validated(raw: dict, origin: str | dict[str, str]) -> dict:
    """`raw` checked key by key; raises UsageError listing every wrong key with the file it came from
    (`origin`: one file for all keys, or a file per key)."""
    where = (lambda key: origin.get(key, "")) if isinstance(origin, dict) else (lambda key: origin)
    errors, out = [], {}
    for key in raw:
        if key not in KEYS:
            errors.append(f"未知的设置“{key}”（可用：{'、'.join(KEYS)}；{where(key)}）")
    for key, (default, _) in KEYS.items():
        try:
            out[key] = _CHECK[key](raw[key]) if key in raw else default
        except ValueError as exc:
            errors.append(f"设置“{key}”{exc}（{where(key)}）")
    if not errors:
        errors += _sections_of_kind(out, where("sections"))
        if "file_suffix" not in raw:  # 部门整体支出绩效自评报告, 项目支出绩效自评报告
            out["file_suffix"] = f"{KINDS[out['kind']].label}绩效自评报告"
    if errors:
        raise UsageError("模板设置有误：" + "；".join(errors))
    out["sections"] = tuple(out["sections"])
    return out


def _sections_of_kind(settings: dict, source: str) -> list[str]:
    known = KINDS[settings["kind"]].text_sections
    wrong = [s for s in settings["sections"] if s not in known]
    if not wrong:
        return []
    return [f"设置“sections”中的 {'、'.join(wrong)} 不是{KINDS[settings['kind']].label}工作簿“文字”表的部分"
            f"（可用：{'、'.join(known)}；{source}）"]


def _choice(options):
    def check(value):
        if value not in options:
            raise ValueError(f"应为 {' 或 '.join(options)}，实际为“{value}”")
        return value
    return check


def _bool(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"应为 true 或 false，实际为“{value}”")


def _text(value, required: bool = False):
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"应为{'非空' if required else ''}文字，实际为“{value}”")
    return value.strip()


def _sections(value):
    if isinstance(value, str):
        value = [s for s in re.split(r"[、,，;；\s]+", value) if s]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ValueError(f"应为部分名称的列表，实际为“{value}”")
    return value


def _suffix(value):
    value = _text(value, required=True)
    if re.search(r'[\\/:*?"<>|]', value):
        raise ValueError(f"不能含有文件名不允许的字符 \\ / : * ? \" < > |，实际为“{value}”")
    return value


_CHECK = {"kind": _choice(list(KINDS)), "report_unit": _choice(list(FACTOR)), "separators": _bool,
          "file_suffix": _suffix, "sections": _sections, "description": _text}


def custom_properties(path: Path) -> dict:
    """Our keys among the .docx's custom document properties (others, an office's own, are left alone)."""
    try:
        with zipfile.ZipFile(path) as z:
            if CUSTOM_PART not in z.namelist():
                return {}
            root = etree.fromstring(z.read(CUSTOM_PART))
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise UsageError(f"模板 {path} 不是可读的 Word 文档（.docx）：{exc}") from None
    out = {}
    for prop in root.iter(f"{{{_PROPS_NS}}}property"):
        name = prop.get("name", "")
        if name in KEYS and len(prop):
            out[name] = prop[0].text or ""  # a yes/no property is the text true/false: validated() reads both
    return out


def properties_xml(settings: dict, keep: bytes | None = None) -> bytes:
    """docProps/custom.xml holding `settings`, after the other properties of `keep` (the old part)."""
    root = etree.Element(f"{{{_PROPS_NS}}}Properties", nsmap={None: _PROPS_NS, "vt": _VT_NS})
    if keep:
        for prop in etree.fromstring(keep).iter(f"{{{_PROPS_NS}}}property"):
            if prop.get("name") not in KEYS:
                root.append(copy.deepcopy(prop))
    for key in KEYS:
        value = settings[key]
        prop = etree.SubElement(root, f"{{{_PROPS_NS}}}property", fmtid=_FMTID, pid="", name=key)
        typed = etree.SubElement(prop, f"{{{_VT_NS}}}{'bool' if isinstance(value, bool) else 'lpwstr'}")
        if isinstance(value, bool):
            typed.text = "true" if value else "false"
        else:
            typed.text = "、".join(value) if isinstance(value, (list, tuple)) else str(value)
    for pid, prop in enumerate(root, start=2):  # Word numbers user-defined properties from 2
        prop.set("pid", str(pid))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def settings_of(info) -> dict:
    """The settings a TemplateInfo carries, as written into a copy."""
    return {key: getattr(info, key) for key in KEYS}
