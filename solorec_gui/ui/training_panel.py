"""The training panel: the model, **its own** settings, Restore defaults, the device, Train/Stop, progress.

Every registered model gets a settings form generated from its ``Params``
(:mod:`.params_form`), kept in a stack: switching model shows that model's
settings, as the user left them; nothing is carried from one model to another.
**Restore defaults** resets the shown model only.

What a file opens with (:meth:`TrainingPanel.load`): the model chosen for that
file, else the engine's recommendation for its size (``catalog.recommended_model``:
the lecture's MF up to 5,000 ratings, the large-data recipe above); each model's
settings as the user changed them for that file, else its defaults
(:mod:`.model_settings`). The note under the model always says which recipe is
shown and why, and says plainly when a large-data recipe is about to train a
small table or the reverse, or when the settings differ from the defaults.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import catalog
from ..core.errors import ConfigError
from ..core.models import Params, TrainSpec, model_class, model_classes
from .engine_info import spec_epochs
from .model_settings import ModelSettings, differences_from
from .params_form import ParamsForm
from .validation_panel import ValidationOptions

NOTE_STYLE = "color:#1d55b3;"
WARN_STYLE = "color:#9a3b00; font-weight:bold;"


class TrainingPanel(QGroupBox):
    """See the module docstring."""

    #: The user picked another model (its name).
    modelChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Training"), parent)
        self.model_combo = QComboBox()
        self.stack = QStackedWidget()
        self.forms: dict[str, ParamsForm] = {}
        for cls in model_classes():
            self.model_combo.addItem(self.tr(cls.display_name or cls.name), cls.name)
            self.model_combo.setItemData(self.model_combo.count() - 1, self.tr(cls.description), 3)  # tooltip
            form = ParamsForm(cls.Params)
            form.edited.connect(self._on_edited)
            form.edited.connect(lambda name=cls.name: self._edited.add(name))
            self.forms[cls.name] = form
            self.stack.addWidget(form)
        # The longest model name must not set the window's minimum width (1024 px screens): the closed box
        # may elide it, the open list shows every name whole.
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(30)
        self.model_combo.view().setMinimumWidth(self.model_combo.view().sizeHintForColumn(0) + 24)
        self.restore_button = QPushButton(self.tr("Restore defaults"))
        self.restore_button.setToolTip(self.tr("Reset the shown model's settings to its defaults"))
        self.device = QComboBox()
        for name, text, tip in (
            ("auto", self.tr("auto (GPU when available)"), self.tr("CUDA when torch finds a GPU, else the CPU")),
            ("cpu", self.tr("cpu"), self.tr("Always the CPU (works everywhere)")),
            ("cuda", self.tr("cuda (GPU)"), self.tr("An NVIDIA GPU; falls back to the CPU when none is found")),
        ):
            self.device.addItem(text, name)
            self.device.setItemData(self.device.count() - 1, tip, 3)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.validation = ValidationOptions()

        top = QFormLayout()
        top.addRow(self.tr("Model:"), self.model_combo)
        top.addRow(self.note)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(QLabel(self.tr("Device:")))
        buttons_row.addWidget(self.device, 1)
        buttons_row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        layout.addLayout(buttons_row)
        layout.addWidget(self.validation)
        layout.addStretch(1)

        # Train/Stop and the progress live in their own widget, which the window keeps
        # below the (scrolling) settings so they are always in view.
        self.train_button = QPushButton(self.tr("Train (F5)"))
        self.train_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop (Esc)"))
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m epochs"))
        self.progress_label = QLabel(self.tr("Ready"))
        self.progress_label.setWordWrap(True)
        self.run_box = QWidget()
        run_layout = QVBoxLayout(self.run_box)
        run_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.train_button)
        row.addWidget(self.stop_button)
        run_layout.addLayout(row)
        run_layout.addWidget(self.progress)
        run_layout.addWidget(self.progress_label)

        self._store = ModelSettings(None)
        #: Models whose form was typed into since the settings were last remembered (save() writes those).
        self._edited: set[str] = set()
        self._matrix = None
        self._file = ""
        self._n_known = 0
        self._recommended = catalog.SMALL_DATA_MODEL
        self._large = False
        self._busy = False
        self.model_combo.activated.connect(self._on_model_picked)
        self.restore_button.clicked.connect(self.restore_defaults)
        self.device.activated.connect(self._on_device_picked)
        self.set_model(self._recommended)

    # -- the document ---------------------------------------------------------------------------
    def load(self, store: ModelSettings, matrix, file_name: str) -> None:
        """Show what ``matrix`` (a newly opened document) trains with; see the module docstring."""
        self._store = store
        self._file = file_name
        self._n_known = int(matrix.n_known)
        self._recommended = catalog.recommended_model(matrix)
        self._large = catalog.is_large(matrix)
        self._matrix = matrix
        for name, form in self.forms.items():
            form.set_params(store.params(name, self.defaults(name)))
        self.set_model(store.chosen_model() or self._recommended)
        index = self.device.findData(store.device() or ("auto" if self._large else "cpu"))
        self.device.setCurrentIndex(max(index, 0))
        self._edited.clear()  # what the forms show now is what the store holds
        self.update_note()

    def rebind(self, store: ModelSettings, file_name: str) -> None:
        """The document got a file (Save As): keep what is shown, remember it for the new file."""
        self._store = store
        self._file = file_name
        self.save()
        self.update_note()

    def save(self) -> None:
        """Remember the settings the user changed, for this document's file."""
        # Only the forms typed into since the last save, and the one shown (reading a form validates every
        # setting: all twenty on every F5 took ~40 ms of the GUI thread, several times that on a busy machine).
        for name in sorted(self._edited | {self.model()}):
            try:
                self._store.set_params(name, self.forms[name].params(), self.defaults(name))
            except ConfigError:
                continue  # keep the last valid settings
            self._edited.discard(name)
        self._remember()

    def _on_device_picked(self, _index: int) -> None:
        self._remember()

    def _remember(self) -> None:
        model = self.model()
        self._store.set_chosen_model(model if model != self._recommended else None)
        default_device = "auto" if self._large else "cpu"
        device = self.device.currentData()
        self._store.set_device(device if device != default_device else None)

    @property
    def store(self) -> ModelSettings:
        return self._store

    @property
    def recommended(self) -> str:
        return self._recommended

    # -- the model and its settings -----------------------------------------------------------
    def model(self) -> str:
        return self.model_combo.currentData() or self._recommended

    def form(self, name: str | None = None) -> ParamsForm:
        return self.forms[name or self.model()]

    def field(self, name: str) -> QWidget:
        """The shown model's editor of setting ``name`` (``dim``, ``mf.epochs``)."""
        return self.form().widget(name)

    def set_model(self, name: str) -> None:
        index = self.model_combo.findData(name)
        if index < 0:
            return
        with QSignalBlocker(self.model_combo):
            self.model_combo.setCurrentIndex(index)
        self._show_form(name)
        self._show_idle_progress()
        self.update_note()

    def _show_form(self, name: str) -> None:
        """Show ``name``'s form; the stack takes the height of the shown form, not of the tallest."""
        for key, form in self.forms.items():
            policy = QSizePolicy.Policy.Preferred if key == name else QSizePolicy.Policy.Ignored
            form.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(self.forms[name])
        self.stack.updateGeometry()

    def pick_model(self, name: str) -> None:
        """What choosing ``name`` in the combo does (tests, menus)."""
        self.set_model(name)
        self._on_model_picked(self.model_combo.currentIndex())

    def _on_model_picked(self, _index: int) -> None:
        name = self.model()
        self._show_form(name)
        self._remember()
        self._show_idle_progress()
        self.update_note()
        self.modelChanged.emit(name)

    def params(self, name: str | None = None) -> Params:
        """A model's settings as shown (ConfigError naming a bad field)."""
        return self.form(name).params()

    def spec(self, name: str | None = None, patience: int | None = None) -> TrainSpec:
        """What F5 trains: the shown model (or ``name``) with its own settings and the device."""
        name = name or self.model()
        return TrainSpec(name, self.params(name), patience or None, self.device.currentData() or "cpu").validate()

    def set_spec(self, spec: TrainSpec) -> None:
        """Show ``spec``: its model, its settings (other models keep theirs) and its device."""
        self.forms[spec.model].set_params(spec.params)
        self._edited.add(spec.model)
        index = self.device.findData(spec.device)
        if index >= 0:
            self.device.setCurrentIndex(index)
        self.set_model(spec.model)
        self._remember()

    def set_values(self, **values) -> None:
        """Type ``values`` into the shown model's form (names it does not have are ignored)."""
        form = self.form()
        names = set(form.names())
        for key, value in values.items():
            if key in names:
                form.set_value(key, value)

    def defaults(self, name: str | None = None) -> Params:
        """A model's default settings for the open table's size (the engine's ``catalog.default_params``)."""
        return catalog.default_params(name or self.model(), self._matrix)

    def restore_defaults(self) -> None:
        """Reset the shown model's settings to its defaults (other models keep theirs)."""
        name = self.model()
        self.forms[name].set_params(self.defaults(name))
        self._store.set_params(name, self.defaults(name), self.defaults(name))
        self._show_idle_progress()
        self.update_note()

    def _on_edited(self) -> None:
        self._show_idle_progress()
        self.update_note()

    # -- the note -----------------------------------------------------------------------------
    def update_note(self) -> None:
        """Say which recipe is shown and why; warn when its size does not fit the table's."""
        name = self.model()
        cls = model_class(name)
        display = self.tr((cls.display_name or name).split(":")[0])
        recommended = self.tr((model_class(self._recommended).display_name or self._recommended).split(":")[0])
        n = f"{self._n_known:,}"
        threshold = f"{catalog.LARGE_DATA_THRESHOLD:,}"
        lines = []
        warn = False
        if not self._file:
            lines.append(self.tr("{model}.").format(model=display))
        elif name == self._recommended:
            if self._large:
                lines.append(self.tr("{file} has {n} ratings (more than {t}): the large-data recipe {model}.")
                             .format(file=self._file, n=n, t=threshold, model=display))
            else:
                lines.append(self.tr("{file} has {n} ratings: the lecture's {model}, the recipe for a table this size.")
                             .format(file=self._file, n=n, model=display))
        elif not cls.rates:
            lines.append(self.tr("{model} ranks items for each user (its top-N lists go to the Recommend tab); it "
                                 "does not predict ratings, so it does not fill the grid.").format(model=display))
        elif cls.large_data and not self._large:
            warn = True
            lines.append(self.tr("{model} is a large-data recipe, but {file} has only {n} ratings (at most {t}): "
                                 "{rec} is the recipe for a table this size.")
                         .format(model=display, file=self._file, n=n, t=threshold, rec=recommended))
        elif not cls.large_data and self._large:
            warn = True
            lines.append(self.tr("{model} is a small-table recipe, but {file} has {n} ratings (more than {t}): "
                                 "the large-data recipe {rec} is meant for it.")
                         .format(model=display, file=self._file, n=n, t=threshold, rec=recommended))
        else:
            lines.append(self.tr("{model}, chosen for {file} (recommended for its size: {rec}).")
                         .format(model=display, file=self._file, rec=recommended))
        form = self.forms[name]
        try:
            changed = differences_from(form.params(), self.defaults(name))
        except ConfigError as exc:
            lines.append(self.tr("Check the settings: {0}").format(exc))
            warn = True
        else:
            if changed:
                shown = ", ".join(
                    self.tr("{setting} {value} (default {default})").format(
                        setting=form.label(k), value=form.value_text(k, v), default=form.value_text(k, d))
                    for k, v, d in changed[:6])
                more = "…" if len(changed) > 6 else ""
                lines.append(self.tr("Your settings, not {model}'s defaults: {changes}{more}. "
                                     "Restore defaults resets them.").format(model=display, changes=shown, more=more))
            else:
                lines.append(self.tr("Its default settings."))
        self.note.setText(" ".join(lines))
        self.note.setStyleSheet(WARN_STYLE if warn else NOTE_STYLE)
        self.note.setProperty("warning", warn)

    def note_is_warning(self) -> bool:
        return bool(self.note.property("warning"))

    # -- running ------------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.train_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    def _show_idle_progress(self) -> None:
        if self._busy:
            return
        try:
            total = spec_epochs(self.spec())
        except ConfigError:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(0)


__all__ = ["TrainingPanel"]
