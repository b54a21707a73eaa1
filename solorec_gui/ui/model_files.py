"""File menu: Save model…, Load model…, Export long CSV… (engine: ``core.modelfile``, ``ratings.export_completed``).

Loading reads the file with the engine's ``load_model`` (``torch.load`` with
``weights_only=True``: no code from the file runs) and predicts the grid with
``LoadedModel.predict_for``, which matches users and items by label. Any
mismatch (another data set, another scale, a foreign or tampered file) is a
message, and nothing in the window changes. Loading happens on the GUI thread
under a wait cursor: it reads one file and runs one forward pass, no training.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ..core.errors import SoloRecError
from . import engine_info, settings

log = logging.getLogger(__name__)

MODEL_EXTENSION = ".solorec.pt"  # the engine's modelfile.EXTENSION (not imported: that imports torch)
MODEL_FILTER = f"SoloRec models (*{MODEL_EXTENSION} *.pt);;All files (*)"


def show_error(window: Any, title: str, message: str) -> None:
    """Status bar plus a non-modal warning (the app, and tests, keep running)."""
    log.info("%s: %s", title, message)
    window.last_error = message
    window.statusBar().showMessage(f"{title}: {message}", 10000)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()


class ModelFiles(QObject):
    """The three File-menu actions and what they do."""

    modelLoaded = Signal(object)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.save_model_action = QAction("Save &model…", window)
        self.save_model_action.setStatusTip("Save the trained model (weights, settings, labels, loss history) to one file")
        self.save_model_action.triggered.connect(self._on_save_model)
        self.load_model_action = QAction("&Load model…", window)
        self.load_model_action.setStatusTip("Predict the grid with a saved model, without retraining")
        self.load_model_action.triggered.connect(self._on_load_model)
        self.export_long_action = QAction("Export &long CSV…", window)
        self.export_long_action.setStatusTip("Completed matrix as user,item,rating,is_predicted lines")
        self.export_long_action.triggered.connect(self._on_export_long)
        menu = getattr(window, "file_menu", None)
        if menu is not None:
            before = window.quit_action
            menu.insertAction(before, self.export_long_action)
            menu.insertSeparator(before)
            menu.insertAction(before, self.save_model_action)
            menu.insertAction(before, self.load_model_action)
            menu.insertSeparator(before)

    # -- dialogs -------------------------------------------------------------------
    def _start_dir(self) -> Path:
        return Path(settings.read("file/last_dir") or Path.home())

    def _stem(self) -> str:
        path = self.window.path
        return path.stem if path else "ratings"

    def _on_save_model(self) -> None:
        if not self._can_save():
            return
        start = self._start_dir() / f"{self._stem()}-{self.window.last_outcome.config['model']}{MODEL_EXTENSION}"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save model", str(start), MODEL_FILTER)
        if path:
            self.save_model_to(path)

    def _on_load_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Load model", str(self._start_dir()), MODEL_FILTER)
        if path:
            self.load_model_from(path)

    def _on_export_long(self) -> None:
        if self.window.model.predictions is None:
            show_error(self.window, "Nothing to export yet",
                       "Train a model first (F5): the export fills missing cells with its predictions.")
            return
        start = self._start_dir() / f"{self._stem()}-completed-long.csv"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export long CSV", str(start), "CSV files (*.csv)")
        if path:
            self.export_long_to(path)

    # -- work --------------------------------------------------------------------------
    def _can_save(self) -> bool:
        outcome = self.window.last_outcome
        if outcome is None or getattr(outcome, "fit_result", None) is None or self.window.model.predictions is None:
            show_error(self.window, "No model to save", "Train a model first (F5), then save it.")
            return False
        if getattr(outcome, "members", 1) > 1:
            show_error(
                self.window,
                "Cannot save an ensemble",
                "A model file holds one model, and the grid shows the mean of an ensemble. "
                "Switch the ensemble off and train again (F5) to save a model.",
            )
            return False
        return True

    def save_model_to(self, path: str | Path) -> bool:
        if not self._can_save():
            return False
        from ..core.modelfile import save_model

        try:
            save_model(path, self.window.last_outcome.fit_result, self.window.model.matrix)
        except SoloRecError as exc:
            show_error(self.window, "Cannot save the model", str(exc))
            return False
        settings.write("file/last_dir", str(Path(path).resolve().parent))
        self.window.statusBar().showMessage(f"Saved the model to {Path(path).name}", 8000)
        return True

    def load_model_from(self, path: str | Path) -> bool:
        """Predict the grid with a saved model; on any problem show why and change nothing."""
        window = self.window
        if window.runner.is_running():
            show_error(window, "Cannot load a model now", "A training is running; stop it (Esc) first.")
            return False
        matrix = window.model.matrix
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        error = None
        try:
            from ..core.modelfile import load_model

            loaded = load_model(path)
            predictions = loaded.predict_for(matrix)
        except SoloRecError as exc:
            error = str(exc)
        finally:
            QApplication.restoreOverrideCursor()
        if error is not None:
            show_error(window, "Cannot load the model", f"{error}\n\nNothing was changed.")
            return False
        from .insight_jobs import InsightOutcome

        same_grid = list(loaded.users) == list(matrix.users) and list(loaded.items) == list(matrix.items)
        fit_result = loaded.to_fit_result() if same_grid else None
        outcome = InsightOutcome(
            predictions=predictions,
            history=list(loaded.history),
            val_history=list(loaded.val_history),
            config=engine_info.config_from_spec(loaded.spec),
            stopped=False,
            seconds=float(loaded.meta.get("fit_seconds", 0.0)),
            finished_at=datetime.now(),
            fit_result=fit_result,
            best_epoch=int(loaded.best_epoch),
            patience=loaded.spec.patience,
        )
        name = engine_info.pretty_name(loaded.spec.model).split(":")[0]
        note = f"Model: {name} loaded from {Path(path).name} (not retrained here)"
        window.show_loaded_predictions(outcome, note)
        settings.write("file/last_dir", str(Path(path).resolve().parent))
        message = f"Loaded {Path(path).name}: {name}, predictions without retraining"
        if not same_grid:
            message += " (labels matched by name; the embedding map and explanations need the same rows and columns)"
        window.statusBar().showMessage(message, 10000)
        self.modelLoaded.emit(outcome)
        return True

    def export_long_to(self, path: str | Path) -> bool:
        return self.window.export_to(
            path, settings.read("export/decimals"), settings.read("export/bom"), layout="long"
        )


__all__ = ["ModelFiles", "show_error", "MODEL_EXTENSION"]
