"""`genreport batch`: many workbooks into one folder, a summary workbook, and an exit code.

Exit codes: 0 every unit succeeded, 1 any unit failed (or the run could not start, e.g.
--pdf without LibreOffice), 2 wrong usage (no such input, unknown template). 130 on Ctrl-C,
after which `--resume` continues where the run stopped.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .batch import SUMMARY_NAME, run_batch
from .errors import GenreportError
from .pipeline import Options
from .progress import BatchProgress, duplicate_lines, summary_line


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-t", "--template", required=True, help="模板名称（见 genreport templates）")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=f"输出文件夹：报告、{SUMMARY_NAME}、续跑记录都在这里")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="并行进程数（默认为 CPU 核数）")
@click.option("--pdf", is_flag=True, help="同时输出 PDF（需要 LibreOffice）")
@click.option("--resume", is_flag=True, help="跳过上次已完成且输入未改动的工作簿")
@click.option("--zip", "make_zip", is_flag=True, help="把全部报告和汇总打包为一个 .zip")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条和逐个失败信息，只输出最后一行")
# The same two options as `genreport render` (cli.scoring_options, not imported: cli imports this module).
@click.option("--rules", default="hunan", show_default=True,
              help="评分规则：内置名称（hunan、strict-example）或 .toml 文件路径")
@click.option("--keep-entered-scores", is_flag=True, help="报告采用评价组填写的得分，而不是按规则计算的得分")
def batch_cmd(inputs: tuple[str, ...], template: str, out_dir: Path, workers: int | None, pdf: bool, resume: bool,
              make_zip: bool, quiet: bool, rules: str, keep_entered_scores: bool):
    """批量生成：INPUT 可以是工作簿、文件夹（递归查找 .xlsx）或通配符（如 "各单位/*.xlsx"）。

    \b
    一个单位出错不影响其他单位；结束时写出 输出文件夹/汇总.xlsx（每个工作簿一行，问题逐条列出单元格）。
    中途被终止后加 --resume 重新运行，已完成且未改动的不再重做。
    """
    try:
        with BatchProgress(quiet) as progress:
            result = run_batch(inputs, template, out_dir, workers=workers, pdf=pdf, resume=resume,
                               make_zip=make_zip, progress=progress,
                               options=Options(rules, keep_entered_scores))
    except GenreportError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("已中断。已完成的报告都已保存；加 --resume 重新运行即从中断处继续。", err=True)
        sys.exit(130)
    if not quiet:
        for line in duplicate_lines(result):
            click.echo(line, err=True)
    click.echo(summary_line(result))
    sys.exit(0 if result.ok else 1)
