"""The `genreport` command: options in, library calls, messages and exit codes out.

Exit codes: 0 done, 1 problems in the input (or a unit of a batch failed), 2 wrong usage.
No input problem ever ends in a Python traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import GenreportError, InputProblems, Problem, errors_of
from .models import DEPARTMENT_SHEETS
from .pipeline import generate, validate
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


@main.command("render")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-t", "--template", default="provincial", show_default=True, help="模板名称（见 genreport templates）")
@click.option("-o", "--output", "out_dir", default=".", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认当前文件夹）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def render_cmd(workbook: Path, template: str, out_dir: Path, force: bool):
    """生成一份报告，输出文件路径。"""
    if not workbook.exists():
        raise click.BadParameter(f"文件不存在：{workbook}", param_hint="WORKBOOK")
    path = run(lambda: generate(workbook, template, out_dir, force=force))
    click.echo(str(path))


@main.command("validate")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-t", "--template", default=None, help="同时检查该模板需要的内容")
def validate_cmd(workbook: Path, template: str | None):
    """检查工作簿，列出全部问题；无错误时退出码为 0。"""
    problems = run(lambda: validate(workbook, template))
    if problems:
        echo_problems(problems)
    if errors_of(problems):
        sys.exit(1)
    click.echo(f"{workbook}: 检查通过" + ("（有警告，见上）" if problems else ""))


@main.command("init")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def init_cmd(out: Path, force: bool):
    """生成空白的数据填报工作簿（含填表说明和下拉选项）。"""
    path = run(lambda: write_workbook(out, DEPARTMENT_SHEETS, force=force))
    click.echo(str(path))


@main.command("templates")
def templates_cmd():
    """列出内置模板。"""
    for info in registry().values():
        click.echo(f"{info.name:<12} {info.description}")


if __name__ == "__main__":
    main()
