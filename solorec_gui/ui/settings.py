"""Persistent settings (QSettings) with typed defaults, read and written in one place.

One dict of defaults (after MNELAB's ``settings.py``): every read is typed from
its default, so a corrupt or foreign value falls back instead of crashing the
window. Tests call :func:`use_path` to point the store at ``tmp_path``; nothing
else in the UI constructs a ``QSettings`` directly.

The models' settings are not here: each model keeps its own, per file, as JSON
of its ``Params`` (``model_settings.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "SoloRec"
APPLICATION = "SoloRec"
MAX_RECENT = 8

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
    # the window's language: "" follows the system locale, else "en" or "ko" (i18n.py)
    "view/language": "",
    # item names remembered with their rating file: "rating file\tnames file" lines (item_names_ui.py)
    "file/item_names": [],
}

_path: Path | None = None
#: The one QSettings of the store in use: writes stay in memory and Qt writes the file once, from the
#: event loop, after a burst of them (a new QSettings per call wrote the whole file at every write:
#: F5, which remembers the settings shown, stalled the GUI thread ~50 ms per write on a busy disk).
_store: QSettings | None = None


def use_path(path: str | Path | None) -> None:
    """Store settings in an INI file under ``path`` (tests); None = the platform default."""
    global _path
    sync()
    _path = Path(path) if path is not None else None


def qsettings() -> QSettings:
    global _store
    if _store is None:
        if _path is not None:
            _path.mkdir(parents=True, exist_ok=True)
            _store = QSettings(str(_path / "solorec.ini"), QSettings.Format.IniFormat)
        else:
            _store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    return _store


def sync() -> None:
    """Write pending changes to the file now (the window does on closing) and forget the store."""
    global _store
    if _store is not None:
        _store.sync()
        _store = None


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


def add_recent(path: str) -> list[str]:
    recent = [p for p in read("file/recent") if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    write("file/recent", recent)
    return recent


def clear() -> None:
    qsettings().clear()
