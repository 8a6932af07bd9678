"""Our .xlsx reader against openpyxl (read_only and normal) on the samples and one large workbook.

    python bench/bench_reader.py [--repeat 20] [--rows 20000]

Each (reader, workbook) runs in its own fresh process, so memory figures do not mix:
- time: mean wall seconds per read over --repeat reads (after one warm-up read);
- peak traced: the largest Python allocation during one read (tracemalloc), the reader's own cost
  (ru_maxrss cannot show it: importing the libraries sets a higher mark than reading these files).
Every reader is asked for the same thing: every cell value of every sheet. openpyxl gives floats,
which is why we do not use it (see generator/workbook/xlsx.py); this measures what it would cost.
The large workbook is the 003 sample with --rows extra 支出明细 rows, written by our writer.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = ("ours", "openpyxl-read-only", "openpyxl")

CHILD = r"""
import json, sys, time, tracemalloc
sys.path.insert(0, {root!r})
reader, path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
if reader == "ours":
    from generator.workbook.xlsx import read_xlsx
    def read():
        return sum(len(s.cells) for s in read_xlsx(path).sheets.values())
else:
    from openpyxl import load_workbook
    ro = reader == "openpyxl-read-only"
    def read():
        wb = load_workbook(path, read_only=ro, data_only=True)
        n = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
        wb.close()
        return n
cells = read()
t = time.perf_counter()
for _ in range(repeat):
    read()
seconds = (time.perf_counter() - t) / repeat
tracemalloc.start()
read()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({{"cells": cells, "seconds": seconds, "peak": peak}}))
"""


def large_workbook(folder: Path, rows: int) -> Path:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "samples"))
    from decimal import Decimal

    import make_heshan_sample  # noqa: E402
    from generator.kinds.department.models import DEPARTMENT_SHEETS  # noqa: E402
    from generator.workbook.writer import workbook_bytes  # noqa: E402

    data = make_heshan_sample.heshan()
    data["支出明细"] = list(data.get("支出明细", [])) + [
        {"分组": "基准测试", "项目": f"科目{i:05d}", "上级项目": None, "金额": Decimal(i) / 100, "金额单位": "元",
         "说明": "用于基准测试的明细行"} for i in range(rows)]
    path = folder / f"large-{rows}.xlsx"
    path.write_bytes(workbook_bytes(DEPARTMENT_SHEETS, data))
    return path


def measure(reader: str, path: Path, repeat: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), reader, str(path), str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        books = sorted((ROOT / "samples").glob("*.xlsx")) + [large_workbook(Path(tmp), args.rows)]
        print(f"{'workbook':<36} {'reader':<20} {'cells':>7} {'ms/read':>9} {'peak MB':>8}")
        for book in books:
            repeat = max(1, args.repeat // 10) if book.name.startswith("large") else args.repeat
            for reader in READERS:
                r = measure(reader, book, repeat)
                print(f"{book.name:<36} {reader:<20} {r['cells']:>7} {r['seconds'] * 1000:>9.1f} "
                      f"{r['peak'] / 2**20:>8.1f}")


if __name__ == "__main__":
    main()
