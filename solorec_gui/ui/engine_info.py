"""What the window needs to know about the engine *before* torch is imported.

The model registry (``solorec_gui.core.models``) lists every model, its display
name, description and settings without importing torch, so the window shows
them at once; ``core.fit`` (the training loop) imports torch and is loaded by
the first training, in the worker thread.

Stage-1 bridge: the training panel still speaks a flat dict of settings
(``{"model": "mf", "dim": 2, "epochs": 100, ...}``); :func:`spec_from_config`
and :func:`config_from_spec` translate between it and the engine's
:class:`~solorec_gui.core.models.TrainSpec`.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

from ..core.errors import ConfigError
from ..core.models import Params, TrainSpec, model_class, model_classes
from ..core.models import model_names as _registry_names


def engine_loaded() -> bool:
    """True once the training loop (and torch) are imported (after the first training)."""
    return "solorec_gui.core.fit" in sys.modules


def model_names() -> tuple[str, ...]:
    return tuple(_registry_names())


def large_model_names() -> tuple[str, ...]:
    return tuple(c.name for c in model_classes() if c.large_data)


def model_descriptions() -> dict[str, str]:
    return {c.name: c.description for c in model_classes()}


def pretty_name(name: str) -> str:
    try:
        return model_class(name).display_name or name
    except ConfigError:
        return name


def _flat(params: Params) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(params):
        value = getattr(params, f.name)
        if isinstance(value, Params):
            continue
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def spec_from_config(config: dict[str, Any]) -> TrainSpec:
    """A TrainSpec from the panel's flat dict: the keys the model has are taken, the rest ignored."""
    name = str(config.get("model") or "mf")
    cls = model_class(name)
    params = cls.Params()
    names = {f.name for f in dataclasses.fields(params) if not isinstance(getattr(params, f.name), Params)}
    changes = {k: v for k, v in config.items() if k in names and v is not None}
    if "batch_size" in changes and not changes["batch_size"]:
        changes["batch_size"] = 0
    params = params.replace(**changes) if changes else params.validate()
    patience = config.get("patience") or None
    return TrainSpec(name, params, patience, str(config.get("device") or "cpu")).validate()


def config_from_spec(spec: TrainSpec) -> dict[str, Any]:
    """The panel's flat dict for a spec (the model's own settings, device and patience)."""
    return {"model": spec.model, **_flat(spec.params), "device": spec.device, "patience": spec.patience}


def spec_epochs(spec: TrainSpec) -> int:
    """Epochs one training of ``spec`` runs at most: a blend's parts' epochs added (MF + AutoRec: 25 + 35)."""

    def total(params: Params) -> int:
        nested = [getattr(params, f.name) for f in dataclasses.fields(params) if isinstance(getattr(params, f.name), Params)]
        if nested:
            return sum(total(p) for p in nested)
        return int(getattr(params, "epochs", 1))

    return total(spec.params)
