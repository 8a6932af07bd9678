"""The `genreport` command: options in, library calls, messages and exit codes out.

Exit codes: 0 done, 1 problems in the input (or a unit of a batch failed), 2 wrong usage.
No input problem ever ends in a Python traceback.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import GenreportError, InputProblems, Problem, errors_of
from .models import DEPARTMENT_SHEETS
from .pipeline import Options, generate_all, load, to_pdf, validate
from .render import registry
from .workbook_writer import write_workbook


class DefaultGroup(click.Group):
    """`genreport DATA.xlsx …` means `genreport render DATA.xlsx …`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["render", *args]
        return super().parse_args(ctx, args)


def echo_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(f"{p.severity.value} {p}", err=True)
    n_err = len(errors_of(problems))
    click.echo(f"共 {n_err} 个错误，{len(problems) - n_err} 个警告", err=True)


def run(action):
    """Call `action`, turning every failure a user can cause into a message and an exit code."""
    try:
        return action()
    except InputProblems as exc:
        echo_problems(exc.problems)
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except GenreportError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug of ours: say so plainly rather than show a traceback
        if os.environ.get("GENREPORT_DEBUG"):
            raise
        click.echo(f"genreport 内部错误（{type(exc).__name__}: {exc}）。这不是您数据的问题；请把这条信息和工作簿"
                   f"发给维护人员。设置环境变量 GENREPORT_DEBUG=1 可看到详细信息。", err=True)
        sys.exit(3)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="genreport")
def main():
    """从 Excel 数据表生成预算绩效自评报告（Word / PDF）。

    \b
    genreport DATA.xlsx --template provincial     生成报告
    genreport validate DATA.xlsx                  只检查数据
    genreport init 新表.xlsx                      生成空白填报表
    genreport templates                           列出内置模板
    """


def scoring_options(f):
    f = click.option("--rules", default="hunan", show_default=True,
                     help="评分规则：内置名称（hunan、strict-example）或 .toml 文件路径")(f)
    return click.option("--keep-entered-scores", is_flag=True,
                        help="报告采用评价组填写的得分，而不是按规则计算的得分")(f)


@main.command("render")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-t", "--template", default="provincial", show_default=True, help="模板名称（见 genreport templates）")
@click.option("-o", "--output", "out_dir", default=".", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认当前文件夹）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@click.option("--each", is_flag=True, help="项目工作簿含多个项目时，每个项目单独生成一份报告")
@click.option("--pdf", is_flag=True, help="同时生成 PDF（需要 LibreOffice）")
@click.option("--preview", is_flag=True, help="生成 PDF 并把每页另存为 PNG 图片，便于不开 Word 快速查看")
@scoring_options
def render_cmd(workbook: Path, template: str, out_dir: Path, force: bool, each: bool, pdf: bool, preview: bool,
               rules: str, keep_entered_scores: bool):
    """生成报告，输出文件路径。"""
    if not workbook.exists():
        raise click.BadParameter(f"文件不存在：{workbook}", param_hint="WORKBOOK")
    options = Options(rules, keep_entered_scores)
    paths = run(lambda: generate_all(workbook, template, out_dir, force=force, options=options, each=each))
    for path in paths:
        click.echo(str(path))
    if pdf or preview:
        from .pdf import font_problems

        # a missing font package does not stop the PDF, but its pages would be set in a fallback face
        for problem in font_problems():
            click.echo(f"警告：{problem}", err=True)
        for path in run(lambda: to_pdf(paths, force=force, preview=preview)):
            click.echo(str(path))


@main.command("validate")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-t", "--template", default=None, help="同时检查该模板需要的内容")
@scoring_options
def validate_cmd(workbook: Path, template: str | None, rules: str, keep_entered_scores: bool):
    """检查工作簿，列出全部问题；无错误时退出码为 0。"""
    problems = run(lambda: validate(workbook, template, Options(rules, keep_entered_scores)))
    if problems:
        echo_problems(problems)
    if errors_of(problems):
        sys.exit(1)
    click.echo(f"{workbook}: 检查通过" + ("（有警告，见上）" if problems else ""))


@main.command("init")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["department", "project"]), default="department", show_default=True,
              help="department：部门整体支出；project：项目支出")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def init_cmd(out: Path, kind: str, force: bool):
    """生成空白的数据填报工作簿（含填表说明和下拉选项）。"""
    if kind == "project":
        from .project_models import PROJECT_SHEETS

        specs, title = PROJECT_SHEETS, "项目支出绩效自评 数据填报表"
    else:
        specs, title = DEPARTMENT_SHEETS, "部门整体支出绩效自评 数据填报表"
    path = run(lambda: write_workbook(out, specs, force=force, title=title))
    click.echo(str(path))


@main.command("score")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scoring_options
def score_cmd(workbook: Path, rules: str, keep_entered_scores: bool):
    """打印评分表（指标、公式、数据、值、分值、得分），核对后再生成报告。"""
    from .score_table import score_text_table

    loaded = run(lambda: load(workbook, Options(rules, keep_entered_scores)))
    if loaded.scores is not None:  # shown even when incomplete: the working says what is missing
        click.echo(score_text_table(loaded))
    if loaded.problems:
        echo_problems(loaded.problems)
    if loaded.errors:
        sys.exit(1)


@main.command("templates")
def templates_cmd():
    """列出内置模板。"""
    for info in registry().values():
        click.echo(f"{info.name:<12} {info.description}")


from .cli_batch import batch_cmd  # noqa: E402
main.add_command(batch_cmd)


if __name__ == "__main__":
    main()
