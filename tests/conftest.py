"""Shared fixtures: the bundled dataset, test data and the real datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))


def pytest_collection_modifyitems(config, items):
    if os.environ.get("SOLOREC_SLOW"):
        return
    skip = pytest.mark.skip(reason="slow; set SOLOREC_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def solo_path() -> Path:
    return ROOT / "resources" / "solo.csv"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def datasets() -> Path:
    if not DATASETS.is_dir():
        pytest.skip(f"real datasets not found at {DATASETS} (set SOLOREC_DATASETS)")
    return DATASETS
