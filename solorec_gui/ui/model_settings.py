"""Each model's settings, remembered per file; which model a file was trained with; the device.

The rule (issue 9): each model keeps its own settings (never one flat set shared
by models with different needs); a file opens with the defaults for its size
(the engine's ``recommended_spec``: the lecture's MF for a small table, the
large-data recipe for MovieLens-size data) unless the user changed them *for
that file*. So what is stored is the user's changes, per file:

    files/<key>/model          the model chosen for this file (absent: the recommended one)
    files/<key>/params/<name>  Params.to_dict() JSON of a model whose settings differ from its defaults
    files/<key>/device         auto / cpu / cuda when changed from the default for the file's size
    files/order                the files with stored settings, newest first (at most MAX_FILES)

``<key>`` is a hash of the file's absolute path. Reading never crashes: JSON
that does not parse, a model that no longer exists, keys of an older version
(ignored by ``Params.from_dict``) and values out of range (each field is tried
alone; the bad ones take the default) all fall back to the defaults. A
document without a file (a copy, a new table) keeps its settings in memory only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from ..core.errors import SoloRecError
from ..core.models import Params, model_class, model_names
from . import settings

log = logging.getLogger(__name__)

MAX_FILES = 40
DEVICES = ("auto", "cpu", "cuda")


def file_key(path: str | Path) -> str:
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def params_from_json(name: str, text: Any, defaults: Params | None = None) -> Params:
    """A model's Params from stored JSON; anything unusable falls back to the defaults (``defaults``: the
    model's defaults for the file's size, ``catalog.default_params``), field by field."""
    cls = model_class(name).Params
    base = defaults if defaults is not None else cls()
    if text in (None, ""):
        return base
    try:
        data = json.loads(text) if isinstance(text, (str, bytes)) else text
    except (TypeError, ValueError):
        return base
    if not isinstance(data, dict):
        return base
    try:
        if defaults is None:
            return cls.from_dict(data)
        names = {f.name for f in dataclasses.fields(cls)}
        return base.replace(**{k: v for k, v in data.items() if k in names and v is not None})
    except (SoloRecError, TypeError, ValueError, AttributeError):
        pass
    params = base
    for key, value in data.items():  # salvage what is valid
        try:
            params = params.replace(**{key: value})
        except (SoloRecError, TypeError, ValueError, AttributeError):
            continue
    return params


class ModelSettings:
    """The stored settings of one document (a file, or None for memory only)."""

    def __init__(self, path: str | Path | None) -> None:
        self.key = file_key(path) if path is not None else None
        self._memory: dict[str, Any] = {}

    # -- storage ---------------------------------------------------------------------------
    def _read(self, name: str) -> Any:
        if self.key is None:
            return self._memory.get(name)
        return settings.qsettings().value(f"files/{self.key}/{name}")

    def _write(self, name: str, value: Any) -> None:
        if self.key is None:
            if value is None:
                self._memory.pop(name, None)
            else:
                self._memory[name] = value
            return
        store = settings.qsettings()
        if value is None:
            store.remove(f"files/{self.key}/{name}")
        else:
            store.setValue(f"files/{self.key}/{name}", value)
        self._touch(store)

    def _touch(self, store) -> None:
        order = store.value("files/order") or []
        if isinstance(order, str):
            order = [order]
        order = [k for k in order if isinstance(k, str) and k != self.key]
        order.insert(0, self.key)
        for old in order[MAX_FILES:]:
            store.remove(f"files/{old}")
        store.setValue("files/order", order[:MAX_FILES])

    # -- what the panel asks ------------------------------------------------------------------
    def chosen_model(self) -> str | None:
        name = self._read("model")
        return name if isinstance(name, str) and name in model_names() else None

    def set_chosen_model(self, name: str | None) -> None:
        self._write("model", name)

    def params(self, name: str, defaults: Params | None = None) -> Params:
        """The model's settings for this file: the user's changes, else the model's defaults (``defaults``:
        those for the file's size)."""
        return params_from_json(name, self._read(f"params/{name}"), defaults)

    def has_params(self, name: str) -> bool:
        return self._read(f"params/{name}") not in (None, "")

    def set_params(self, name: str, params: Params, defaults: Params | None = None) -> None:
        """Remember ``params`` for this file (settings equal to the defaults — ``defaults``, else the
        model's ``Params()`` — are not stored)."""
        if params == (defaults if defaults is not None else type(params)()):
            self._write(f"params/{name}", None)
        else:
            self._write(f"params/{name}", json.dumps(params.to_dict()))

    def device(self) -> str | None:
        value = self._read("device")
        return value if value in DEVICES else None

    def set_device(self, device: str | None) -> None:
        self._write("device", device)

    def copy_from(self, other: ModelSettings) -> None:
        """Take another document's stored settings (a copy of a file starts with the file's)."""
        for name in model_names():
            if other.has_params(name):
                self.set_params(name, other.params(name))
        self.set_chosen_model(other.chosen_model())
        self.set_device(other.device())


def differences_from(params: Params, defaults: Params) -> list[tuple[str, Any, Any]]:
    """(setting, value, default) of each setting of ``params`` that differs from ``defaults`` (the defaults
    for the file's size), in the engine's order and naming (``Params.differences``: a part's as ``part.name``)."""
    names: list[str] = []
    for name, _, _ in params.differences() + defaults.differences():
        if name not in names:
            names.append(name)

    def get(p: Params, dotted: str) -> Any:
        for part in dotted.split("."):
            p = getattr(p, part)
        return p

    return [(n, get(params, n), get(defaults, n)) for n in names if get(params, n) != get(defaults, n)]


__all__ = ["ModelSettings", "differences_from", "file_key", "params_from_json"]
