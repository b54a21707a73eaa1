"""SoloRec's main window: the rating grid, the training panel, the loss plot, menus.

The window is thin: loading, saving, exporting and training are the engine's
(``solorec_gui.core``); this module holds Qt objects, starts and stops work,
and draws.

Layout::

    ┌ menu bar ───────────────────────────────────────────────────────┐
    │ [stale banner]                        │ Training panel (form)   │
    │ rating grid (QTableView)              ├─────────────────────────┤
    │                                       │ QTabWidget: "Loss" ...  │
    └ status bar: message · counts · predictions state ───────────────┘

Extension points for later panels (validation curves, embedding map, top-N):

* :meth:`MainWindow.add_panel` adds a tab beside the loss plot.
* :attr:`MainWindow.trainingFinished` carries the :class:`TrainOutcome`
  (predictions, histories, config and the engine's ``FitResult`` with the
  model); :attr:`MainWindow.matrixLoaded` fires when a file is opened.
* :meth:`MainWindow.start_job` runs any engine job (see ``training_worker``)
  with the same progress bar, Stop action and clean shutdown; pass
  ``on_finished`` to receive its result.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.data import RatingMatrix, export_completed, read_ratings, save_wide
from ..core.errors import InputError, SoloRecError
from ..paths import bundled_dataset, resource
from . import engine_info, settings
from .job_guard import guard_job
from .large_data_ui import LargeDataControls
from .loss_plot import LossPlot
from .ratings_model import RatingsModel
from .training_worker import Progress, TrainingRunner, TrainOutcome, fit_job

log = logging.getLogger(__name__)


APP_NAME = "SoloRec"
CSV_FILTER = "Rating files (*.csv *.tsv *.txt *.data);;All files (*)"


class RatingsView(QTableView):
    """The grid: Delete/Backspace make the selected cells missing."""

    deletePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.deletePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ExportDialog(QDialog):
    """Decimals, the 'for Excel' BOM option and the layout of an export."""

    def __init__(self, decimals: int, bom: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export completed CSV")
        self.decimals = QSpinBox()
        self.decimals.setRange(0, 8)
        self.decimals.setValue(decimals)
        self.decimals.setToolTip("Predictions are rounded to this many decimals; known ratings are written unchanged")
        self.bom = QCheckBox("For Excel (UTF-8 with BOM, so Korean labels open correctly)")
        self.bom.setChecked(bom)
        self.layout_combo = QComboBox()
        self.layout_combo.addItem("Wide: one row per user, like the input", "wide")
        self.layout_combo.addItem("Long: user, item, rating, is_predicted", "long")
        form = QFormLayout(self)
        form.addRow("Decimals of predictions:", self.decimals)
        form.addRow("Layout:", self.layout_combo)
        form.addRow(self.bom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class TrainingPanel(QGroupBox):
    """Model and hyper-parameters; Train / Stop; progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Training", parent)
        self.model_combo = QComboBox()
        self.set_model_names(engine_info.model_names())
        self.dim = QSpinBox()
        self.dim.setRange(1, 1024)
        self.dim.setToolTip("Embedding size: how many hidden features each user and item gets")
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 10_000_000)
        self.epochs.setGroupSeparatorShown(False)
        self.lr = QLineEdit()
        self.lr.setToolTip("Adam learning rate, e.g. 0.1 or 1e-3")
        self.weight_decay = QLineEdit()
        self.weight_decay.setToolTip("L2 penalty on the weights (Adam weight_decay); 0 = none")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setToolTip("Random seed: the same seed and settings give the same result")
        self.batch = QSpinBox()
        self.batch.setRange(0, 10_000_000)
        self.batch.setSpecialValueText("full batch")
        self.batch.setToolTip("Mini-batch size; 'full batch' (0) is the lecture's")
        self.hidden = QLineEdit()
        self.hidden.setToolTip("NN hidden layer sizes, comma-separated (the lecture's: 15, 15)")
        self.model_combo.currentIndexChanged.connect(self._update_enabled)

        form = QFormLayout()
        form.addRow("Model:", self.model_combo)
        form.addRow("Dimension:", self.dim)
        form.addRow("Epochs:", self.epochs)
        form.addRow("Learning rate:", self.lr)
        form.addRow("Weight decay:", self.weight_decay)
        form.addRow("Seed:", self.seed)
        form.addRow("Batch size:", self.batch)
        form.addRow("NN hidden sizes:", self.hidden)
        self.large = LargeDataControls(self, form)  # device and large-data recipe rows (issue 5)

        self.train_button = QPushButton("Train (F5)")
        self.train_button.setDefault(True)
        self.stop_button = QPushButton("Stop (Esc)")
        self.stop_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.stop_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%v / %m epochs")
        self.progress_label = QLabel("Ready")
        self.progress_label.setWordWrap(True)

        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # Train/Stop and the progress live in their own widget, which the window keeps
        # below the (scrolling) settings so they are always in view.
        self.run_box = QWidget()
        run_layout = QVBoxLayout(self.run_box)
        run_layout.setContentsMargins(0, 0, 0, 0)
        run_layout.addLayout(buttons)
        run_layout.addWidget(self.progress)
        run_layout.addWidget(self.progress_label)
        self.set_config(settings.DEFAULT_TRAINING)

    def set_model_names(self, names: tuple[str, ...]) -> None:
        current = self.model_combo.currentData()
        with QSignalBlocker(self.model_combo):
            self.model_combo.clear()
            for name in names:
                self.model_combo.addItem(engine_info.pretty_name(name), name)
            index = self.model_combo.findData(current)
            self.model_combo.setCurrentIndex(max(index, 0))

    def _update_enabled(self) -> None:
        model = self.model_combo.currentData()
        self.hidden.setEnabled(model == "nn")
        self.dim.setEnabled(model != "baseline")
        self._form.setRowVisible(self.hidden, model == "nn")
        self._form.setRowVisible(self.dim, model != "baseline")
        self.large.set_model(model)

    def set_config(self, config: dict[str, Any]) -> None:
        index = self.model_combo.findData(config.get("model", "mf"))
        self.model_combo.setCurrentIndex(max(index, 0))
        self.dim.setValue(int(config.get("dim", 2)))
        self.epochs.setValue(int(config.get("epochs", 100)))
        if not self.stop_button.isEnabled():  # idle: show the epochs to come
            self.progress.setRange(0, self.epochs.value())
            self.progress.setValue(0)
        self.lr.setText(f"{float(config.get('lr', 0.1)):g}")
        self.weight_decay.setText(f"{float(config.get('weight_decay', 0.0)):g}")
        self.seed.setValue(int(config.get("seed", 43052)))
        self.batch.setValue(int(config.get("batch_size") or 0))
        self.hidden.setText(", ".join(str(h) for h in config.get("hidden", [15, 15])))
        self.large.set_config(config)
        self._update_enabled()

    def config(self) -> dict[str, Any]:
        """The settings as a plain dict; raises InputError naming a bad field."""

        def number(edit: QLineEdit, name: str, minimum_ok: Callable[[float], bool], rule: str) -> float:
            text = edit.text().strip().replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                raise InputError(f"{name} {text!r} is not a number") from None
            if not math.isfinite(value) or not minimum_ok(value):
                raise InputError(f"{name} must be {rule}, not {text}")
            return value

        lr = number(self.lr, "the learning rate", lambda v: v > 0, "a positive number")
        wd = number(self.weight_decay, "weight decay", lambda v: v >= 0, "zero or positive")
        try:
            hidden = [int(h) for h in self.hidden.text().replace(";", ",").split(",") if h.strip()]
        except ValueError:
            raise InputError(f"NN hidden sizes {self.hidden.text()!r} must be whole numbers, e.g. 15, 15") from None
        if not hidden or any(h < 1 for h in hidden):
            raise InputError("NN hidden sizes must be one or more positive whole numbers, e.g. 15, 15")
        return {
            **self.large.config(),
            "model": self.model_combo.currentData() or "mf",
            "dim": self.dim.value(),
            "epochs": self.epochs.value(),
            "lr": lr,
            "weight_decay": wd,
            "seed": self.seed.value(),
            "batch_size": self.batch.value(),
            "hidden": hidden,
        }


