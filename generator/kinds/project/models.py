"""The project (项目支出) workbook: one row per project in 项目信息, the rest keyed by 项目名称.

Its 自评表 follows 财预〔2020〕10号: 项目资金 rows × 年初预算数 / 全年预算数 / 全年执行数, the
年度总体目标, and 绩效指标 一级/二级/三级 with 指标性质, 指标值, 度量单位 and 实际完成值.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

from generator.kinds.common.models import EvaluatorRow
from generator.workbook.schema import UNITS, Money, Row, SheetSpec, Unit, col

FUND_KINDS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
NATURES = ("＝", "≥", "≤", "定性")
BANDS = ("达成", "部分达成", "未达成")
LEVEL1 = ("产出指标", "效益指标", "满意度指标")


class ProjectInfo(Row):
    项目名称: str = col("项目名称；其他工作表按此名称对应", example="招商节会")
    单位名称: str = col("报告单位（用于标题和落款）", example="长沙市芙蓉区商务局")
    主管部门: str = col("主管部门")
    实施单位: str = col("项目实施单位")
    年度: int = col("评价年度", example=2021)
    金额单位: Unit = col("项目资金的金额单位", choices=UNITS)
    报告日期: date = col("报告落款日期")
    联系人: Optional[str] = col("联系人", default=None)
    联系电话: Optional[str] = col("联系电话", default=None)
    综合得分: Optional[Decimal] = col("评价组给出的总分（0–100）；留空则由引擎计算。加 --keep-entered-scores 时报告采用此分，"
                                  "否则与计算得分不同时给出警告", default=None, number="score")


class FundRow(Row):
    项目名称: str = col("所属项目（与项目信息一致）")
    资金类别: Literal["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"] = col(
        "年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金", choices=FUND_KINDS)
    年初预算数: Money = col("年初预算数（最多六位小数，报告按所填小数位数显示）", number="amount")
    全年预算数: Money = col("全年预算数（调整后）", number="amount")
    全年执行数: Money = col("全年执行数", number="amount")


class GoalRow(Row):
    项目名称: str = col("所属项目")
    预期目标: str = col("年度总体目标：预期目标")
    实际完成情况: str = col("年度总体目标：实际完成情况")


class ProjectIndicatorRow(Row):
    项目名称: str = col("所属项目")
    一级指标: Literal["产出指标", "效益指标", "满意度指标"] = col("一级指标", choices=LEVEL1)
    二级指标: str = col("二级指标，如 数量指标、质量指标、时效指标、成本指标；经济效益、社会效益、生态效益、可持续影响；服务对象满意度")
    三级指标: str = col("三级指标（具体指标名称）")
    指标性质: Literal["＝", "≥", "≤", "定性"] = col("≥ 正向、≤ 反向、＝ 等于、定性", choices=NATURES)
    指标值: str = col("年度指标值：定量指标填数字，定性指标填文字",
                   figure={"relation": "指标性质", "unit": "度量单位"})
    度量单位: Optional[str] = col("度量单位，如 个、%、万元", default=None)
    实际完成值: str = col("实际完成值：定量指标填数字，定性指标填文字",
                     figure={"unit": "度量单位", "target": "指标值"})
    完成档次: Optional[Literal["达成", "部分达成", "未达成"]] = col("定性指标的评价档次", default=None, choices=BANDS)
    分值: Decimal = col("该指标分值；各指标合计通常为 90（产出 50、效益 30、满意度 10），余下的归预算执行率",
                      number="score")
    得分: Optional[Decimal] = col("评价组给出的得分；定量指标留空则由引擎计算，定性指标必填", default=None,
                                number="score")
    偏差原因分析及改进措施: Optional[str] = col("未完成时的偏差原因分析及改进措施", default=None)


PROJECT_TEXT_SECTIONS: dict[str, tuple[str, Optional[str]]] = {
    "单位基本情况": ("项目单位基本情况（编制、机构、职能）", None),
    "项目内容": ("项目年度绩效目标、基本性质、用途和主要内容、涉及范围", None),
    "资金安排": ("项目资金安排落实、总投入等情况分析（金额由表格生成）", ""),
    "资金使用": ("项目资金实际使用情况分析", None),
    "资金管理": ("项目资金管理情况（管理制度、办法的制订及执行情况）", None),
    "项目组织": ("项目组织情况（招投标、调整、完成验收等）", None),
    "项目管理": ("项目管理情况（管理制度建设、日常检查监督等）", None),
    "决策": ("财政支出决策情况", None),
    "过程": ("财政支出过程情况", None),
    "产出": ("财政支出产出情况", None),
    "效益": ("财政支出效益情况", None),
    "经验做法和问题": ("主要经验做法、存在的问题及原因分析", None),
    "有关建议": ("有关建议", None),
    "其他": ("其他需要说明的问题", "无。"),
}

class ProjectTextRow(Row):
    项目名称: Optional[str] = col("所属项目；留空表示整份报告", default=None)
    部分: str = col("报告中的部分名称（从下拉列表选择）", choices=tuple(PROJECT_TEXT_SECTIONS))
    内容: str = col("该部分的文字；可分多段（单元格内按 Alt+Enter 换行即分段）")


PROJECT_SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("项目信息", ProjectInfo, "每个项目一行", 1, None, "项目"),
    SheetSpec("项目资金", FundRow, "每个项目的资金：年度资金总额、当年财政拨款、上年结转资金、其他资金各一行", 1, None, "资金"),
    SheetSpec("年度总体目标", GoalRow, "每个项目一行：预期目标和实际完成情况", 1, None, "目标"),
    SheetSpec("绩效指标", ProjectIndicatorRow, "每个三级指标一行", 1, None, "指标"),
    SheetSpec("评价人员", EvaluatorRow, "评价组成员，评价组组长列第一行", 1, None, "评价人员"),
    SheetSpec("文字", ProjectTextRow, "报告各部分的文字，每部分一行（可按项目分别填写）", 0, None, "文字"),
)


class ProjectData(BaseModel):
    """A project workbook read into models; `项目` may list several projects."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    source: str = ""
    项目: list[ProjectInfo]
    资金: list[FundRow]
    目标: list[GoalRow]
    指标: list[ProjectIndicatorRow]
    评价人员: list[EvaluatorRow]
    文字: list[ProjectTextRow]

    def only(self, name: str) -> "ProjectData":
        """The same workbook restricted to one project (for one report per project)."""
        keep = lambda rows: [r for r in rows if r.项目名称 == name]  # noqa: E731
        return ProjectData.model_construct(
            source=self.source, 项目=keep(self.项目), 资金=keep(self.资金), 目标=keep(self.目标),
            指标=keep(self.指标), 评价人员=self.评价人员,
            文字=[t for t in self.文字 if not t.项目名称 or t.项目名称 == name])
