"""The `genreport` command: options in, library calls, messages and exit codes out.

Exit codes: 0 done, 1 problems in the input or output (named by place; in a batch, any unit
failed), 2 wrong usage, 3 a bug of ours, 130 interrupted. Every failure a user can cause
is turned into a message at one edge (`Main.invoke`), never a traceback.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from generator import __version__
from generator.batch import SUMMARY_NAME, run_batch
from generator.batch.progress import BatchProgress, duplicate_lines, summary_line
from generator.errors import GenreportError, InputProblems, Problem, UsageError, errors_of
from generator.kinds.registry import KINDS
from generator.output import file_error
from generator.pdf.fonts import FONT_MAP, font_problems
from generator.pdf.layout import layout_findings
from generator.pipeline import Options, generate_all, load, to_pdf, validate
from generator.render.check import check_template, has_errors
from generator.render.copy import new_template
from generator.render.fields import reference
from generator.render.registry import available, template_info
from generator.workbook.writer import write_workbook


def echo_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(f"{p.severity.value} {p}", err=True)
    n_err = len(errors_of(problems))
    click.echo(f"共 {n_err} 个错误，{len(problems) - n_err} 个警告", err=True)


class Main(click.Group):
    """`genreport DATA.xlsx …` means `genreport render DATA.xlsx …`; and the one error edge of every command."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["render", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except InputProblems as exc:
            echo_problems(exc.problems)
            click.echo(str(exc), err=True)
            sys.exit(exc.exit_code)
        except GenreportError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # reading the input, making a folder …: the path and what to do, in one line
            fault = file_error(exc)
            click.echo(f"错误：{fault}", err=True)
            sys.exit(fault.exit_code)
        except KeyboardInterrupt:
            click.echo("已中断。已完成的报告都已保存" + ("；加 --resume 重新运行即从中断处继续。"
                                               if ctx.invoked_subcommand == "batch" else "。"), err=True)
            sys.exit(130)
        except Exception as exc:  # a bug of ours: say so plainly rather than show a traceback
            if os.environ.get("GENREPORT_DEBUG"):
                raise
            click.echo(f"genreport 内部错误（{type(exc).__name__}: {exc}）。这不是您数据的问题；请把这条信息和工作簿"
                       f"发给维护人员。设置环境变量 GENREPORT_DEBUG=1 可看到详细信息。", err=True)
            sys.exit(3)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="genreport")
def main():
    """从 Excel 数据表生成预算绩效自评报告（Word / PDF）。

    \b
    genreport DATA.xlsx --template provincial     生成报告
    genreport validate DATA.xlsx                  只检查数据
    genreport init 新表.xlsx                      生成空白填报表
    genreport templates                           列出模板
    genreport template new 我的模板.docx --from provincial   复制一个模板来修改
    genreport template check 我的模板.docx        检查模板
    genreport serve                               在浏览器中使用（网页）
    """


def scoring_options(f):
    """--rules and --keep-entered-scores, as every command that scores takes them; passes `options`."""
    def build(rules: str | None, keep_entered_scores: bool, **kwargs):
        return f(options=Options(rules or "", keep_entered_scores), **kwargs)

    build.__name__, build.__doc__ = f.__name__, f.__doc__
    build = click.option("--keep-entered-scores", is_flag=True,
                         help="报告采用评价组填写的得分，而不是按规则计算的得分")(build)
    return click.option("--rules", default=None,
                        help="评分规则：内置名称或 .toml 文件路径；默认部门整体支出工作簿用 hunan，"
                             "项目支出工作簿用 project-2020")(build)


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


