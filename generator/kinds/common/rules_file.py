"""Reading a hand-written scoring rules file (TOML) safely, for every kind's rules.

Every fault is a UsageError naming the file and the key (or, for syntax, the line). Every value
is read through `Reader` (number, text, table, tables, array), which bounds what a file
may hold: finite numbers in range, nesting, sizes, no unknown keys.
"""
from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

from generator.errors import UsageError

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"  # generator/rules: package data

# Bounds on what a hand-written rules file may hold; beyond them it is a mistake (or not a rules file).
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 8  # arrays and tables inside each other; the format itself needs 5 (rule → bands → band)
MAX_NUMBER = 1_000_000  # any number, percentages and thresholds included; narrower bounds per key
MAX_DIGITS = 15  # significant digits and decimal places of a number
MAX_TEXT = 2000  # characters of a text (name, basis)
MAX_ITEMS = 1000  # [[rule]] tables, bands of one rule


def available_rules() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.toml"))


def rules_path(name_or_path: str | Path) -> Path:
    """A built-in rules file by name (under generator/rules/) or a file by path; UsageError if neither exists."""
    path = Path(name_or_path)
    if not path.is_file() and path.suffix != ".toml" and len(path.parts) == 1:
        path = RULES_DIR / f"{name_or_path}.toml"
        if not path.is_file():
            raise UsageError(f"找不到评分规则“{name_or_path}”；可用：{'、'.join(available_rules())}，或给出 .toml 文件路径")
    if not path.is_file():
        raise UsageError(f"找不到评分规则文件 {path}")
    return path


def read_toml(path: Path) -> dict:
    """The file's TOML, or a UsageError naming the file and line: too big, too deep, not TOML."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取规则文件 {path}（{exc.strerror or exc}）") from None
    if len(raw) > MAX_FILE_BYTES:
        raise UsageError(f"规则文件 {path} 有 {len(raw)} 字节，超过上限 {MAX_FILE_BYTES}；这不像是一个规则文件")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"规则文件 {path} 不是有效的 TOML：不是 UTF-8 文本（第 {e.start + 1} 字节）") from None
    deep = _too_deep_line(text, MAX_DEPTH)
    if deep:  # refused before parsing: tomllib would recurse once per level
        raise UsageError(f"规则文件 {path} 第 {deep} 行{_key_before(text, deep)}：数组或表嵌套超过 {MAX_DEPTH} 层")
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"规则文件 {path} 不是有效的 TOML：{_located(str(e))}") from None
    except (ValueError, ArithmeticError):  # an integer of over 4300 digits; an exponent Decimal cannot hold
        raise UsageError(f"规则文件 {path} 第 {_longest_number_line(text)} 行：数字位数过多") from None
    except RecursionError:  # nesting the scan above did not see (it should not happen)
        raise UsageError(f"规则文件 {path}：数组或表嵌套过深") from None


def _key_before(text: str, line: int) -> str:
    """（键 name）for the key assigned on `line` or the nearest line above it, if any."""
    for above in reversed(text.splitlines()[:line]):
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*=", above)
        if m:
            return f"（键 {m[1]}）"
    return ""


def _located(message: str) -> str:
    """tomllib's "Invalid value (at line 3, column 9)" as 第 3 行第 9 列：Invalid value, and
    "(at end of document)" (an unclosed string or array) as 文件末尾."""
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if m:
        return f"第 {m[1]} 行第 {m[2]} 列：{message[:m.start()]}"
    end = re.search(r"\s*\(at end of document\)", message)
    return f"文件末尾：{message[:end.start()]}（引号或括号未闭合？）" if end else message


def _longest_number_line(text: str) -> int:
    lengths = [max((len(run) for run in re.findall(r"[0-9_]+", line)), default=0) for line in text.splitlines()]
    return 1 + max(range(len(lengths)), key=lengths.__getitem__) if lengths else 1


def _too_deep_line(text: str, limit: int) -> int:
    """The line where arrays and tables nest more than `limit` deep (0: nowhere), strings and comments skipped."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i - 1
        elif c in "\"'":
            end = _string_end(text, i)
            line += text.count("\n", i, end)
            i = end - 1
        elif c in "[{":
            depth += 1
            if depth > limit:
                return line
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return 0


def _string_end(text: str, i: int) -> int:
    """Where the TOML string starting at text[i] ends (the index after its closing quote)."""
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\" and quote[0] == '"':
            j += 2
            continue
        if text.startswith(quote, j):
            end = j + len(quote)
            if len(quote) == 3:  # up to two more quotes close a multi-line string: '''a'''' is a'
                while end < len(text) and end - j < 5 and text[end] == quote[0]:
                    end += 1
            return end
        if text[j] == "\n" and len(quote) == 1:
            return j
        j += 1
    return len(text)


def _too_precise(value: Decimal) -> bool:
    """More than MAX_DIGITS significant digits or decimal places (trailing zeros do not count)."""
    if value.is_zero():  # 0.0000000000000000 is zero however many zeros are typed
        return False
    _, digits, exponent = value.as_tuple()
    while len(digits) > 1 and digits[-1] == 0 and exponent < 0:
        digits, exponent = digits[:-1], exponent + 1
    return len(digits) > MAX_DIGITS or exponent < -MAX_DIGITS


