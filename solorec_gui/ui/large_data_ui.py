"""The training panel for large data: the engine's recommended recipe, its knobs, the device.

When a matrix with more than ``LARGE_DATA_THRESHOLD`` known ratings is opened
(MovieLens size), :class:`LargeDataSwitch` switches the panel to the engine's
``recommended_config(matrix)`` (the large-data recipe, device ``auto``), says
so in the panel, and leaves every field editable. Opening a small matrix again
restores the settings the switch replaced, unless the user changed the model
in between. Nothing is switched when the panel already shows a large recipe
(the user's own choice, or restored settings).

:class:`LargeDataControls` adds the rows the large recipes need to the panel's
form: the device (auto / cpu / cuda), the L2 weight on embeddings, the L2 weight
on biases and the MF share of the MF+AutoRec blend. Picking a large recipe in
the model combo fills in its tuned defaults.

The engine's ``training`` module imports torch (≈1.5 s), and neither start-up
nor opening a file may wait for that. So the recipe comes from the engine
itself when it is already loaded, and otherwise from the literals in its source
(``LARGE_DATA_THRESHOLD``, ``LARGE_DATA_MODEL`` in ``training.py``,
``LARGE_DEFAULTS`` in ``large.py``) read with ``ast``, the way
``engine_info`` reads the model list. A test checks both give the same config.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from ..core import catalog
from ..core.errors import InputError
from ..core.models import model_class
from . import engine_info

DEVICES = (
    ("auto", "auto (GPU when available)", "CUDA when torch finds a GPU, else the CPU"),
    ("cpu", "cpu", "Always the CPU (works everywhere)"),
    ("cuda", "cuda (GPU)", "An NVIDIA GPU; falls back to the CPU when none is found"),
)

#: What the panel shows for fields a recipe leaves to the engine.
PANEL_DEFAULTS = {
    "device": "cpu",
    "reg": model_class("mf-large").Params().reg,
    "bias_reg": model_class("mf-large").Params().bias_reg,
    "blend": model_class("mf+autorec").Params().blend,
}


def threshold() -> int:
    return int(catalog.LARGE_DATA_THRESHOLD)


def large_model_names() -> tuple[str, ...]:
    return engine_info.large_model_names()


def recipe_defaults(model: str) -> dict[str, Any]:
    """The tuned settings of a large recipe (empty for the lecture's models)."""
    if model not in large_model_names():
        return {}
    config = engine_info.config_from_spec(catalog.TrainSpec(model))
    config.pop("patience", None)
    config.pop("device", None)
    return config


def recommended(matrix: Any) -> dict[str, Any] | None:
    """The engine's ``recommended_config(matrix)`` as a panel dict when it picks a large recipe, else None."""
    config = engine_info.config_from_spec(catalog.recommended_spec(matrix))
    if config["model"] not in large_model_names():
        return None
    config["device"] = "auto"
    return config


def _float_field(tip: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setToolTip(tip)
    return edit


class LargeDataControls:
    """Device and large-recipe rows added to the training panel's form."""

    def __init__(self, panel: Any, form: QFormLayout) -> None:
        self.panel = panel
        self.device = QComboBox()
        for name, text, tip in DEVICES:
            self.device.addItem(text, name)
            self.device.setItemData(self.device.count() - 1, tip, 3)  # Qt.ToolTipRole
        self.device.setToolTip("Where torch trains: auto = the GPU when there is one; everything works on the CPU")
        self.reg = _float_field("Large recipes: L2 weight on the embeddings of each mini-batch (AutoRec: λ)")
        self.bias_reg = _float_field("Large recipes: L2 weight on the user and item biases (smaller than the above)")
        self.blend = _float_field("MF+AutoRec: the MF's share of the blended prediction (0–1)")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#1d55b3;")
        self.note.setVisible(False)
        self._form = form
        form.addRow("Device:", self.device)
        form.addRow("L2 (embeddings):", self.reg)
        form.addRow("L2 (biases):", self.bias_reg)
        form.addRow("Blend (MF share):", self.blend)
        form.addRow(self.note)
        panel.model_combo.activated.connect(self._on_model_picked)
        self.set_config(PANEL_DEFAULTS)

    def _on_model_picked(self, _index: int) -> None:
        """A large recipe picked by hand: show its tuned defaults (they stay editable)."""
        model = self.panel.model_combo.currentData()
        defaults = recipe_defaults(model)
        if defaults:
            config = self.panel.config() if self._valid() else dict(PANEL_DEFAULTS)
            config.update(defaults)
            config["model"] = model
            self.panel.set_config(config)
        self.note.setVisible(False)

    def _valid(self) -> bool:
        try:
            self.panel.config()
        except InputError:
            return False
        return True

    def set_model(self, model: str | None) -> None:
        large = model in large_model_names()
        self.reg.setEnabled(large)
        self.bias_reg.setEnabled(large)
        self.blend.setEnabled(model == "mf+autorec")
        # Show only what the chosen model uses: the panel must fit a laptop screen.
        form = self._form
        form.setRowVisible(self.reg, large)
        form.setRowVisible(self.bias_reg, large)
        form.setRowVisible(self.blend, model == "mf+autorec")

    def set_config(self, config: dict[str, Any]) -> None:
        """Show the keys present in ``config`` (others keep their value; None = the panel default)."""
        if "device" in config:
            index = self.device.findData(config.get("device") or PANEL_DEFAULTS["device"])
            self.device.setCurrentIndex(max(index, 0))
        for key, edit in (("reg", self.reg), ("bias_reg", self.bias_reg), ("blend", self.blend)):
            if key not in config:
                continue
            value = config[key]
            if value is None:
                value = PANEL_DEFAULTS[key]
            edit.setText(f"{float(value):g}")

    def config(self) -> dict[str, Any]:
        out: dict[str, Any] = {"device": self.device.currentData() or "cpu"}
        for key, edit, name, upper in (
            ("reg", self.reg, "the L2 weight on embeddings", math.inf),
            ("bias_reg", self.bias_reg, "the L2 weight on biases", math.inf),
            ("blend", self.blend, "the blend weight", 1.0),
        ):
            text = edit.text().strip().replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                raise InputError(f"{name} {text!r} is not a number") from None
            if not (math.isfinite(value) and 0 <= value <= upper):
                rule = "between 0 and 1" if upper == 1.0 else "zero or positive"
                raise InputError(f"{name} must be {rule}, not {text}")
            out[key] = value
        return out


class LargeDataSwitch(QObject):
    """Switches the window's panel to the large-data recipe when a large matrix is opened."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._replaced: dict[str, Any] | None = None  # panel settings before an automatic switch
        self._switched_to: str | None = None
        window.matrixLoaded.connect(self._on_matrix_loaded)

    @Slot()
    def _on_matrix_loaded(self) -> None:
        panel = self.window.panel
        controls = panel.large
        n_known = self.window.model.matrix.n_known
        config = recommended(self.window.model.matrix)
        current = panel.model_combo.currentData()
        if config is not None:
            if current in large_model_names():
                return  # already a large recipe (the user's choice): leave it
            try:
                before = panel.config()
            except InputError:
                before = None
            merged = dict(before or {})
            merged.update(config)
            if "seed" in (before or {}):
                merged["seed"] = before["seed"]
            panel.set_config(merged)
            self._replaced, self._switched_to = before, merged["model"]
            controls.note.setText(
                f"{n_known:,} ratings (more than {threshold():,}): switched to the large-data recipe "
                f"{merged['model']} (dim {merged['dim']}, {merged['epochs']} epochs, lr {merged['lr']:g}, "
                f"batch {merged['batch_size']}). Every field stays editable."
            )
            controls.note.setVisible(True)
            self.window.statusBar().showMessage("Large matrix: the training panel now shows the large-data recipe", 8000)
        elif self._switched_to is not None:
            if current == self._switched_to and self._replaced is not None:
                panel.set_config(self._replaced)  # back to what the user had for small matrices
            self._replaced = self._switched_to = None
            controls.note.setVisible(False)


def install_large_data(window: Any) -> LargeDataSwitch:
    return LargeDataSwitch(window)


__all__ = [
    "DEVICES",
    "LargeDataControls",
    "LargeDataSwitch",
    "install_large_data",
    "large_model_names",
    "recipe_defaults",
    "recommended",
    "threshold",
]
