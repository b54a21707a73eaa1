"""What the window needs to know about the engine *before* torch is imported.

``solorec_gui.core.models`` and ``.training`` import torch (≈1.5 s), and the
window must appear first. The model list, descriptions and recipes live in
``solorec_gui.core.catalog``, which is plain Python: the window and the engine
import the same names, so they cannot disagree.
"""

from __future__ import annotations

import sys

from ..core import catalog

PRETTY = {
    "mf": "MF: matrix factorisation",
    "nn": "NN: neural network",
    "baseline": "Baseline: biases only",
    "mf-large": "MF for large data (biased, mini-batch, L2)",
    "autorec": "AutoRec: item autoencoder",
    "mf+autorec": "MF + AutoRec blend (large data)",
}


def engine_loaded() -> bool:
    """True once torch and the models are imported (after the first training)."""
    return "solorec_gui.core.models" in sys.modules


def model_names() -> tuple[str, ...]:
    return tuple(catalog.MODEL_NAMES)


def model_descriptions() -> dict[str, str]:
    return dict(catalog.MODEL_DESCRIPTIONS)


def pretty_name(name: str) -> str:
    return PRETTY.get(name, name)