class MainWindow(QMainWindow):
    """See the module docstring."""

    #: A finished training run (TrainOutcome), after its predictions are shown.
    trainingFinished = Signal(object)
    #: A failed training run (message); no prediction was applied.
    trainingFailed = Signal(str)
    #: A matrix was loaded (open file or start-up).
    matrixLoaded = Signal()

    def __init__(self, matrix: RatingMatrix | None = None, path: str | Path | None = None) -> None:
        super().__init__()
        self.setWindowIcon(QIcon(str(resource("solorec.png"))))
        self._path: Path | None = None
        self._save_in_place = False
        self._train_snapshot: np.ndarray | None = None  # values the shown predictions were trained on
        self._pending_snapshot: np.ndarray | None = None  # values of the running training
        self._job_handler: Callable[[Any], None] | None = None
        self._ignore_result = False
        self.last_outcome: TrainOutcome | None = None
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self._restart_after_stop = False

        self.undo_stack = QUndoStack(self)
        self.model = RatingsModel(matrix or RatingMatrix(["user"], ["item"], np.array([[np.nan]])), self.undo_stack, self)
        self.runner = TrainingRunner(self)

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._restore_settings()
        #: job factory for F5: (snapshot, config) -> job; None = plain ``fit_job``.
        self.make_training_job: Callable[[RatingMatrix, dict], Callable] | None = None
        from .insight import install_insight  # validation, embedding map, recommendations, model files

        self.insight = install_insight(self)
        from .recovery import install_recovery  # crash-recovery file of unsaved edits (issue 6)

        self.recovery = install_recovery(self)
        from .large_data_ui import install_large_data  # large matrix → large-data recipe (issue 5)

        self.large_data = install_large_data(self)
        from .item_names_ui import install_item_names  # File › Load item names… (issue 5)

        self.item_names = install_item_names(self)
        if matrix is not None:
            self.set_matrix(matrix, path)
        self._update_title()

    # ------------------------------------------------------------------ building
    def _build_widgets(self) -> None:
        self.view = RatingsView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(72)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setCornerButtonEnabled(True)

        self.stale_banner = QLabel(
            "Predictions are stale: ratings changed since this model was trained. Press F5 to retrain."
        )
        self.stale_banner.setStyleSheet("background:#fbf0e1; color:#7a4600; padding:4px; border:1px solid #e0b070;")
        self.stale_banner.setVisible(False)
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.stale_banner)
        grid_layout.addWidget(self.view, 1)
        legend = QHBoxLayout()
        legend.setContentsMargins(2, 2, 2, 2)
        for text, style, label, tip in (
            ("4.02", "background:#ffffff; color:#000000;", "rating", "A known rating: plain text"),
            ("", "background:#e9e9ee;", "missing", "A missing rating"),
            ("3.47", "background:#e8f0fc; color:#1d55b3; font-style:italic;", "predicted", "A prediction, not a rating"),
            ("3.47", "background:#fbf0e1; color:#9a5b00; font-style:italic;", "stale prediction",
             "A prediction from before the latest edits"),
        ):
            swatch = QLabel(text)
            swatch.setFixedSize(44, 20)
            swatch.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            swatch.setStyleSheet(f"QLabel {{ {style} border:1px solid #b8b8c0; padding-right:3px; }}")
            swatch.setToolTip(tip)
            legend.addWidget(swatch)
            legend.addWidget(QLabel(label))
            legend.addSpacing(8)
        hint = QLabel("Double-click or type to edit · Delete clears · Ctrl+Z undoes")
        hint.setStyleSheet("color:#606060;")
        legend.addStretch(1)
        legend.addWidget(hint)
        grid_layout.addLayout(legend)

        self.panel = TrainingPanel()
        self.loss_plot = LossPlot()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.loss_plot, "Loss")
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        # The panel scrolls rather than setting the window's minimum height (it grew with the
        # large-data fields and the validation options; a 768-px laptop screen must still fit).
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setWidget(self.panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_scroll.setMinimumWidth(self.panel.minimumSizeHint().width() + 16)
        side_top = QWidget()
        side_layout = QVBoxLayout(side_top)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.panel_scroll, 1)
        side_layout.addWidget(self.panel.run_box)
        self.side_splitter.addWidget(side_top)
        self.side_splitter.addWidget(self.tabs)
        self.side_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(grid_box)
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)

        self.counts_label = QLabel()
        self.prediction_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.prediction_label)
        self.resize(1180, 720)

    def _action(self, text: str, slot: Callable, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.open_action = self._action("&Open…", self._on_open, K.Open, "Open a wide or long rating CSV")
        self.save_action = self._action("&Save", self._on_save, K.Save, "Save the ratings (without predictions)")
        self.save_as_action = self._action("Save &As…", self._on_save_as, K.SaveAs)
        self.export_action = self._action(
            "&Export completed CSV…", self._on_export, "Ctrl+E", "Ratings with predictions in the missing cells"
        )
        self.quit_action = self._action("&Quit", self.close, K.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(K.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.copy_action = self._action("&Copy", self._on_copy, K.Copy, "Copy the selected ratings as tab-separated text")
        self.paste_action = self._action("&Paste", self._on_paste, K.Paste, "Paste tab-separated ratings")
        self.delete_action = QAction("&Delete (make missing)", self)
        self.delete_action.setShortcut(QKeySequence(K.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the view handles the key
        self.delete_action.triggered.connect(self._on_delete)
        self.train_action = self._action("&Train", self.train, "F5", "Train the model on the current ratings")
        self.stop_action = self._action("&Stop training", self.stop, "Esc")
        self.stop_action.setEnabled(False)
        self.heatmap_action = self._action("&Heat map", self._on_heatmap)
        self.heatmap_action.setCheckable(True)
        self.log_action = self._action("&Log-scale loss", self.loss_plot.set_log_scale)
        self.log_action.setCheckable(True)
        self.fit_columns_action = self._action("&Fit columns to labels", self._fit_columns)
        self.about_action = self._action("&About SoloRec", self._on_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action, None, self.copy_action, self.paste_action, self.delete_action):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.heatmap_action)
        view_menu.addAction(self.log_action)
        view_menu.addAction(self.fit_columns_action)
        train_menu = bar.addMenu("&Training")
        train_menu.addAction(self.train_action)
        train_menu.addAction(self.stop_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.model.editRejected.connect(self._on_edit_rejected)
        self.model.ratingsChanged.connect(self._on_ratings_changed)
        self.model.predictionsChanged.connect(self._update_prediction_state)
        self.view.deletePressed.connect(self._on_delete)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self._update_title)
        self.panel.train_button.clicked.connect(self.train)
        self.panel.stop_button.clicked.connect(self.stop)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_job_finished)
        self.runner.failed.connect(self._on_job_failed)
        self.runner.idle.connect(self._on_idle)
        self.loss_plot.logScaleChanged.connect(self._on_log_scale_changed)

    # ------------------------------------------------------------------ files
    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_matrix(self, matrix: RatingMatrix, path: str | Path | None = None) -> None:
        """Show a matrix (a fresh document: undo history and predictions are cleared)."""
        self._restart_after_stop = False  # a Train pressed for the previous file
        if self.runner.is_running():
            self._ignore_result = True
            self.runner.stop()
        self.model.set_matrix(matrix)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._train_snapshot = None
        self._path = Path(path).resolve() if path else None
        source = matrix.source or {}
        # Save writes a wide CSV: never over a long-format file or the bundled example.
        self._save_in_place = (
            self._path is not None
            and source.get("format", "wide") == "wide"
            and self._path != bundled_dataset().resolve()
        )
        if matrix.n_items <= 60:
            self._fit_columns()
        else:
            self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.view.horizontalHeader().setDefaultSectionSize(56)
        self.loss_plot.clear()
        self._update_counts()
        self._update_title()
        self.matrixLoaded.emit()

    def open_file(self, path: str | Path) -> bool:
        """Read a rating file and show it; on failure show why and keep the current data."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            matrix = read_ratings(path)
        except SoloRecError as exc:
            QApplication.restoreOverrideCursor()
            self._show_error("Cannot open the file", str(exc))
            return False
        try:
            self.set_matrix(matrix, path)
        finally:
            QApplication.restoreOverrideCursor()
        resolved = str(Path(path).resolve())
        settings.write("file/last", resolved)
        settings.write("file/last_dir", str(Path(resolved).parent))
        settings.add_recent(resolved)
        m = self.model.matrix
        self.statusBar().showMessage(
            f"Opened {Path(path).name}: {m.n_users} users × {m.n_items} items, "
            f"{m.n_known} ratings ({m.source.get('format', '?')} layout, {m.source.get('encoding', '?')})",
            8000,
        )
        return True

    def save_to(self, path: str | Path) -> bool:
        try:
            save_wide(self.model.matrix, path)
        except SoloRecError as exc:
            self._show_error("Cannot save", str(exc))
            return False
        self._path = Path(path).resolve()
        self._save_in_place = True
        self.model.matrix.source = {**(self.model.matrix.source or {}), "path": str(self._path), "format": "wide"}
        self.undo_stack.setClean()
        settings.write("file/last", str(self._path))
        settings.add_recent(str(self._path))
        self.statusBar().showMessage(f"Saved {self._path.name}", 5000)
        self._update_title()
        return True

    def save(self) -> bool:
        if self._path is not None and self._save_in_place:
            return self.save_to(self._path)
        return self.save_as()

    def save_as(self) -> bool:
        suggestion = self._path.with_suffix(".csv").name if self._path else "ratings.csv"
        start = Path(settings.read("file/last_dir") or Path.home()) / suggestion
        path, _ = QFileDialog.getSaveFileName(self, "Save ratings as wide CSV", str(start), "CSV files (*.csv)")
        if not path:
            return False
        return self.save_to(path)

    def export_to(
        self, path: str | Path, decimals: int = 2, bom: bool = False, layout: str = "wide", titles: bool = False
    ) -> bool:
        """Write the completed matrix with the engine's ``export_completed`` (atomic).

        ``titles``: item labels from "Load item names…" instead of the ids."""
        predictions = self.model.predictions
        if predictions is None:
            self._show_error("Nothing to export yet", "Train a model first (F5): the export fills missing cells with its predictions.")
            return False
        try:
            matrix = self.item_names.export_matrix(titles)
            export_completed(matrix, predictions, path, decimals=decimals, bom=bom, layout=layout)
        except SoloRecError as exc:
            self._show_error("Cannot export", str(exc))
            return False
        settings.write("export/decimals", int(decimals))
        settings.write("export/bom", bool(bom))
        settings.write("file/last_dir", str(Path(path).resolve().parent))
        n_missing = int(np.isnan(self.model.matrix.values).sum())
        self.statusBar().showMessage(
            f"Exported {Path(path).name}: {n_missing} predicted cells, {decimals} decimals"
            + (", with BOM for Excel" if bom else ""),
            8000,
        )
        return True

    # ------------------------------------------------------------------ training
    def training_config(self) -> dict[str, Any]:
        return self.panel.config()

    def train(self) -> bool:
        """Train on a snapshot of the grid (F5). Returns False when it could not start."""
        if self.runner.is_running():
            if self.runner.stop_requested():
                # Stop then Train at once: train again as soon as the stopped run has ended.
                self._restart_after_stop = True
                self.panel.progress_label.setText("Stopping… training again as soon as the stopped run ends")
                return True
            self.statusBar().showMessage("Training is already running; press Esc to stop it", 5000)
            return False
        self._restart_after_stop = False
        self.commit_open_editor()  # an edit being typed belongs in the snapshot
        try:
            config = self.training_config()
        except InputError as exc:
            self._show_error("Check the training settings", str(exc))
            return False
        if self.model.matrix.n_known == 0:
            self._show_error("Nothing to train on", "The grid has no known rating.")
            return False
        settings.write_training(config)
        snapshot = self.model.matrix.copy()
        self._pending_snapshot = snapshot.values
        self.loss_plot.clear()
        self.panel.progress.setRange(0, config["epochs"])
        self.panel.progress.setValue(0)
        first_run = not engine_info.engine_loaded()
        self.panel.progress_label.setText(
            "Loading the training engine (torch), the first time only…" if first_run else "Starting…"
        )
        job = (self.make_training_job or fit_job)(snapshot, config)
        self.start_job(guard_job(job, config), self._on_training_finished)
        return True

    def start_job(self, job: Callable, on_finished: Callable[[Any], None]) -> None:
        """Run an engine job in the worker thread with the window's progress and Stop."""
        self._ignore_result = False
        self._job_handler = on_finished
        self.last_error = None
        self.panel.train_button.setEnabled(False)
        self.panel.stop_button.setEnabled(True)
        self.train_action.setEnabled(False)
        self.stop_action.setEnabled(True)
        self.runner.start(job)

    def stop(self) -> None:
        """Esc: stop the running job before its next epoch."""
        if self.runner.is_running():
            self.runner.stop()
            self.panel.progress_label.setText("Stopping…")
            self.panel.train_button.setEnabled(True)  # Train now = train again once stopped
            self.train_action.setEnabled(True)

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        self.loss_plot.append(progress.epochs_done, progress.losses)
        if self.loss_plot.has_curve("valid") and any(v is not None for v in progress.val_losses):
            self.loss_plot.append(progress.epochs_done, progress.val_losses, key="valid")
        self.panel.progress.setRange(0, progress.epochs)
        self.panel.progress.setValue(progress.epoch)
        text = f"Epoch {progress.epoch}/{progress.epochs} · loss {progress.losses[-1]:.5g}"
        left = progress.seconds_left
        if left is not None:
            text += f" · {_duration(left)} left"
        self.panel.progress_label.setText(text)

    @Slot(object)
    def _on_job_finished(self, result: Any) -> None:
        handler, self._job_handler = self._job_handler, None
        if self._ignore_result:
            self.statusBar().showMessage("The training of the previous file was discarded", 5000)
            return
        if handler is not None:
            handler(result)

    def _on_training_finished(self, outcome: TrainOutcome) -> None:
        snapshot, self._pending_snapshot = self._pending_snapshot, None
        self.panel.set_model_names(engine_info.model_names())  # the engine is loaded now
        config = outcome.config
        epochs_run = len(outcome.history)
        name = engine_info.pretty_name(config["model"]).split(":")[0]
        detail = f"dim {config['dim']}, " if "dim" in config else ""
        total = config.get("epochs", epochs_run)
        detail += f"{epochs_run}/{total} epochs" if outcome.stopped else f"{epochs_run} epochs"
        if "lr" in config:
            detail += f", lr {config['lr']:g}"
        note = f"Model: {name} ({detail}){', stopped early' if outcome.stopped else ''}; trained {outcome.finished_at:%Y-%m-%d %H:%M:%S}"
        stale = snapshot is not None and not np.array_equal(snapshot, self.model.matrix.values, equal_nan=True)
        self._train_snapshot = snapshot
        self.model.set_predictions(outcome.predictions, note, stale=stale)
        self.loss_plot.set_history(outcome.history)
        self.last_outcome = outcome
        final = f"final loss {outcome.history[-1]:.5g}" if outcome.history else "no epoch ran"
        n_missing = int(np.isnan(self.model.matrix.values).sum())
        status = (
            f"{'Stopped' if outcome.stopped else 'Trained'} {name} in {outcome.seconds:.1f} s: {final}; "
            f"{n_missing} missing cells predicted"
        )
        if stale:
            status += " (stale: ratings changed during training)"
        self.panel.progress_label.setText(status)
        self.statusBar().showMessage(status, 10000)
        self.trainingFinished.emit(outcome)

    def show_loaded_predictions(self, outcome: TrainOutcome, note: str) -> None:
        """Show predictions not trained here (a loaded model file) as if a training had just ended.

        Later edits mark them stale like a training's; ``trainingFinished`` tells the panels.
        """
        self._train_snapshot = self.model.matrix.values.copy()
        self.model.set_predictions(outcome.predictions, note)
        self.loss_plot.set_history(outcome.history)
        self.last_outcome = outcome
        self.panel.progress_label.setText(note)
        self.trainingFinished.emit(outcome)

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self._job_handler = None
        self._pending_snapshot = None
        if self._ignore_result:
            return
        self.last_error = message
        self.panel.progress_label.setText(f"Training failed: {message}")
        self.statusBar().showMessage(f"Training failed: {message}", 10000)
        self._show_error("Training failed", f"{message}\n\nNo prediction was applied.")
        self.trainingFailed.emit(message)

    @Slot()
    def _on_idle(self) -> None:
        self.panel.train_button.setEnabled(True)
        self.panel.stop_button.setEnabled(False)
        self.train_action.setEnabled(True)
        self.stop_action.setEnabled(False)
        if self._restart_after_stop and self.isVisible():
            self.train()

    # ------------------------------------------------------------------ grid editing
    def commit_open_editor(self) -> None:
        """Commit (or, if invalid, refuse with a reason) a cell edit still being typed."""
        editor = QApplication.focusWidget()
        if editor is not None and self.view.viewport().isAncestorOf(editor):
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def selected_block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) bounding the selection, or the current cell."""
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            current = self.view.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        selection = QItemSelection(self.model.index(top, left), self.model.index(bottom, right))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.selectionModel().setCurrentIndex(self.model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate)

    @Slot()
    def _on_copy(self) -> None:
        block = self.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        if (bottom - top + 1) * (right - left + 1) > 5_000_000:
            self.statusBar().showMessage("The selection is too large to copy", 5000)
            return
        QGuiApplication.clipboard().setText(self.model.copy_text(top, left, bottom, right))
        self.statusBar().showMessage(f"Copied {bottom - top + 1} × {right - left + 1} cells", 3000)

    @Slot()
    def _on_paste(self) -> None:
        block = self.selected_block()
        if block is None:
            self.statusBar().showMessage("Select the cell where the paste should start", 5000)
            return
        top, left, bottom, right = block
        self.paste(QGuiApplication.clipboard().text(), top, left, bottom - top + 1, right - left + 1)

    def paste(self, text: str, top: int, left: int, fill_rows: int = 1, fill_cols: int = 1) -> bool:
        try:
            message = self.model.paste_text(text, top, left, fill_rows, fill_cols)
        except InputError as exc:
            self.statusBar().showMessage(f"Paste refused, {exc}; nothing was changed", 10000)
            return False
        self.statusBar().showMessage(message, 5000)
        return True

    @Slot()
    def _on_delete(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        cells = [(i.row(), i.column()) for i in indexes if i.isValid()]
        n = self.model.clear_cells(cells)
        if n:
            self.statusBar().showMessage(f"{n} rating{'s' if n > 1 else ''} removed (Ctrl+Z to undo)", 5000)

    @Slot(str)
    def _on_edit_rejected(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    @Slot()
    def _on_ratings_changed(self) -> None:
        if self._train_snapshot is not None:
            self.model.set_stale(not np.array_equal(self._train_snapshot, self.model.matrix.values, equal_nan=True))
        self._update_counts()

    @Slot()
    def _update_prediction_state(self) -> None:
        stale = self.model.stale
        self.stale_banner.setVisible(stale)
        if self.model.predictions is None:
            self.prediction_label.setText("No predictions (F5 to train)")
        else:
            self.prediction_label.setText("Predictions stale" if stale else "Predictions shown in italics")

    def _update_counts(self) -> None:
        m = self.model.matrix
        known = m.n_known
        self.counts_label.setText(f"{m.n_users} users × {m.n_items} items · {known} ratings · {m.n_users * m.n_items - known} missing")

    @Slot()
    def _update_title(self, *args) -> None:
        name = self._path.name if self._path else "untitled"
        self.setWindowTitle(f"{APP_NAME} — {name}{' *' if self.is_modified else ''}")

    # ------------------------------------------------------------------ view
    @Slot(bool)
    def _on_heatmap(self, on: bool) -> None:
        self.model.set_heatmap(on)
        settings.write("view/heatmap", bool(on))

    @Slot(bool)
    def _on_log_scale_changed(self, on: bool) -> None:
        with QSignalBlocker(self.log_action):
            self.log_action.setChecked(on)
        settings.write("view/log_loss", bool(on))

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        if 0 < self.model.columnCount() <= 12:
            # A small table (the lecture's is 9 × 8) fills the width instead of a corner;
            # the user can still switch to manual widths by dragging after a reset.
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(64)
            return
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if self.model.columnCount() <= 200:
            self.view.resizeColumnsToContents()
            for c in range(self.model.columnCount()):
                header.resizeSection(c, max(header.sectionSize(c), 64))

    def add_panel(self, widget: QWidget, title: str) -> int:
        """Add a tab beside the loss plot (for later panels)."""
        return self.tabs.addTab(widget, title)

    # ------------------------------------------------------------------ dialogs
    def _show_error(self, title: str, message: str) -> None:
        """Non-modal message box, so the app (and tests) keep running."""
        log.info("%s: %s", title, message)
        self.last_error = message
        self.statusBar().showMessage(f"{title}: {message}", 10000)
        if self._error_box is not None:
            self._error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self._error_box = box

    def _on_open(self) -> None:
        if not self._maybe_save("opening another file"):
            return
        start = settings.read("file/last_dir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open ratings (wide or long CSV)", start, CSV_FILTER)
        if path:
            self.open_file(path)

    def open_recent(self, path: str) -> None:
        if not self._maybe_save("opening another file"):
            return
        if not Path(path).exists():
            recent = [p for p in settings.read("file/recent") if p != path]
            settings.write("file/recent", recent)
            self._show_error("Cannot open the file", f"{path} no longer exists; it was removed from the recent files.")
            return
        self.open_file(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.read("file/recent")
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
        for k, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{k} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))

    def _on_save(self) -> None:
        self.save()

    def _on_save_as(self) -> None:
        self.save_as()

    def _on_export(self) -> None:
        if self.model.predictions is None:
            self._show_error(
                "Nothing to export yet", "Train a model first (F5): the export fills missing cells with its predictions."
            )
            return
        if self.model.stale:
            answer = QMessageBox.question(
                self,
                "Predictions are stale",
                "The ratings changed since the model was trained. Export these predictions anyway?\n"
                "(Retrain with F5 for predictions from the current ratings.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        dialog = ExportDialog(settings.read("export/decimals"), settings.read("export/bom"), self)
        self.item_names.add_export_option(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        stem = self._path.stem if self._path else "ratings"
        start = Path(settings.read("file/last_dir") or Path.home()) / f"{stem}-completed.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export completed CSV", str(start), "CSV files (*.csv)")
        if path:
            self.export_to(
                path,
                dialog.decimals.value(),
                dialog.bom.isChecked(),
                dialog.layout_combo.currentData(),
                titles=dialog.titles.isChecked(),
            )

    def _on_about(self) -> None:
        descriptions = engine_info.model_descriptions()
        models = "".join(
            f"<li><b>{engine_info.pretty_name(n).split(':')[0]}</b>: {descriptions.get(n, '')}</li>"
            for n in engine_info.model_names()
        )
        QMessageBox.about(
            self,
            "About SoloRec",
            f"<h3>SoloRec {__version__}</h3>"
            "<p>Completes a rating matrix (users × items, some cells missing) with "
            "embedding-based recommenders trained in PyTorch, as in the deep-learning lecture.</p>"
            f"<ul>{models}</ul>"
            "<p>Known ratings are shown as they are; predicted cells are in <i>italics</i> on a blue background. "
            "The loss is the mean squared error over the known ratings.</p>",
        )

    def ask_unsaved(self, reason: str) -> QMessageBox.StandardButton:
        """Save / Discard / Cancel (tests replace this method)."""
        name = self._path.name if self._path else "the ratings"
        return QMessageBox.question(
            self,
            "Unsaved edits",
            f"{name} has unsaved edits. Save them before {reason}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def _maybe_save(self, reason: str) -> bool:
        """True when it is fine to drop the current ratings."""
        if not self.is_modified:
            return True
        answer = self.ask_unsaved(reason)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------------ settings and closing
    def _restore_settings(self) -> None:
        geometry = settings.read("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)  # Qt moves it onto a screen that still exists
        for key, splitter in (("window/splitter_main", self.main_splitter), ("window/splitter_side", self.side_splitter)):
            state = settings.read(key)
            if not state.isEmpty():
                splitter.restoreState(state)
        self.panel.set_config(settings.read_training())
        self.heatmap_action.setChecked(settings.read("view/heatmap"))
        self.model.set_heatmap(self.heatmap_action.isChecked())
        self.loss_plot.set_log_scale(settings.read("view/log_loss"))

    def save_settings(self) -> None:
        settings.write("window/geometry", self.saveGeometry())
        settings.write("window/splitter_main", self.main_splitter.saveState())
        settings.write("window/splitter_side", self.side_splitter.saveState())
        try:
            settings.write_training(self.panel.config())
        except InputError:
            pass  # keep the last valid settings

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_open_editor()
        if not self._maybe_save("closing"):
            event.ignore()
            return
        self._restart_after_stop = False
        self.recovery.window_closed()  # saved or discarded: nothing left to recover
        if self.runner.is_running():
            self._ignore_result = True
            self.statusBar().showMessage("Stopping the training…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.runner.shutdown()
            finally:
                QApplication.restoreOverrideCursor()
        if self._error_box is not None:
            self._error_box.close()
        self.save_settings()
        event.accept()


def _duration(seconds: float) -> str:
    if seconds < 1:
        return "<1 s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


__all__ = ["MainWindow", "RatingsView", "TrainingPanel", "ExportDialog"]
