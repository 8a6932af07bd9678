"""What every sample script shares: the writer, the column groups, and row builders.

Each `make_*.py` script in this folder builds one seed's workbooks from these.
"""
from __future__ import annotations

import sys
from decimal import Decimal as D
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generator.kinds.department.models import DEPARTMENT_SHEETS  # noqa: E402,F401  (for the scripts)
from generator.workbook.writer import write_workbook  # noqa: E402,F401  (for the scripts)

SUMMARY = "局机关及二级机构汇总"


# ------------------------------------------------------------------ helpers
def unit_info(**kw) -> list[dict]:
    return [kw]


def lines(*texts: str) -> list[dict]:
    return [{"职责": t} for t in texts]


def tasks(*texts: str) -> list[dict]:
    return [{"任务": t} for t in texts]


def institutions(headers: tuple[str, ...], *rows: tuple) -> list[dict]:
    """One dict per institution row: (机构名称, amount, amount, ...) with amounts as strings."""
    out = []
    for name, *amounts in rows:
        assert len(amounts) == len(headers), (name, amounts)
        out.append({"机构名称": name, **{h: D(a) for h, a in zip(headers, amounts)}})
    return out


INCOME = ("收入合计", "上年结转", "公共财政拨款", "政府基金拨款", "纳入专户管理的非税收入拨款", "其他收入")
EXPENSE = ("支出合计", "基本支出", "人员支出", "公用支出", "项目支出", "当年结余", "累计结余")
SANGONG = ("三公经费合计", "公务接待费", "公务用车运维费", "公务用车购置费", "因公出国出境费")
ASSETS = ("固定资产合计", "在用固定资产", "出租固定资产", "其他")


def controls(*rows: tuple) -> list[dict]:
    """(项目, 上级项目, 上年决算数, 本年预算数, 本年决算数)."""
    return [{"项目": name, "上级项目": parent, "上年决算数": D(prev), "本年预算数": D(budget),
             "本年决算数": D(actual)} for name, parent, prev, budget, actual in rows]


def adjustment(prev: str, added: str, cut: str, initial: str | None = None) -> dict:
    """The 部门整体支出预算调整 row: 上年 net adjustment, this year's 追加 and 追减 (net = 追加 − 追减 as
    本年决算数), and the 年初预算 when known (left blank, the engine derives it from the income)."""
    return {"项目": "部门整体支出预算调整", "上级项目": None, "上年决算数": D(prev),
            "本年预算数": None if initial is None else D(initial), "本年追加": D(added), "本年追减": D(cut),
            "本年决算数": D(added) - D(cut)}


class Details:
    """Rows of the 支出明细 sheet, group by group."""

    def __init__(self, unit: str):
        self.unit = unit
        self.rows: list[dict] = []

    def group(self, group: str, root: str, amount: str, note: str | None = None) -> "Group":
        self.rows.append({"分组": group, "项目": root, "上级项目": None, "金额": D(amount),
                          "金额单位": self.unit, "说明": note})
        return Group(self, group)


class Group:
    def __init__(self, details: Details, name: str):
        self.details, self.name = details, name

    def add(self, parent: str, item: str, amount: str, note: str | None = None) -> "Group":
        self.details.rows.append({"分组": self.name, "项目": item, "上级项目": parent, "金额": D(amount),
                                  "金额单位": self.details.unit, "说明": note})
        return self

    def items(self, parent: str, text: str) -> "Group":
        """Several children of one parent from "名称 金额，名称 金额，…" (amounts in the group's unit)."""
        for part in text.split("，"):
            name, amount = part.strip().rsplit(" ", 1)
            self.add(parent, name, amount)
        return self


def indicators(*rows: dict) -> list[dict]:
    out = []
    for r in rows:
        r = dict(r)
        for k in ("指标值", "完成值", "分值", "得分"):
            if r.get(k) is not None:
                r[k] = D(r[k])
        out.append(r)
    return out


def texts(**sections: str) -> list[dict]:
    return [{"部分": k, "内容": v.strip()} for k, v in sections.items()]


def people(*rows: tuple[str, str, str]) -> list[dict]:
    return [{"姓名": n, "职务/职称": t, "单位": u} for n, t, u in rows]
