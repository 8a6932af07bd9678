import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output (review the diff before committing)")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture
def workbook(tmp_path):
    """Write a department workbook from builders' data; returns its path."""
    import builders

    def make(data=None, name="data.xlsx"):
        return builders.write(tmp_path / name, data)

    return make
