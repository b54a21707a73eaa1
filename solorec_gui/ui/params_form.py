"""A settings form generated from a model's ``Params`` dataclass.

Every field of a model's settings is made with the engine's ``setting(...)``,
whose metadata gives the label, the limits, the decimals, a help text and what a
special 0 means; the form is built from that and nothing else, so a new model
(one new file under ``core/models/``) gets its form with no change here:

* ``int`` → a spin box (limits from the metadata, at most 2³¹ − 1 when the
  setting has none; "full batch" shown for a 0 that means something); an int
  whose stated limit does not fit a spin box (a seed) → a line edit;
* ``float`` → a line edit (``0.1``, ``1e-3``, a decimal comma accepted);
* ``tuple`` of ints (``hidden``) → a line edit with ``15,15`` (empty: none);
* ``bool`` → a check box; nested ``Params`` (a blend's parts) → a group box with
  the part's own form; ``advanced`` fields go to an "Advanced" group.

:meth:`ParamsForm.params` returns the model's ``Params`` checked by the engine's
own ``validate`` (the message names the field); nothing here re-implements a rule.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from ..core.errors import ConfigError
from ..core.models import Params

INT32_MAX = 2_147_483_647


def tr_engine(text: str) -> str:
    """Labels and help texts come from the engine in English (context ``ModelSettings``; lupdate cannot see
    them: the translation catalogue lists them by hand)."""
    return QCoreApplication.translate("ModelSettings", text)


def format_number(value: Any) -> str:
    """How a float setting is shown: short (``0.1``, ``1e-05``) but exact enough to round-trip."""
    if isinstance(value, float):
        text = f"{value:.12g}"
        return text
    return str(value)


def _kind(cls: type, f: dataclasses.Field) -> Any:
    return typing.get_type_hints(cls).get(f.name, type(f.default))


def _limits_text(meta: dict) -> str:
    parts = []
    if meta.get("above") is not None:
        parts.append(QCoreApplication.translate("ModelSettings", "more than {0}").format(format_number(meta["above"])))
    if meta.get("minimum") is not None:
        parts.append(QCoreApplication.translate("ModelSettings", "at least {0}").format(format_number(meta["minimum"])))
    if meta.get("maximum") is not None and meta["maximum"] < 2**62:
        parts.append(QCoreApplication.translate("ModelSettings", "at most {0}").format(format_number(meta["maximum"])))
    if meta.get("zero_means"):
        parts.append(QCoreApplication.translate("ModelSettings", "0 = {0}").format(tr_engine(meta["zero_means"])))
    return ", ".join(parts)


class _Editor:
    """One field's widget and how to show and read its value."""

    def __init__(self, name: str, kind: Any, meta: dict, default: Any) -> None:
        self.name = name
        self.kind = kind
        self.meta = meta
        self.label = tr_engine(meta.get("label", name))
        tip = tr_engine(meta["help"]) if meta.get("help") else ""
        limits = _limits_text(meta)
        tip = "; ".join(t for t in (tip, limits) if t)
        low = meta.get("minimum")
        high = meta.get("maximum")
        if kind is bool:
            self.widget: QWidget = QCheckBox(self.label)
        elif kind is int and (low is None or low >= -INT32_MAX) and (high is None or high <= INT32_MAX):
            spin = QSpinBox()
            above = meta.get("above")
            spin.setRange(int(low if low is not None else (above + 1 if above is not None else -INT32_MAX)),
                          int(high if high is not None else INT32_MAX))
            spin.setGroupSeparatorShown(False)
            spin.setKeyboardTracking(True)
            if meta.get("zero_means") and spin.minimum() == 0:
                spin.setSpecialValueText(tr_engine(meta["zero_means"]))
            self.widget = spin
        else:
            self.widget = QLineEdit()
            if typing.get_origin(kind) is tuple or kind is tuple:
                self.widget.setPlaceholderText(QCoreApplication.translate("ModelSettings", "none"))
        self.widget.setObjectName(name)
        if tip:
            self.widget.setToolTip(tip)

    def show(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif isinstance(value, tuple):
            w.setText(",".join(str(v) for v in value))
        else:
            w.setText(format_number(value))

    def read(self) -> Any:
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            w.interpretText()
            return w.value()
        text = w.text().strip()
        origin = typing.get_origin(self.kind)
        if origin is tuple or self.kind is tuple:
            parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
            try:
                values = tuple(int(p) for p in parts)
            except ValueError:
                raise ConfigError(
                    QCoreApplication.translate(
                        "ModelSettings", "{label}: {text!r} must be whole numbers separated by commas, e.g. 15,15").format(
                        label=self.label, text=text)) from None
            return values  # () is allowed where the model allows it (the engine checks)
        if self.kind is int:
            try:
                return int(text)
            except ValueError:
                raise ConfigError(QCoreApplication.translate(
                    "ModelSettings", "{label}: {text!r} is not a whole number").format(label=self.label, text=text)) from None
        if self.kind is float:
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                raise ConfigError(QCoreApplication.translate(
                    "ModelSettings", "{label}: {text!r} is not a number").format(label=self.label, text=text)) from None
            if not math.isfinite(value):
                raise ConfigError(QCoreApplication.translate(
                    "ModelSettings", "{label} must be a finite number, not {text}").format(label=self.label, text=text))
            return value
        return text


class ParamsForm(QWidget):
    """The settings of one model (see the module docstring)."""

    #: Any field was edited by the user.
    edited = Signal()

    def __init__(self, params_cls: type[Params], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.params_cls = params_cls
        self._editors: dict[str, _Editor] = {}
        self._parts: dict[str, ParamsForm] = {}
        self._groups: dict[str, QGroupBox] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        advanced_form: QFormLayout | None = None
        defaults = params_cls()
        for f in dataclasses.fields(params_cls):
            kind = _kind(params_cls, f)
            meta = dict(f.metadata)
            if isinstance(kind, type) and issubclass(kind, Params):
                box = QGroupBox(tr_engine(meta.get("label", f.name)))
                inner = QVBoxLayout(box)
                inner.setContentsMargins(6, 2, 6, 2)
                part = ParamsForm(kind)
                part.edited.connect(self.edited)
                inner.addWidget(part)
                outer.addWidget(box)
                self._parts[f.name] = part
                self._groups[f.name] = box
                continue
            editor = _Editor(f.name, kind, meta, getattr(defaults, f.name))
            self._editors[f.name] = editor
            target = form
            if meta.get("advanced"):
                if advanced_form is None:
                    box = QGroupBox(QCoreApplication.translate("ModelSettings", "Advanced"))
                    advanced_form = QFormLayout(box)
                    advanced_form.setContentsMargins(6, 2, 6, 2)
                    outer.addWidget(box)
                    self._groups["advanced"] = box
                target = advanced_form
            if isinstance(editor.widget, QCheckBox):
                target.addRow(editor.widget)
                editor.widget.toggled.connect(self.edited)
            else:
                target.addRow(editor.label + ":", editor.widget)
                signal = editor.widget.valueChanged if isinstance(editor.widget, QSpinBox) else editor.widget.textEdited
                signal.connect(self.edited)
        self.set_params(defaults)

    # -- values -------------------------------------------------------------------------
    def set_params(self, params: Params) -> None:
        if not isinstance(params, self.params_cls):
            raise TypeError(f"{self.params_cls.__name__} expected, not {type(params).__name__}")
        for name, editor in self._editors.items():
            editor.widget.blockSignals(True)
            try:
                editor.show(getattr(params, name))
            finally:
                editor.widget.blockSignals(False)
        for name, part in self._parts.items():
            part.set_params(getattr(params, name))

    def params(self) -> Params:
        """The shown settings as the model's Params, checked by the engine (ConfigError names the field)."""
        values: dict[str, Any] = {name: editor.read() for name, editor in self._editors.items()}
        for name, part in self._parts.items():
            try:
                values[name] = part.params()
            except ConfigError as exc:
                label = tr_engine(dict(next(f for f in dataclasses.fields(self.params_cls) if f.name == name).metadata)
                           .get("label", name))
                raise ConfigError(f"{label}: {exc}") from None
        return self.params_cls().replace(**values)

    def is_valid(self) -> bool:
        try:
            self.params()
        except ConfigError:
            return False
        return True

    # -- widgets (tests, the panel) -------------------------------------------------------------
    def widget(self, name: str) -> QWidget:
        """The editor of a setting (``"dim"``; a part's with a dot: ``"mf.dim"``)."""
        head, _, rest = name.partition(".")
        if rest:
            return self._parts[head].widget(rest)
        return self._editors[name].widget

    def label(self, name: str) -> str:
        """A setting's label (``"mf.dim"``: the part's label and the setting's)."""
        head, _, rest = name.partition(".")
        if rest:
            return f"{self._groups[head].title()} {self._parts[head].label(rest)}"
        return self._editors[name].label

    def value_text(self, name: str, value: Any) -> str:
        """How ``value`` of setting ``name`` reads ("full batch" for a batch size of 0)."""
        head, _, rest = name.partition(".")
        if rest:
            return self._parts[head].value_text(rest, value)
        meta = self._editors[name].meta
        if meta.get("zero_means") and value == 0:
            return tr_engine(meta["zero_means"])
        if isinstance(value, tuple):
            return ",".join(str(v) for v in value) or QCoreApplication.translate("ModelSettings", "none")
        return format_number(value)

    def names(self) -> list[str]:
        """Every setting's name, parts' with a dot (``mf.dim``)."""
        out = list(self._editors)
        for head, part in self._parts.items():
            out += [f"{head}.{n}" for n in part.names()]
        return out

    def set_value(self, name: str, value: Any) -> None:
        """Show one value (as if typed) — for tests and scripts."""
        head, _, rest = name.partition(".")
        if rest:
            self._parts[head].set_value(rest, value)
            return
        editor = self._editors[name]
        editor.show(tuple(value) if isinstance(value, list) else value)
        self.edited.emit()


__all__ = ["ParamsForm", "format_number"]