def show(value, limit: int = 40) -> str:
    """A value as a message quotes it: short, whatever it is."""
    if isinstance(value, dict):
        return "表"
    if isinstance(value, list):
        return "数组"
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"…（共 {len(text)} 个字符）"


class Reader:
    """Reads values out of a rules file, naming the file and key path in every error.

    Every value of a rules file is read through one of these, so each is checked the same way:
    numbers finite, in range and of sane precision; texts short; tables without unknown keys."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, message: str) -> NoReturn:
        raise UsageError(f"规则文件 {self.source}：{where} {message}")

    def number(self, table: dict, key: str, where: str, default=None, positive=False, signed=False,
               lo: Decimal | int | None = None, hi: Decimal | int | None = None) -> Decimal:
        """A finite number within [lo, hi]: by default 0 … MAX_NUMBER, above 0 if `positive`, from
        −MAX_NUMBER if `signed` (thresholds: 三公经费变动率 may be held to ≤ −5%)."""
        value = self._value(table, key, where, default)
        at = f"{where}.{key}"
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            self.fail(at, f"应为数字，实际为“{show(value)}”")
        if isinstance(value, Decimal) and not value.is_finite():
            self.fail(at, f"应为有限的数字，实际为 {value}")
        lo = Decimal(-MAX_NUMBER if signed else 0) if lo is None else Decimal(lo)
        hi = Decimal(MAX_NUMBER) if hi is None else Decimal(hi)
        if isinstance(value, int) and value.bit_length() > 64:  # never turned into a long Decimal
            self.fail(at, f"应在 {lo} 到 {hi} 之间，实际为 {show(value)}")
        value = Decimal(value)
        if positive and value <= 0:
            self.fail(at, f"应为正数，实际为 {value}")
        if lo == 0 and value < 0:
            self.fail(at, f"应为非负数，实际为 {value}")
        if value < lo or value > hi:
            self.fail(at, f"应在 {lo} 到 {hi} 之间，实际为 {show(value)}")
        if _too_precise(value):
            self.fail(at, f"有效数字过多（最多 {MAX_DIGITS} 位），实际为 {show(value)}")
        return value

    def text(self, table: dict, key: str, where: str, default=None, choices=None) -> str:
        """A string (one of `choices`, if given) of at most MAX_TEXT characters."""
        value = self._value(table, key, where, default)
        at = f"{where}.{key}"
        if not isinstance(value, str):
            self.fail(at, f"应为文字（加引号），实际为“{show(value)}”")
        if choices is not None and value not in choices:
            self.fail(at, f"为未知取值“{show(value)}”；可用：{'、'.join(choices)}")
        if len(value) > MAX_TEXT:
            self.fail(at, f"过长（{len(value)} 个字符，最多 {MAX_TEXT} 个）")
        return value

    def table(self, parent: dict, key: str, where: str, allowed: set[str], default: dict | None = None) -> dict:
        """A [key] table (`default` when absent) whose keys are all in `allowed`."""
        value = parent.get(key, {} if default is None else default)
        at = f"{where}.{key}" if where else key
        if not isinstance(value, dict):
            self.fail(at, f"应写作 [{key}] 表")
        self.keys(value, allowed, at)
        return value

    def tables(self, parent: dict, key: str, where: str = "") -> list[tuple[str, dict]]:
        """A [[key]] array of tables, each with its key path (rule[1], rule[2] …)."""
        items = parent.get(key, [])
        at = f"{where}.{key}" if where else key
        if not isinstance(items, list):
            self.fail(at, f"应写作 [[{key}]] 表数组")
        if len(items) > MAX_ITEMS:
            self.fail(at, f"有 {len(items)} 项，最多 {MAX_ITEMS} 项")
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                self.fail(f"{at}[{i}]", "应为表")
        return [(f"{at}[{i}]", item) for i, item in enumerate(items, start=1)]

    def array(self, parent: dict, key: str, where: str, example: str = "") -> list:
        """A non-empty array of at most MAX_ITEMS values."""
        value = parent.get(key)
        at = f"{where}.{key}"
        if not isinstance(value, list) or not value:
            self.fail(at, "应为非空数组" + (f"，如 {example}" if example else ""))
        if len(value) > MAX_ITEMS:
            self.fail(at, f"有 {len(value)} 项，最多 {MAX_ITEMS} 项")
        return value

    def keys(self, table: dict, allowed: set[str], where: str) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            shown = "、".join(show(k) for k in extra[:5]) + ("等" if len(extra) > 5 else "")
            self.fail(where, f"有未知的键 {shown}；可用：{'、'.join(sorted(allowed))}")

    def _value(self, table: dict, key: str, where: str, default):
        value = table.get(key, default)
        if value is None:
            self.fail(f"{where}.{key}", "缺失")
        return value
