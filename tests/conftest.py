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


def quick_params(params, epochs: int = 5):
    """``params`` with at most ``epochs`` epochs in it and in each of its parts (a blend's): fast tests."""
    from solorec_gui.core.models import Params

    changes = {}
    for name, value in params.to_dict().items():
        current = getattr(params, name)
        if isinstance(current, Params):
            changes[name] = quick_params(current, epochs)
        elif name == "epochs":
            changes[name] = min(int(value), epochs)
    return params.replace(**changes) if changes else params


@pytest.fixture
def quick_spec():
    """``quick_spec(name, epochs=5, **changes)``: a TrainSpec of model ``name`` with at most ``epochs``
    epochs in every part (whatever the model's own defaults), then ``changes``."""
    from solorec_gui.core.models import TrainSpec

    def make(name: str, epochs: int = 5, **changes):
        spec = TrainSpec(name)
        spec = TrainSpec(name, quick_params(spec.params, epochs))
        return spec.with_params(**changes) if changes else spec

    return make
