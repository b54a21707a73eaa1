"""What the window needs to know about the engine *before* torch is imported.

The model registry (``solorec_gui.core.models``) lists every model, its display
name, description and settings without importing torch, so the window shows
them at once; ``core.fit`` (the training loop) imports torch and is loaded by
the first training, in the worker thread.
"""

from __future__ import annotations

import dataclasses
import sys

from ..core.models import Params, TrainSpec


def engine_loaded() -> bool:
    """True once the training loop (and torch) are imported (after the first training)."""
    return "solorec_gui.core.fit" in sys.modules


def spec_epochs(spec: TrainSpec) -> int:
    """Epochs one training of ``spec`` runs at most: a blend's parts' epochs added (MF + AutoRec: 25 + 35)."""

    def total(params: Params) -> int:
        nested = [getattr(params, f.name) for f in dataclasses.fields(params) if isinstance(getattr(params, f.name), Params)]
        if nested:
            return sum(total(p) for p in nested)
        return int(getattr(params, "epochs", 1))

    return total(spec.params)


__all__ = ["engine_loaded", "spec_epochs"]
