"""pytest plugin for bench/mutation.py: run a mutant's tests fastest first.

mutmut 3 hands pytest the tests that call the mutated function in no particular order and stops
at the first failure (-x). Most mutants are killed by some quick unit test, so running the
quick ones first (by the durations mutmut measured, mutants/mutmut-stats.json) saves the slow
render and batch tests for the mutants that survive everything else. Loaded with
`-p bench.mutmut_order` from pyproject.toml [tool.mutmut]; it does nothing without that file.
"""
from __future__ import annotations

import json
from pathlib import Path


def pytest_collection_modifyitems(session, config, items):
    stats = Path("mutmut-stats.json")  # mutmut runs pytest inside mutants/
    if not stats.is_file():
        return
    try:
        durations = json.loads(stats.read_text("utf-8")).get("duration_by_test", {})
    except (OSError, ValueError):
        return
    if durations:
        items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))