@main.command("render")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@template_options()
@click.option("-o", "--output", "out_dir", default=".", type=click.Path(path_type=Path),
              help="输出文件夹（默认当前文件夹）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@click.option("--each", is_flag=True, help="项目工作簿含多个项目时，每个项目单独生成一份报告")
@click.option("--pdf", is_flag=True, help="同时生成 PDF（需要 LibreOffice）")
@click.option("--preview", is_flag=True, help="生成 PDF 并把每页另存为 PNG 图片，便于不开 Word 快速查看")
@scoring_options
def render_cmd(workbook: Path, template, out_dir: Path, force: bool, each: bool, pdf: bool, preview: bool,
               options: Options):
    """生成报告，输出文件路径。"""
    if not workbook.exists():
        raise click.BadParameter(f"文件不存在：{workbook}", param_hint="WORKBOOK")
    paths = generate_all(workbook, template, out_dir, force=force, options=options, each=each)
    for path in paths:
        click.echo(str(path))
    if pdf or preview:
        # a missing font package does not stop the PDF, but its pages would be set in a fallback face
        for problem in font_problems():
            click.echo(f"警告：{problem}", err=True)
        for path in to_pdf(paths, force=force, preview=preview):
            click.echo(str(path))
            for finding in layout_findings(path):
                click.echo(f"警告：版面检查：{path.name} {finding}", err=True)


@main.command("validate")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@template_options(default=None, help="同时检查该模板需要的内容（名称或 .docx 路径）")
@scoring_options
def validate_cmd(workbook: Path, template, options: Options):
    """检查工作簿，列出全部问题；无错误时退出码为 0。"""
    problems = validate(workbook, template, options)
    if problems:
        echo_problems(problems)
    if errors_of(problems):
        sys.exit(1)
    click.echo(f"{workbook}: 检查通过" + ("（有警告，见上）" if problems else ""))


@main.command("init")
@click.argument("out", type=click.Path(path_type=Path))  # a folder there: one line from write_atomic
@click.option("--kind", type=click.Choice(list(KINDS)), default="department", show_default=True,
              help="department：部门整体支出；project：项目支出")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@click.option("--rules", default="", help="按哪个评分规则预填所需的行（默认同 render）")
def init_cmd(out: Path, kind: str, force: bool, rules: str):
    """生成空白的数据填报工作簿（含填表说明、下拉选项和评分规则需要的经费控制项目）。"""
    chosen = KINDS[kind]
    click.echo(str(write_workbook(out, chosen.sheets, chosen.init_rows(rules), force=force, title=chosen.init_title,
                                  notes=chosen.init_notes(rules))))


@main.command("score")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scoring_options
def score_cmd(workbook: Path, options: Options):
    """打印评分表（指标、公式、数据、值、分值、得分），核对后再生成报告。"""
    loaded = load(workbook, options)
    if loaded.scores is not None:  # shown even when incomplete: the working says what is missing
        click.echo(loaded.kind.score_table(loaded.scores))
    if loaded.problems:
        echo_problems(loaded.problems)
    if loaded.errors:
        sys.exit(1)


@main.command("templates")
@template_dir_option
def templates_cmd(template_dir: str | None):
    """列出可用的模板：内置模板，以及 --template-dir（或 GENREPORT_TEMPLATE_DIR）文件夹中的模板。"""
    for info in available(template_dir).values():
        origin = "内置" if info.builtin else f"本地 {info.path}"
        click.echo(f"{info.name:<12} {info.kind:<10} {origin}  {info.description}".rstrip())


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@template_options(default=None, required=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path),
              help=f"输出文件夹：报告、{SUMMARY_NAME}、续跑记录都在这里")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="并行进程数（默认为 CPU 核数）")
@click.option("--pdf", is_flag=True, help="同时输出 PDF（需要 LibreOffice）")
@click.option("--resume", is_flag=True, help="跳过上次已完成且输入未改动的工作簿")
@click.option("--zip", "make_zip", is_flag=True, help="把全部报告和汇总打包为一个 .zip")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条和逐个失败信息，只输出最后一行")
@scoring_options
def batch_cmd(inputs: tuple[str, ...], template, out_dir: Path, workers: int | None, pdf: bool, resume: bool,
              make_zip: bool, quiet: bool, options: Options):
    """批量生成：INPUT 可以是工作簿、文件夹（递归查找 .xlsx）或通配符（如 "各单位/*.xlsx"）。

    \b
    一个单位出错不影响其他单位；结束时写出 输出文件夹/汇总.xlsx（每个工作簿一行，问题逐条列出单元格）。
    中途被终止后加 --resume 重新运行，已完成且未改动的不再重做。
    退出码：0 全部成功，1 有单位失败，2 用法错误，130 被中断。
    """
    with BatchProgress(quiet) as progress:
        result = run_batch(inputs, template, out_dir, workers=workers, pdf=pdf, resume=resume,
                           make_zip=make_zip, progress=progress, options=options)
    for note in result.notes:
        click.echo(f"注意：{note}", err=True)
    if not quiet:
        for line in duplicate_lines(result):
            click.echo(line, err=True)
    click.echo(summary_line(result))
    sys.exit(0 if result.ok else 1)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；其他电脑要访问时用 0.0.0.0（须设定 --password）")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--data", default="genreport-data", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="数据文件夹：上传的工作簿、生成的报告和索引都保存在这里")
@click.option("--password", default=None, help="财政局页面的密码（也可用环境变量 GENREPORT_PASSWORD）")
@click.option("--max-upload-mb", default=20, show_default=True, type=int, help="上传文件大小上限（MB）")
def serve_cmd(host: str, port: int, data: Path, password: str | None, max_upload_mb: int):
    """启动网页：上传工作簿、查看问题、下载报告；财政局收集各单位的报表。"""
    try:
        # optional heavy dependency (the [web] extra): imported only when the page is asked for
        from generator.web.serve import serve
    except ImportError as exc:
        raise UsageError(f"网页功能需要额外的组件（缺少 {exc.name or exc}）：.venv/bin/pip install -e '.[web]'"
                         f"（或运行 bash .ci/setup）") from None
    serve(host, port, data, password, max_upload_mb)


@main.group("template")
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


if __name__ == "__main__":
    main()
