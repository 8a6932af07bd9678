"""The department (部门整体支出) workbook's sheets as pydantic models: one class per sheet, one field per column."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

from generator.kinds.common.models import EvaluatorRow
from generator.workbook.schema import UNITS, Money, Row, SheetSpec, Unit, col

class UnitInfo(Row):
    单位名称: str = col("部门（单位）全称，用于报告标题和落款", example="湘西土家族苗族自治州商务局")
    年度: int = col("评价年度（四位数字）", example=2019)
    主管部门: Optional[str] = col("主管部门名称；本身为主管部门的可不填", default=None)
    预算编码: Optional[str] = col("部门预算编码（封面用）", default=None)
    联系人: str = col("填表联系人姓名")
    联系电话: str = col("联系人电话", example="0743-8528269")
    人员编制: int = col("核定编制人数", example=76)
    实有人数: int = col("年末实有在职人数", example=76)
    金额单位: Unit = col("收入、支出、三公经费、固定资产、经费控制各表的金额单位", choices=UNITS)
    报告日期: date = col("报告落款日期", example="2020-06-22")
    评价方式: Literal["部门(单位)绩效自评", "财政部门组织评价"] = col(
        "评价方式", choices=("部门(单位)绩效自评", "财政部门组织评价")
    )
    综合得分: Optional[Decimal] = col("评价组给出的绩效自评综合得分（0–100）；留空则由引擎计算", default=None,
                                  number="score")
    评价等次: Optional[str] = col("评价组给出的评价等次；留空则由得分确定", default=None,
                              choices=("优", "良", "中", "差", "优秀", "良好", "合格", "不合格"))


class Duty(Row):
    职责: str = col("一条职能职责（每行一条，按顺序编号）")


class Task(Row):
    任务: str = col("年度主要工作任务（每行一项，编为任务1、任务2……）")


class InstitutionRow(Row):
    机构名称: str = col("机构名称；第一行为汇总行（如“局机关及二级机构汇总”），其后每个机构一行")


class IncomeRow(InstitutionRow):
    收入合计: Money = col("收入合计 = 上年结转 + 公共财政拨款 + 政府基金拨款 + 纳入专户管理的非税收入拨款 + 其他收入")
    上年结转: Money = col("上年结转")
    公共财政拨款: Money = col("公共财政拨款")
    政府基金拨款: Money = col("政府基金拨款")
    纳入专户管理的非税收入拨款: Money = col("纳入专户管理的非税收入拨款")
    其他收入: Money = col("其他收入")
    上年收入合计: Optional[Money] = col("上年的收入合计（上年决算数，用于“较上年增加/减少”；可选，汇总行填写即可）",
                                 default=None)


class ExpenseRow(InstitutionRow):
    支出合计: Money = col("支出合计 = 基本支出 + 项目支出")
    基本支出: Money = col("基本支出 = 人员支出 + 公用支出")
    人员支出: Money = col("基本支出中的人员支出（人员经费）")
    公用支出: Money = col("基本支出中的公用支出（日常公用经费）")
    项目支出: Money = col("项目支出")
    当年结余: Money = col("当年结余 = 收入合计 − 上年结转 − 支出合计（可为负数）")
    累计结余: Money = col("累计结余 = 收入合计 − 支出合计")
    上年支出合计: Optional[Money] = col("上年的支出合计（上年决算数，用于“较上年增加/减少”；可选，汇总行填写即可）",
                                 default=None)


class SanGongRow(InstitutionRow):
    三公经费合计: Money = col("三公经费合计 = 以下四项之和")
    公务接待费: Money = col("公务接待费")
    公务用车运维费: Money = col("公务用车运行维护费")
    公务用车购置费: Money = col("公务用车购置费")
    因公出国出境费: Money = col("因公出国（境）费")


class AssetRow(InstitutionRow):
    固定资产合计: Money = col("固定资产合计 = 在用 + 出租 + 其他")
    在用固定资产: Money = col("在用固定资产")
    出租固定资产: Money = col("出租固定资产")
    其他: Money = col("其他固定资产")


# 经费控制 rows `genreport init` writes (53号 基础数据表), by the indicators a rules file scores; the
# names a clerk picks from the 项目 dropdown. (项目, 上级项目) in the order of the published table.
CONTROL_ITEMS: tuple[tuple[str, Optional[str]], ...] = (
    ("三公经费", None), ("公务用车购置和维护经费", "三公经费"), ("公车购置", "公务用车购置和维护经费"),
    ("公车运行维护", "公务用车购置和维护经费"), ("出国经费", "三公经费"), ("公务接待", "三公经费"),
    ("项目支出", None), ("业务工作专项", "项目支出"), ("运行维护专项", "项目支出"),
    ("公用经费", None), ("办公经费", "公用经费"), ("水费、电费、差旅费", "公用经费"), ("会议费、培训费", "公用经费"),
    ("政府采购金额", None), ("部门整体支出预算调整", None), ("基本支出", None), ("支付进度", None),
)
ADJUSTMENT_ROW = "部门整体支出预算调整"
PARTS_RULES = ("等于本项", "不超过本项")


class ControlRow(Row):
    项目: str = col("经费控制项目（可从下拉列表选，也可填其他项目）。“部门整体支出预算调整”行：本年预算数填部门年初预算"
                  "（可留空，由收入推算），本年追加、本年追减填全年追加、追减的预算，本年决算数填追加 − 追减",
                  choices=tuple(name for name, _ in CONTROL_ITEMS))
    上级项目: Optional[str] = col("所属的上级项目（“其中”项填写）；顶层项目留空", default=None)
    上年决算数: Money = col("上年决算数（三公经费的上年数按其中各项分别填写）")
    本年预算数: Optional[Money] = col("本年年初预算数（不含年中追加、追减）；除“部门整体支出预算调整”行外必填",
                                 default=None)
    本年追加: Optional[Money] = col("本年年中追加的预算（可选）", default=None)
    本年追减: Optional[Money] = col("本年年中追减的预算，填正数（可选）", default=None)
    调整预算数: Optional[Money] = col("本年调整后预算数（全年预算 = 年初预算 + 追加 − 追减；可选，留空时由前三列推算）",
                                 default=None)
    本年决算数: Money = col("本年决算数")
    其中项合计: Optional[Literal["等于本项", "不超过本项"]] = col("本项下“其中”各项之和与本项的关系：等于本项（各项构成本项），或不超过本项；留空时"
                                "三公经费和公务用车购置和维护经费为“等于本项”，其他为“不超过本项”",
                                default=None, choices=PARTS_RULES)


class DetailRow(Row):
    分组: str = col("明细表名称，如 基本支出（经济分类）、一般公共预算基本支出、政府性基金预算支出")
    项目: str = col("科目或项目名称；同一分组内不重复")
    上级项目: Optional[str] = col("上级项目名称；分组的总数行留空。下级各项之和必须等于上级", default=None)
    金额: Money = col("金额")
    金额单位: Unit = col("本行金额的单位", choices=UNITS)
    说明: Optional[str] = col("用途说明或功能科目（可选，写入报告）", default=None)


class IndicatorRow(Row):
    类型: Literal["定性", "定量"] = col("定性目标或定量目标", choices=("定性", "定量"))
    一级指标: Optional[str] = col("定量目标的一级指标：产出目标、效益目标、满意度", default=None,
                              choices=("产出目标", "效益目标", "满意度"))
    二级指标: Optional[str] = col("二级指标，如 数量、质量、时效、成本指标；社会、经济、生态效益", default=None)
    指标名称: str = col("指标名称或编号，如 指标1")
    绩效目标: str = col("预期目标（年初绩效目标）")
    完成情况: str = col("实际完成情况")
    指标性质: Optional[Literal["＝", "≥", "≤"]] = col("定量指标的性质：≥ 正向、≤ 反向、＝ 等于（可选，用于计分）",
                                                  default=None, choices=("＝", "≥", "≤"))
    指标值: Optional[Decimal] = col("年度指标值（可选，用于计分）", default=None, number="figure",
                                figure={"relation": "指标性质", "unit": "度量单位"})
    完成值: Optional[Decimal] = col("实际完成值（可选，用于计分）", default=None, number="figure",
                                figure={"unit": "度量单位", "target": "指标值"})
    度量单位: Optional[str] = col("度量单位，如 个、%、万元（可选）", default=None)
    分值: Optional[Decimal] = col("该指标分值（可选）", default=None, number="score")
    得分: Optional[Decimal] = col("评价组给出的得分（可选）", default=None, number="score")


# ---------------------------------------------------------------- sheet registry

INSTITUTION_TABLES = ("收入", "支出和结余", "三公经费", "固定资产")

# Narrative parts a workbook may fill in the 文字 sheet. The value is the sentence used when a
# template shows the part and the workbook leaves it out; None means the part must be filled.
TEXT_SECTIONS: dict[str, tuple[str, Optional[str]]] = {
    "机构设置": ("内设机构和二级机构", None),
    "年度总体运行情况": ("年度部门（单位）总体运行情况及取得的成绩（基础数据表用）", ""),
    "整体支出概况": ("部门整体支出概况的补充说明（金额由表格生成）", ""),
    "绩效目标": ("部门整体支出绩效目标", None),
    "支出情况分析": ("部门整体支出情况分析", None),
    "基本支出说明": ("基本支出的用途说明", ""),
    "项目支出说明": ("项目支出的用途说明", ""),
    "评价目的": ("绩效评价目的", None),
    "工作过程": ("绩效评价工作过程", None),
    "经济性": ("主要绩效：经济性分析", None),
    "效率性": ("主要绩效：效率性分析", None),
    "效益性": ("主要绩效：效益性分析", None),
    "主要做法": ("主要做法和经验", ""),
    "存在的问题": ("存在的问题及原因分析", None),
    "改进措施": ("下一步改进措施", None),
    "结果应用": ("绩效自评结果拟应用和公开情况", None),
    "其他": ("其他需要说明的情况", "无。"),
    "专项组织情况": ("专项组织情况分析", None),
    "专项管理情况": ("专项管理情况分析", None),
    "绩效目标完成情况": ("绩效目标完成情况", None),
    "三公经费说明": ("“三公”经费支出情况及增减原因", ""),
    "项目支出管理": ("项目支出管理情况分析（管理制度和支出管控）", None),
}

class TextRow(Row):
    部分: str = col("报告中的部分名称（从下拉列表选择）", choices=tuple(TEXT_SECTIONS))
    内容: str = col("该部分的文字；可分多段（单元格内按 Alt+Enter 换行即分段）")


DEPARTMENT_SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("单位信息", UnitInfo, "单位基本信息，只填一行", 1, 1, "单位"),
    SheetSpec("职能职责", Duty, "职能职责，每条一行", 1, None, "职能职责"),
    SheetSpec("年度主要工作", Task, "年度主要工作内容，每项任务一行", 0, None, "年度主要工作"),
    SheetSpec("收入", IncomeRow, "年度收入情况，第一行为汇总行，其后每个机构一行", 1, None, "收入"),
    SheetSpec("支出和结余", ExpenseRow, "年度支出和结余情况，第一行为汇总行", 1, None, "支出和结余"),
    SheetSpec("三公经费", SanGongRow, "三公经费，第一行为汇总行", 1, None, "三公经费"),
    SheetSpec("固定资产", AssetRow, "固定资产，第一行为汇总行", 1, None, "固定资产"),
    SheetSpec("经费控制", ControlRow, "经费控制情况（上年决算数、本年年初预算数、追加、追减、本年决算数）", 0, None,
              "经费控制"),
    SheetSpec("支出明细", DetailRow, "支出明细，用“上级项目”表达任意“其中”层级", 0, None, "支出明细"),
    SheetSpec("绩效指标", IndicatorRow, "整体支出绩效定性目标和定量目标", 1, None, "绩效指标"),
    SheetSpec("评价人员", EvaluatorRow, "评价组成员，评价组组长列第一行", 1, None, "评价人员"),
    SheetSpec("文字", TextRow, "报告各部分的文字，每部分一行", 0, None, "文字"),
)


class DepartmentData(BaseModel):
    """Everything read from a department workbook, each value with its cell."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    source: str = ""
    单位: UnitInfo
    职能职责: list[Duty]
    年度主要工作: list[Task]
    收入: list[IncomeRow]
    支出和结余: list[ExpenseRow]
    三公经费: list[SanGongRow]
    固定资产: list[AssetRow]
    经费控制: list[ControlRow]
    支出明细: list[DetailRow]
    绩效指标: list[IndicatorRow]
    评价人员: list[EvaluatorRow]
    文字: list[TextRow]


    @property
    def unit(self) -> str:
        return self.单位.金额单位

    def text(self, section: str) -> Optional[TextRow]:
        return next((t for t in self.文字 if t.部分 == section), None)
