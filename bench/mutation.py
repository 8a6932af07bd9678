"""Mutation testing of the modules where a bug changes a printed figure or loses a file.

    python bench/mutation.py            # run (incremental: only mutants of changed functions rerun)
    python bench/mutation.py --report   # the figures of the last run, without running
    python bench/mutation.py --fresh    # forget earlier results (delete mutants/) and run everything
    python bench/mutation.py --against tests/x.py --only 'generator.units.*'
                                        # which of those mutants the given tests alone kill (a quick
                                        # check while writing tests; records nothing)

Uses mutmut 3 (installed on demand, or `pip install -e .[mutation]`), configured in pyproject.toml
[tool.mutmut]: which modules are mutated, which tests run. mutmut copies the project into
mutants/, mutates one function at a time there and runs the tests that call that function; a
mutant is "killed" when a test fails. Results are kept in mutants/, so a second run only tests
mutants of functions whose source changed (or whose tests changed).

Mutants listed in tests/EQUIVALENT_MUTANTS.md change nothing a user can see; each line names the
mutant and the line it writes, and is honoured only while the mutant still writes that line (an
edit that renumbers mutants makes the entry stale, and it is then counted as a survivor again).

The last line printed is `mutation score: N% (killed/total)`, total leaving out the equivalent
mutants. Not part of .ci/run: a fresh run takes hours on two cores (README: 开发), a rerun only what changed.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tests" / "EQUIVALENT_MUTANTS.md"
WORKERS = 2
REQUIREMENT = "mutmut>=3.8,<4"
GENERATE = "generator.units.*"  # a module with few, quick mutants (see run)
# mutmut's exit codes (mutmut.stats.status_by_exit_code): a test failed, or the mutant hung
# and was stopped, or it broke pytest itself. Anything else (survived, no tests) is not caught.
KILLED = {1, 3, 36, -24, 24, 152, 255, 37}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}
_ROW = re.compile(r"^\|\s*`([\w.]+__mutmut_\d+)`\s*\|\s*`(.+?)`\s*\|")


def mutmut_command() -> list[str]:
    """mutmut in this interpreter's environment, installed first if missing."""
    if importlib.util.find_spec("mutmut") is None:
        print(f"mutmut is not installed; installing {REQUIREMENT} (or: pip install -e .[mutation])", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", REQUIREMENT], check=True)
    exe = Path(sys.executable).with_name("mutmut")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from mutmut.__main__ import cli; cli()"]


def prepare() -> tuple[int, int]:
    """Before the run: every mutant not killed last time is marked unchecked, since tests added since
    may kill it; a mutant listed as equivalent (and still writing the line listed) is marked done, so
    it is not run at all: no test can kill it, and it would run every test of its function.

    (mutmut itself reruns only mutants of functions whose source changed.) Returns (retried, skipped)."""
    codes = results()
    honoured, _ = equivalents(codes, update=True)
    if any(code in (5, 33) for code in codes.values()):
        # mutmut maps tests to functions only when it collects its stats; an incremental run
        # maps new tests but not a function added since, whose mutants then find "no tests".
        (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    retried = skipped = 0
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        data = json.loads(meta.read_text("utf-8"))
        codes = data["exit_code_by_key"]
        for name, code in codes.items():
            if name in honoured:
                if code is None:
                    codes[name] = 0
                    skipped += 1
            elif code is not None and code not in KILLED:
                codes[name] = None
                retried += 1
        meta.write_text(json.dumps(data, indent=4), "utf-8")
    return retried, skipped


def run(fresh: bool) -> None:
    command = mutmut_command()
    if fresh:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("CI", None)  # the PDF tests are not selected; CI=true would only make skips failures
    started = time.monotonic()
    # mutmut makes the mutants (of changed modules) and its test map at the start of a run; a first
    # run over units.py's few mutants does that, so the equivalents can be marked before the real run.
    first = subprocess.run([*command, "run", "--max-children", str(WORKERS), GENERATE], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL)
    if first.returncode != 0:
        sys.exit(f"mutmut run {GENERATE} failed (exit {first.returncode})")
    retried, skipped = prepare()
    print(f"{retried} mutants not killed last time are tested again; {skipped} listed as equivalent are not run",
          flush=True)
    done = subprocess.run([*command, "run", "--max-children", str(WORKERS)], cwd=ROOT, env=env)
    if done.returncode != 0:
        sys.exit(f"mutmut run failed (exit {done.returncode})")
    print(f"\nmutmut run: {(time.monotonic() - started) / 60:.1f} min on {WORKERS} workers", flush=True)


def results() -> dict[str, int | None]:
    """Every mutant of the configured modules and its exit code, from mutants/**/*.meta."""
    codes: dict[str, int | None] = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        codes.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return codes


def module_of(name: str) -> str:
    """generator.output.x_cut__mutmut_3 → generator.output (methods are named …xǁClassǁmethod__mutmut_N)."""
    return name.split(".x_")[0].split(".xǁ")[0]


@functools.lru_cache(maxsize=None)
def mutated_line(name: str) -> str | None:
    """The line the mutant writes (the first added line of its diff), or None if it is gone."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    path = Path(*module_of(name).split(".")).with_suffix(".py")
    try:
        diff = get_diff_for_mutant(name, path=path)
    except Exception:  # noqa: BLE001 - a mutant that no longer exists: the entry is stale
        return None
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return added[0] if added else None


def _same_line(a: str | None, b: str) -> bool:
    return " ".join((a or "").split()) == " ".join(b.split())


def equivalents(codes: dict[str, int | None], update: bool = False) -> tuple[set[str], list[str]]:
    """(names honoured as equivalent, stale lines); only surviving mutants need an entry.

    An edit elsewhere in a function renumbers its mutants: an entry whose mutant no longer writes its
    line is looked for among the other mutants of the same function, and honoured under the number
    that writes it (with `update`, the file is rewritten with the new numbers)."""
    honoured, stale = set(), []
    if not EQUIVALENTS.exists():
        return honoured, stale
    cwd = os.getcwd()
    os.chdir(ROOT)
    rows = EQUIVALENTS.read_text("utf-8").splitlines()
    listed = {m.group(1) for m in map(_ROW.match, rows) if m}
    moved = {}
    try:
        for line in rows:
            m = _ROW.match(line)
            if not m:
                continue
            name, written = m.group(1), m.group(2).replace("\\|", "|")
            if name in codes and _same_line(mutated_line(name), written):
                honoured.add(name)
                continue
            function = name.rsplit("__mutmut_", 1)[0]
            found = [n for n in codes if n.rsplit("__mutmut_", 1)[0] == function and n not in listed
                     and n not in moved.values() and _same_line(mutated_line(n), written)]
            if len(found) == 1:
                honoured.add(found[0])
                moved[name] = found[0]
            else:
                stale.append(f"{name} (now writes: {mutated_line(name) if name in codes else 'no such mutant'})")
    finally:
        os.chdir(cwd)
    if moved and update:
        text = EQUIVALENTS.read_text("utf-8")
        for old, new in moved.items():
            text = text.replace(f"`{old}`", f"`{new}`")
        EQUIVALENTS.write_text(text, "utf-8")
    return honoured, stale


def report() -> None:
    codes = results()
    if not codes:
        sys.exit("no results: run python bench/mutation.py first")
    honoured, stale = equivalents(codes)
    by_module: dict[str, Counter] = {}
    missed = []
    for name, code in sorted(codes.items()):
        c = by_module.setdefault(module_of(name), Counter())
        if name in honoured:
            c["equivalent"] += 1
        elif code in KILLED:
            c["killed"] += 1
        else:
            c["missed"] += 1
            missed.append(f"  {name}: {SURVIVED.get(code, 'not checked' if code is None else f'exit {code}')}")
    print(f"\n{'module':<42} {'killed':>7} {'missed':>7} {'equiv.':>7}")
    for module, c in by_module.items():
        print(f"{module:<42} {c['killed']:>7} {c['missed']:>7} {c['equivalent']:>7}")
    if missed:
        print(f"\nnot killed ({len(missed)}; see with: mutmut show NAME):")
        print("\n".join(missed))
    if stale:
        print(f"\nstale entries in {EQUIVALENTS.relative_to(ROOT)} (counted as not killed):")
        print("\n".join(f"  {s}" for s in stale))
    killed = sum(c["killed"] for c in by_module.values())
    total = len(codes) - len(honoured)
    unchecked = sum(1 for code in codes.values() if code is None)
    print(f"\n{len(codes)} mutants, {len(honoured)} equivalent (tests/EQUIVALENT_MUTANTS.md)")
    if unchecked:
        print(f"{unchecked} mutants not checked yet (the run was stopped): counted as not killed; run again to finish")
    # rounded down, so that 5430 of 5432 does not print as 100.0%
    print(f"mutation score: {math.floor(1000 * killed / total) / 10:.1f}% ({killed}/{total})")


def against(tests: list[str], pattern: str, everything: bool) -> None:
    """Run each mutant matching `pattern` against `tests` only; print those not killed.

    As mutmut does, the tests are imported once and each mutant runs in a forked child, so a mutant
    costs its tests' time, not an interpreter's start. The tests are copied into mutants/ first.
    Mutants already killed by a recorded run, and honoured equivalents, are skipped unless
    `everything`. mutants/ holds the source as of the last mutmut run: run `python bench/mutation.py`
    (or any `mutmut run NAME`) once after editing a mutated module."""
    import fnmatch
    import resource  # Unix only, as os.fork is: --report and the run itself do not need it

    codes = results()
    if not codes:
        sys.exit("no mutants yet: run python bench/mutation.py first")
    honoured, _ = equivalents(codes)
    names = sorted(n for n, code in codes.items() if fnmatch.fnmatch(n, pattern)
                   and (everything or (code not in KILLED and n not in honoured)))
    lines = {n: mutated_line(n) for n in names}
    for t in tests:
        target = ROOT / "mutants" / t
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / t, target)
    os.environ.pop("CI", None)
    os.environ["MUTANT_UNDER_TEST"] = ""
    os.chdir(ROOT / "mutants")
    sys.path.insert(0, str(ROOT / "mutants"))
    import pytest

    args = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *tests]

    def run_in_child(name: str, limit: int = 0) -> int:
        """pytest's exit code with mutant `name` active; past `limit` CPU seconds (if any) it is stopped."""
        pid = os.fork()
        if pid == 0:
            if limit:
                used = int(time.process_time()) + limit
                resource.setrlimit(resource.RLIMIT_CPU, (used, used + 1))
            os.environ["MUTANT_UNDER_TEST"] = name
            sys.stdout = sys.stderr = open(os.devnull, "w")
            os._exit(int(pytest.main(args)))
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    if run_in_child("") != 0:
        sys.exit("the tests fail without any mutant in mutants/: run python bench/mutation.py to refresh it")
    # a mutant may take 4 × the tests' own CPU time plus 10 s: one that loops forever is stopped
    limit = int(4 * (resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before)) + 10
    with contextlib.redirect_stdout(open(os.devnull, "w")):  # import once, before forking
        pytest.main(["--collect-only", "-qq", "-p", "no:cacheprovider", *tests])
    survived = []
    for name in names:
        if run_in_child(name, limit) == 0:
            survived.append(name)
            print(f"survived  {name}\t{lines[name]}", flush=True)
    print(f"{len(names) - len(survived)} of {len(names)} mutants killed by {' '.join(tests)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="only print the figures of the last run")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first: every mutant is tested again")
    parser.add_argument("--against", nargs="+", metavar="TEST", help="only run the mutants of --only against these tests")
    parser.add_argument("--only", default="*", help="with --against: mutant names matching this pattern")
    parser.add_argument("--all", action="store_true", help="with --against: also mutants already killed")
    args = parser.parse_args()
    if args.against:
        os.chdir(ROOT)
        against(args.against, args.only, args.all)
        return
    if not args.report:
        run(args.fresh)
    report()


if __name__ == "__main__":
    main()
