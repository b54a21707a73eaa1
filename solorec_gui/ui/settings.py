"""Persistent settings (QSettings) with typed defaults, read and written in one place.

One dict of defaults (after MNELAB's ``settings.py``): every read is typed from
its default, so a corrupt or foreign value falls back instead of crashing the
window. Tests call :func:`use_path` to point the store at ``tmp_path``; nothing
else in the UI constructs a ``QSettings`` directly.

Training settings are stored as a plain dict (JSON) rather than a
``TrainConfig``: building a ``TrainConfig`` imports torch, and the window must
appear before torch is imported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "SoloRec"
APPLICATION = "SoloRec"
MAX_RECENT = 8

#: The lecture's defaults (MF, dim 2, 100 epochs, Adam lr 0.1, no weight decay, seed 43052).
DEFAULT_TRAINING: dict[str, Any] = {
    "model": "mf",
    "dim": 2,
    "epochs": 100,
    "lr": 0.1,
    "weight_decay": 0.0,
    "seed": 43052,
    "batch_size": 0,
    "hidden": [15, 15],
    # Device and large-data recipe knobs (large_data_ui); the lecture's models ignore reg/bias_reg/blend.
    "device": "cpu",
    "reg": 0.1,
    "bias_reg": 0.01,
    "blend": 0.4,
}

DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter_main": QByteArray(),
    "window/splitter_side": QByteArray(),
    "view/heatmap": False,
    "view/log_loss": False,
    "file/last": "",
    "file/recent": [],
    "file/last_dir": "",
    "export/decimals": 2,
    "export/bom": False,
    # "Is the model right?" options (validation_panel.py)
    "validation/enabled": False,
    "validation/percent": 10,
    "validation/patience": 0,
    "ensemble/enabled": False,
    "ensemble/k": 5,
    "evaluate/folds": 5,
    "recommend/n": 5,
    "map/color_groups": True,
}

_path: Path | None = None


def use_path(path: str | Path | None) -> None:
    """Store settings in an INI file under ``path`` (tests); None = the platform default."""
    global _path
    _path = Path(path) if path is not None else None


def qsettings() -> QSettings:
    if _path is not None:
        _path.mkdir(parents=True, exist_ok=True)
        return QSettings(str(_path / "solorec.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def read(key: str) -> Any:
    default = DEFAULTS[key]
    value = qsettings().value(key, default)
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)
    if isinstance(default, list):
        if value is None:
            return []
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value]
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else QByteArray()
    try:
        return type(default)(value)
    except (TypeError, ValueError):
        return default


def write(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    qsettings().setValue(key, value)


def read_training() -> dict[str, Any]:
    """The last training settings, each checked against the default's type."""
    raw = qsettings().value("training/config", "")
    out = dict(DEFAULT_TRAINING)
    try:
        stored = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    for key, default in DEFAULT_TRAINING.items():
        if key not in stored:
            continue
        try:
            if isinstance(default, list):
                out[key] = [int(v) for v in stored[key]]
            else:
                out[key] = type(default)(stored[key])
        except (TypeError, ValueError):
            pass
    return out


def write_training(config: dict[str, Any]) -> None:
    keep = {k: config[k] for k in DEFAULT_TRAINING if k in config}
    qsettings().setValue("training/config", json.dumps(keep))


def add_recent(path: str) -> list[str]:
    recent = [p for p in read("file/recent") if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    write("file/recent", recent)
    return recent


def clear() -> None:
    qsettings().clear()
