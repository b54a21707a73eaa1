"""The recommenders: one module each, registered by :func:`~.base.register`.

``load_all()`` imports every module of this package, so a new model is one new
file here. Importing this package does not import torch (see ``base``).
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import (
    LECTURE_SEED,
    MAX_LR,
    REGISTRY,
    GradientParams,
    Params,
    Phase,
    Recommender,
    TrainSpec,
    create,
    model_class,
    model_classes,
    model_names,
    register,
    setting,
)

__all__ = [
    "LECTURE_SEED",
    "MAX_LR",
    "REGISTRY",
    "GradientParams",
    "Params",
    "Phase",
    "Recommender",
    "TrainSpec",
    "create",
    "load_all",
    "model_class",
    "model_classes",
    "model_names",
    "register",
    "setting",
]

_loaded = False


def load_all() -> None:
    """Import every model module of this package once (each registers itself)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base" and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
