"""Where bundled resources live: resolved here, in one place.

``resources/`` sits beside the package at the top of the project (the layout
is fixed by the design). An editable install and a run from the checkout find
it there; ``SOLOREC_RESOURCES`` overrides it for other layouts.
"""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("SOLOREC_RESOURCES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "resources"


def resource(name: str) -> Path:
    return resources_dir() / name


def bundled_dataset() -> Path:
    """The lecture's 9 × 8 dating-show table, the default dataset."""
    return resource("solo.csv")
