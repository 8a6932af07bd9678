"""The official font names and the free Debian fonts that stand in for them in a PDF.

fonts/fonts.conf is given to soffice through FONTCONFIG_FILE: it maps the names the
templates use (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312 ...) to free fonts.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
# The official names and the free families fonts/fonts.conf gives them (first choice first).
FONT_MAP = {
    "仿宋_GB2312": ("AR PL KaitiM GB", "AR PL UKai CN"), "仿宋": ("AR PL KaitiM GB", "AR PL UKai CN"),
    "FangSong": ("AR PL KaitiM GB", "AR PL UKai CN"), "楷体_GB2312": ("AR PL KaitiM GB", "AR PL UKai CN"),
    "楷体": ("AR PL KaitiM GB", "AR PL UKai CN"), "KaiTi": ("AR PL KaitiM GB", "AR PL UKai CN"),
    "方正小标宋简体": ("Noto Serif CJK SC",), "方正小标宋_GBK": ("Noto Serif CJK SC",), "小标宋": ("Noto Serif CJK SC",),
    "宋体": ("Noto Serif CJK SC",), "SimSun": ("Noto Serif CJK SC",),
    "黑体": ("Noto Sans CJK SC",), "SimHei": ("Noto Sans CJK SC",),
}


def soffice_env() -> dict[str, str]:
    """The environment every soffice runs in: ours fonts.conf in force."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def font_problems() -> list[str]:
    """Official font names that do not resolve to their free stand-in here (empty when all is well)."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return []
    problems = []
    for name, wanted in FONT_MAP.items():
        got = subprocess.run([fc_match, "-f", "%{family}", name], env=soffice_env(),
                             capture_output=True, text=True, timeout=30).stdout
        if not any(w in got for w in wanted):
            problems.append(f"字体“{name}”应映射为 {wanted[0]}，实际为 {got or '无'}；"
                            f"请安装 fonts-noto-cjk fonts-arphic-gkai00mp fonts-arphic-ukai")
    return problems
