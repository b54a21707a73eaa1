"""SoloRec's main window: a composition of the document, the job controller and the panels.

Layout::

    ┌ menu bar ───────────────────────────────────────────────────────┐
    │ [banners]                             │ Training panel (form)   │
    │ rating grid (GridView)                ├─────────────────────────┤
    │                                       │ tabs: Loss · Evaluate … │
    └ status bar: message · counts · predictions state ───────────────┘

The parts, each its own module: :class:`~.document.Document` (the matrix, its
file and lock, the predictions and their provenance), :class:`~.jobs.JobController`
(one job at a time; finished, stopped and failed are three outcomes),
:class:`~.grid_view.GridView`, :class:`~.training_panel.TrainingPanel`,
:class:`~.loss_plot.LossPlot`, :class:`~.trainer.Trainer` (F5/Esc and what every
job shows), :class:`~.insight.Insight` (evaluation, map, recommendations),
:class:`~.model_files.ModelFiles`, :class:`~.item_names_ui.ItemNames`,
:class:`~.recovery.RecoveryManager`. The features receive a
:class:`~.host.Host`, not this window. What stays here: the menus, the file
dialogs (open, save, export, unsaved edits, a file another window owns) and closing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import catalog
from ..core.data import RatingMatrix, read_ratings
from ..core.errors import SoloRecError
from ..paths import resource
from . import help as help_ui
from . import i18n, messages, recent_files, settings, table_editing
from .document import Document, DocumentLock
from .export_dialog import (
    ask_sheet,
    export_chosen_users_interactively,
    export_interactively,
    export_script_interactively,
    offer_other_exports,
    save_start_folder,
)
from .file_open import FileOpener, reads_in_job
from .grid_view import GridView
from .host import Host
from .insight import Insight
from .item_names_ui import ItemNames
from .jobs import JobController
from .lecture_panel import LectureDock
from .loss_plot import LossPlot
from .model_files import ModelFiles
from .recent_files import RecentMenu
from .recovery import RecoveryManager
from .trainer import Trainer
from .training_panel import TrainingPanel

log = logging.getLogger(__name__)

APP_NAME = "SoloRec"
CSV_FILTER = "Rating files (*.csv *.tsv *.txt *.data *.xlsx *.xlsm *.ods);;All files (*)"


class MainWindow(QMainWindow):
    """See the module docstring."""

    #: A file read in a job (a large one) has been opened (True) or not (False: cancelled or failed; why).
    fileRead = Signal(bool, str)

    def __init__(self, matrix: RatingMatrix | None = None, path: str | Path | None = None) -> None:
        super().__init__()
        self.setWindowIcon(QIcon(str(resource("solorec.png"))))
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self.document = Document(parent=self)
        self.jobs = JobController(self)
        self.opener = FileOpener(self)
        self.grid = GridView(self.document, self._status)
        self.panel = TrainingPanel()
        self.loss_plot = LossPlot()
        self._build_layout()
        self._build_actions()
        self._build_menus()
        self.host = Host(
            document=self.document, jobs=self.jobs, panel=self.panel, plot=self.loss_plot, grid=self.grid,
            tabs=self.tabs, widget=self, file_menu=self.file_menu, menu_anchor=self.quit_action,
            status=self._status, error=self._show_error, open_file=self.open_file, maybe_save=self._maybe_save,
        )
        self.trainer = Trainer(self.host)
        self.trainingFinished = self.trainer.trainingFinished
        self.trainingFailed = self.trainer.trainingFailed
        self.matrixLoaded = self.document.loaded
        self.insight = Insight(self.host, self.trainer)
        self.model_files = ModelFiles(self.host, self.trainer, self.export_to)
        self.item_names = ItemNames(self.host)
        self.file_menu.insertAction(self.save_action, self.item_names.action)
        self.file_menu.insertSeparator(self.save_action)
        self.recovery = RecoveryManager(self.host)
        table_editing.install(self)  # New table, rows/columns, live what-if, Export recommendations
        self.lecture = LectureDock(self.host, self.trainer, self.insight)  # View › Lecture, built when first shown
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lecture)
        self.lecture.hide()
        self.view_menu.addAction(self.lecture.toggleViewAction())
        self._connect()
        self._restore_settings()
        if matrix is not None:
            self.document.load(matrix, path)
        self._update_title()

    # ------------------------------------------------------------------ the parts, as tests and tools reach them
    @property
    def model(self):
        return self.document.model

    @property
    def undo_stack(self):
        return self.document.undo_stack

    @property
    def view(self):
        return self.grid.view

    @property
    def path(self) -> Path | None:
        return self.document.path

    @property
    def is_modified(self) -> bool:
        return self.document.is_modified

    @property
    def last_outcome(self):
        return self.document.outcome

    def training_config(self):
        """What F5 would train now (a TrainSpec; ConfigError names a bad field)."""
        return self.panel.spec()

    def train(self) -> bool:
        return self.trainer.train()

    def stop(self) -> None:
        self.trainer.stop()

    # ------------------------------------------------------------------ building
    def _build_layout(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self.loss_plot, self.tr("Loss"))
        # The panel scrolls rather than setting the window's minimum height (a 768-px laptop screen must fit).
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
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.addWidget(side_top)
        self.side_splitter.addWidget(self.tabs)
        self.side_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.grid)
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.counts_label = self.grid.counts_label
        self.prediction_label = self.grid.prediction_label
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.prediction_label)
        self.resize(1180, 720)

    def _action(self, text: str, slot: Callable, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts([QKeySequence(s) for s in shortcut] if isinstance(shortcut, (list, tuple))
                                else [QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.open_action = self._action(self.tr("&Open…"), self._on_open, K.Open, self.tr("Open a wide or long rating CSV"))
        self.save_action = self._action(self.tr("&Save"), self.save, K.Save, self.tr("Save the ratings (without predictions)"))
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, K.SaveAs)
        self.export_script_action = self._action(self.tr("Export as &Python script…"), self._on_export_script, None,
                                                 self.tr("The lecture's PyTorch code for the current model and settings"))
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), lambda: help_ui.show_shortcuts(self),
                                             "Ctrl+/")
        self.guide_action = self._action(self.tr("&Guide"), lambda: help_ui.show_guide(self), "F1",
                                         self.tr("The lecture's steps in the window"))
        self.export_action = self._action(self.tr("&Export completed…"), self._on_export, "Ctrl+E",
                                          self.tr("Ratings with predictions in the missing cells"))
        self.export_users_action = self._action(
            self.tr("Export predictions for &chosen users…"), self._on_export_users, None,
            self.tr("Every item of the users you name, as user,item,rating,is_predicted lines (any table size)"))
        self.quit_action = self._action(self.tr("&Quit"), self.close, K.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence(K.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.copy_action = self._action(self.tr("&Copy"), self.grid.copy, K.Copy, self.tr("Copy the selected ratings as tab-separated text"))
        self.paste_action = self._action(self.tr("&Paste"), self.grid.paste_clipboard, K.Paste, self.tr("Paste tab-separated ratings"))
        self.delete_action = QAction(self.tr("&Delete (make missing)"), self)
        self.delete_action.setShortcut(QKeySequence(K.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the view handles the key
        self.delete_action.triggered.connect(self.grid.delete_selection)
        self.train_action = self._action(self.tr("&Train"), self.train, "F5", self.tr("Train the model on the current ratings"))
        self.stop_action = self._action(self.tr("&Stop"), self.stop, "Esc", self.tr("Stop the running job"))
        self.stop_action.setEnabled(False)
        self.heatmap_action = self._action(self.tr("&Heat map"), self._on_heatmap)
        self.heatmap_action.setCheckable(True)
        self.log_action = self._action(self.tr("&Log-scale loss"), self.loss_plot.set_log_scale)
        self.log_action.setCheckable(True)
        self.fit_columns_action = self._action(self.tr("&Fit columns to labels"), self.grid.fit_columns)
        self.about_action = self._action(self.tr("&About SoloRec"), self._on_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.open_action)
        self.recent_menu = RecentMenu(self.tr("Open &Recent"), self.open_recent, self)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action, self.export_action, self.export_users_action,
                       self.export_script_action, None, self.quit_action):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.undo_action, self.redo_action, None, self.copy_action, self.paste_action, self.delete_action):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        view_menu = self.view_menu = bar.addMenu(self.tr("&View"))
        for action in (self.heatmap_action, self.log_action, self.fit_columns_action):
            view_menu.addAction(action)
        self.language_menu = i18n.language_menu(self, view_menu)
        train_menu = bar.addMenu(self.tr("&Training"))
        train_menu.addAction(self.train_action)
        train_menu.addAction(self.stop_action)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        for action in (self.guide_action, self.shortcuts_action, None, self.about_action):
            self.help_menu.addSeparator() if action is None else self.help_menu.addAction(action)

    def _connect(self) -> None:
        doc = self.document
        doc.loaded.connect(self._on_document_loaded)
        self.opener.opened.connect(self._on_file_read)
        self.opener.failed.connect(self._on_read_failed)
        self.opener.cancelled.connect(self._on_read_cancelled)
        doc.stateChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self._update_title)
        self.jobs.started.connect(self._on_job_started)
        self.jobs.idle.connect(self._on_jobs_idle)
        self.loss_plot.logScaleChanged.connect(self._on_log_scale_changed)

    @Slot(str)
    def _on_job_started(self, _kind: str) -> None:
        self.train_action.setEnabled(False)
        self.stop_action.setEnabled(True)

    @Slot()
    def _on_jobs_idle(self) -> None:
        self.train_action.setEnabled(True)
        self.stop_action.setEnabled(False)

    # ------------------------------------------------------------------ files
    def ask_locked(self, path: Path, owner: str) -> str:
        """'read-only', 'copy' or 'cancel' for a file another SoloRec owns (tests replace this method)."""
        return messages.ask_locked(self, path, owner)

    def open_file(self, path: str | Path) -> bool:
        """Read a rating file and show it; on failure show why and keep the current document.

        A very large long file (MovieLens-25M size) is read in a job with a progress bar and Cancel
        (:mod:`.file_open`): this returns True once the reading has started, and the document is
        replaced only when it has been read (``fileRead`` says how it ended)."""
        sheet = self.ask_sheet(path)  # a workbook with several sheets: which one (False: cancelled)
        if sheet is False:
            return False
        if reads_in_job(path, sheet):
            if self.opener.is_running():
                self._status(self.tr("A file is already being read; cancel it first"), 5000)
                return False
            return self.opener.start(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            matrix = read_ratings(path, sheet=sheet)
        except SoloRecError as exc:
            QApplication.restoreOverrideCursor()
            self._show_error(self.tr("Cannot open the file"), str(exc))
            return False
        QApplication.restoreOverrideCursor()
        return self.show_opened(matrix, path)

    @Slot(object, str)
    def _on_file_read(self, matrix: RatingMatrix, path: str) -> None:
        ok = self.show_opened(matrix, path)
        self.fileRead.emit(ok, "" if ok else (self.last_error or ""))

    @Slot(str, str)
    def _on_read_failed(self, path: str, message: str) -> None:
        self._show_error(self.tr("Cannot open the file"), message)
        self.fileRead.emit(False, message)

    @Slot(str)
    def _on_read_cancelled(self, path: str) -> None:
        text = self.tr("Opening {new} was cancelled; {name} stays open").format(
            new=Path(path).name, name=self.document.display_name)
        self._status(text, 8000)
        self.fileRead.emit(False, text)

    def show_opened(self, matrix: RatingMatrix, path: str | Path) -> bool:
        """Make a matrix read from ``path`` the document (the lock, the settings, the recent files)."""
        resolved = Path(path).resolve()
        lock, read_only, copy_of = None, False, None
        if Document.needs_lock(matrix, resolved):
            doc = self.document
            lock = doc.lock if doc.lock is not None and doc.lock.path == resolved else DocumentLock(resolved)
            if not lock.acquire():
                answer = self.ask_locked(resolved, lock.owner())
                if answer not in ("read-only", "copy"):
                    return False
                lock, read_only, copy_of = None, answer == "read-only", resolved if answer == "copy" else None
        self.panel.save()  # the settings of the file being closed
        if self.jobs.discard():
            self._status(self.tr("The job of the previous file was discarded"), 5000)
        self.document.load(matrix, None if copy_of else resolved, lock=lock, read_only=read_only, copy_of=copy_of)
        settings.write("file/last", str(resolved))
        settings.write("file/last_dir", str(resolved.parent))
        settings.add_recent(str(resolved))
        m = self.document.matrix
        text = self.tr("Opened {name}: {u} users × {i} items, {n} ratings ({fmt} layout, {enc})").format(
            name=self.document.display_name, u=f"{m.n_users:,}", i=f"{m.n_items:,}", n=f"{m.n_known:,}",
            fmt=m.source.get("format", "?"), enc=m.source.get("encoding", "?"))
        if not m.is_dense:
            text += self.tr("; read-only at this size")
        self._status(text, 8000)
        return True

    @Slot()
    def _on_document_loaded(self) -> None:
        doc = self.document
        self.panel.load(doc.settings, doc.matrix, doc.display_name)
        self.grid.new_matrix()
        self.grid.update_banners()
        self._update_title()
        if catalog.is_large(doc.matrix) and self.panel.model() == self.panel.recommended:
            self._status(self.tr("Large matrix: the training panel now shows the large-data recipe"), 8000)
        if not doc.matrix.is_dense:  # MovieLens-25M size: the first F5 must not import the recipe's optimizer
            try:
                from .engine_jobs import warm_up_spec

                warm_up_spec(self.panel.spec())
            except SoloRecError:
                pass

    def save_to(self, path: str | Path) -> bool:
        self.panel.save()  # the settings as shown go with the document to its (new) file
        try:
            self.document.save_to(path)
        except SoloRecError as exc:
            self._show_error(self.tr("Cannot save"), str(exc))
            return False
        self.panel.rebind(self.document.settings, self.document.display_name)
        settings.write("file/last", str(self.document.path))
        settings.add_recent(str(self.document.path))
        self._status(self.tr("Saved {0}").format(self.document.path.name), 5000)
        return True

    def save(self) -> bool:
        doc = self.document
        if doc.path is not None and doc.save_in_place:
            return self.save_to(doc.path)
        return self.save_as()

    def save_as(self) -> bool:
        doc = self.document
        suggestion = doc.path.with_suffix(".csv").name if doc.path else f"{doc.display_name}.csv"
        start = save_start_folder(doc) / suggestion
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save ratings as wide CSV"), str(start),
                                              self.tr("CSV files (*.csv)"))
        return bool(path) and self.save_to(path)

    def export_to(self, path: str | Path, decimals: int = 2, bom: bool = False, layout: str = "wide",
                  titles: bool = False) -> bool:
        """Write the completed matrix (``titles``: item names from "Load item names…" instead of the ids)."""
        if self.document.model.is_sparse:  # 9.6 billion cells: refused, with what to export instead
            self._show_error(self.tr("Cannot export"), self.document.dense_export_refusal())
            return False
        if self.document.predictions is None:
            self._show_error(self.tr("Nothing to export yet"),
                             self.tr("Train a model first (F5): the export fills missing cells with its predictions."))
            return False
        try:
            self.document.export(path, self.item_names.export_matrix(titles), decimals, bom, layout)
        except SoloRecError as exc:
            self._show_error(self.tr("Cannot export"), str(exc))
            return False
        settings.write("export/decimals", int(decimals))
        settings.write("export/bom", bool(bom))
        settings.write("file/last_dir", str(Path(path).resolve().parent))
        n_missing = int(np.isnan(self.document.matrix.values).sum())  # a dense table (sparse is refused above)
        self._status(self.tr("Exported {name}: {n} predicted cells, {d} decimals").format(
            name=Path(path).name, n=n_missing, d=decimals) + (self.tr(", with BOM for Excel") if bom else ""), 8000)
        return True

    def _on_open(self) -> None:
        if not self._maybe_save(self.tr("opening another file")):
            return
        start = settings.read("file/last_dir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open ratings (wide or long CSV)"), start, CSV_FILTER)
        if path:
            self.open_file(path)

    def open_recent(self, path: str) -> bool:
        if not self._maybe_save(self.tr("opening another file")):
            return False
        if not Path(path).exists():
            recent_files.forget(path)
            self._show_error(self.tr("Cannot open the file"),
                             self.tr("{0} no longer exists; it was removed from the recent files.").format(path))
            return False
        return self.open_file(path)

    def ask_sheet(self, path: str | Path) -> str | None | bool:
        """The sheet to read of a workbook with several (None: the only one or not a workbook; False: cancelled)."""
        return ask_sheet(self, path)

    def _on_export_script(self) -> None:
        export_script_interactively(self, self.document, self.panel)

    def _on_export(self) -> None:
        if self.document.model.is_sparse:
            offer_other_exports(self, self.document, self.recommendations_export.action, self.export_users_action)
            return
        export_interactively(self, self.document, self.item_names.loaded, self.export_to)

    def _on_export_users(self) -> None:
        export_chosen_users_interactively(self, self.document, self.view.currentIndex().row(), self._status)

    def ask_unsaved(self, reason: str) -> QMessageBox.StandardButton:
        """Save / Discard / Cancel (tests replace this method)."""
        return messages.ask_unsaved(self, self.document.display_name, reason)

    def _maybe_save(self, reason: str) -> bool:
        """True when it is fine to drop the current ratings."""
        if not self.is_modified:
            return True
        answer = self.ask_unsaved(reason)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------------ status, title, dialogs
    def _status(self, text: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(text, ms)

    def _show_error(self, title: str, message: str) -> None:
        """Non-modal message box, so the app (and tests) keep running."""
        log.info("%s: %s", title, message)
        self.last_error = message
        self._status(f"{title}: {message}", 10000)
        if self._error_box is not None:
            self._error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self._error_box = box

    @Slot()
    def _update_title(self, *args) -> None:
        doc = self.document
        flags = (" *" if self.is_modified else "") + (self.tr(" [read-only]") if doc.read_only else "")
        self.setWindowTitle(f"{APP_NAME} — {doc.display_name}{flags}")

    @Slot()
    def _on_about(self) -> None:
        messages.show_about(self)

    # ------------------------------------------------------------------ view settings and closing
    @Slot(bool)
    def _on_heatmap(self, on: bool) -> None:
        self.document.model.set_heatmap(on)
        settings.write("view/heatmap", bool(on))

    @Slot(bool)
    def _on_log_scale_changed(self, on: bool) -> None:
        with QSignalBlocker(self.log_action):
            self.log_action.setChecked(on)
        settings.write("view/log_loss", bool(on))

    def _restore_settings(self) -> None:
        geometry = settings.read("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)  # Qt moves it onto a screen that still exists
        for key, splitter in (("window/splitter_main", self.main_splitter), ("window/splitter_side", self.side_splitter)):
            state = settings.read(key)
            if not state.isEmpty():
                splitter.restoreState(state)
        self.heatmap_action.setChecked(settings.read("view/heatmap"))
        self.document.model.set_heatmap(self.heatmap_action.isChecked())
        self.loss_plot.set_log_scale(settings.read("view/log_loss"))

    def save_settings(self) -> None:
        settings.write("window/geometry", self.saveGeometry())
        settings.write("window/splitter_main", self.main_splitter.saveState())
        settings.write("window/splitter_side", self.side_splitter.saveState())
        self.panel.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.grid.commit_open_editor()
        if not self._maybe_save(self.tr("closing")):
            event.ignore()
            return
        self.recovery.window_closed()  # saved or discarded: nothing left to recover
        if self.jobs.is_running():
            self._status(self.tr("Stopping the running job…"))
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.jobs.shutdown()
            finally:
                QApplication.restoreOverrideCursor()
        self.opener.shutdown()
        if self._error_box is not None:
            self._error_box.close()
        self.save_settings()
        settings.sync()
        self.document.close()
        event.accept()


__all__ = ["MainWindow"]
