"""The template options every command shares, and `genreport template new | check | fields`.

Only options in and messages out: the work is in generator.render (copy, check, fields). Errors
reach the one error edge of the CLI (cli.Main.invoke) like every other command's.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from generator.errors import UsageError
from generator.kinds.registry import KINDS
from generator.pdf.fonts import FONT_MAP
from generator.render.check import check_template, has_errors
from generator.render.copy import new_template
from generator.render.fields import reference
from generator.render.registry import template_info

TEMPLATE_HELP = "模板：名称（见 genreport templates）或 .docx 文件的路径"


def template_dir_option(f):
    return click.option("--template-dir", envvar="GENREPORT_TEMPLATE_DIR", type=click.Path(file_okay=False),
                        help="本单位的模板文件夹（其中每个 .docx 是一个模板，以文件名为名称）；"
                             "也可设环境变量 GENREPORT_TEMPLATE_DIR")(f)


def template_options(default: str | None = "provincial", required: bool = False, flags=("-t", "--template"),
                     help: str = TEMPLATE_HELP):
    """--template (a name or a .docx path) and --template-dir, as every command that takes a template has them;
    passes `template` as the resolved TemplateInfo (None when not given), so a bad name is a usage error
    before any work, and a batch hands its workers the file and settings, not a name."""
    def decorate(f):
        @functools.wraps(f)
        def build(template: str | None, template_dir: str | None, **kwargs):
            return f(template=template_info(template, template_dir) if template else None, **kwargs)

        build = template_dir_option(build)
        return click.option(*flags, "template", default=default, required=required, show_default=bool(default),
                            help=help)(build)
    return decorate


@click.group("template")
def template_group():
    """制作和检查自己的模板：new 复制一个模板，check 检查，fields 列出可用的字段。

    \b
    genreport template new 我的模板.docx --from provincial
    （用 Word 修改 我的模板.docx）
    genreport template check 我的模板.docx
    genreport 数据.xlsx --template 我的模板.docx
    """


@template_group.command("new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@template_options(default="provincial", flags=("--from",), help="从哪个模板复制：名称或 .docx 路径")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def new_cmd(file: Path, template, force: bool):
    """复制一个模板到 FILE（.docx），设置写在文件里，引入的表格和签字栏也都写进去，可以直接在 Word 中修改。"""
    if file.suffix.lower() != ".docx":
        raise UsageError(f"模板文件名应以 .docx 结尾：{file}")
    click.echo(str(new_template(template, file, force=force)))


@template_group.command("check")
@click.argument("template_ref", metavar="FILE")
@template_dir_option
def check_cmd(template_ref: str, template_dir: str | None):
    """检查模板 FILE（.docx 路径或模板名称）：标签写法、字段和过滤器、字体、页面设置；有错误时退出码为 1。"""
    info = template_info(template_ref, template_dir)
    problems = check_template(info, FONT_MAP)
    for p in problems:
        click.echo(f"{p.severity.value} {p}", err=True)
    n_err = sum(p.is_error for p in problems)
    if problems:
        click.echo(f"共 {n_err} 个错误，{len(problems) - n_err} 个警告", err=True)
    if has_errors(problems):
        sys.exit(1)
    label = info.name if info.builtin else info.origin
    click.echo(f"{label}: 检查通过（{KINDS[info.kind].label}模板）" + ("（有警告，见上）" if problems else ""))


@template_group.command("fields")
@click.option("--kind", type=click.Choice(list(KINDS)), default=None, help="只列出一种工作簿的字段（默认两种都列）")
def fields_cmd(kind: str | None):
    """列出模板可以使用的全部字段和过滤器，带类型和示例值。"""
    click.echo(reference((kind,) if kind else tuple(KINDS)))
