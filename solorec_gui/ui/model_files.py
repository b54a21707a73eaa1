"""File menu: Save model…, Load model…, Export long CSV… (engine: ``core.modelfile``, ``ratings.export_completed``).

Loading reads the file with the engine's ``load_model`` (``torch.load`` with
``weights_only=True``: no code from the file runs) and predicts the grid with
``LoadedModel.predict_for``, which matches users and items by label. Any
mismatch (another data set, another scale, a foreign or damaged file) is a
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
from PySide6.QtWidgets import QApplication, QFileDialog

from ..core.data import cells_text
from ..core.errors import SoloRecError
from . import settings
from .host import Host
from .trainer import Trainer, short_name

log = logging.getLogger(__name__)

MODEL_EXTENSION = ".solorec.pt"  # the engine's modelfile.EXTENSION (not imported: that imports torch)
MODEL_FILTER = f"SoloRec models (*{MODEL_EXTENSION} *.pt);;All files (*)"


class ModelFiles(QObject):
    """The three File-menu actions and what they do."""

    modelLoaded = Signal(object)

    def __init__(self, host: Host, trainer: Trainer, export_long: Any) -> None:
        super().__init__(host.widget)
        self.host = host
        self.trainer = trainer
        self._export_long = export_long
        parent = host.widget
        self.save_model_action = QAction(self.tr("Save &model…"), parent)
        self.save_model_action.setStatusTip(
            self.tr("Save the trained model (weights, settings, labels, loss history) to one file"))
        self.save_model_action.triggered.connect(self._on_save_model)
        self.load_model_action = QAction(self.tr("&Load model…"), parent)
        self.load_model_action.setStatusTip(self.tr("Predict the grid with a saved model, without retraining"))
        self.load_model_action.triggered.connect(self._on_load_model)
        self.export_long_action = QAction(self.tr("Export &long CSV…"), parent)
        self.export_long_action.setStatusTip(self.tr("Completed matrix as user,item,rating,is_predicted lines"))
        self.export_long_action.triggered.connect(self._on_export_long)
        host.add_file_action(self.export_long_action, separator=True)
        host.add_file_action(self.save_model_action)
        host.add_file_action(self.load_model_action, separator=True)

    # -- dialogs -------------------------------------------------------------------
    def _start_dir(self) -> Path:
        return Path(settings.read("file/last_dir") or Path.home())

    def _stem(self) -> str:
        path = self.host.document.path
        return path.stem if path else "ratings"

    def _on_save_model(self) -> None:
        if not self._can_save():
            return
        start = self._start_dir() / f"{self._stem()}-{self.host.document.outcome.spec.model}{MODEL_EXTENSION}"
        path, _ = QFileDialog.getSaveFileName(self.host.widget, self.tr("Save model"), str(start), MODEL_FILTER)
        if path:
            self.save_model_to(path)

    def _on_load_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.host.widget, self.tr("Load model"), str(self._start_dir()),
                                              MODEL_FILTER)
        if path:
            self.load_model_from(path)

    def _on_export_long(self) -> None:
        if self.host.document.model.is_sparse:  # refused with what to export instead
            self._export_long("", 2, False, layout="long")
            return
        if self.host.document.predictions is None:
            self.host.error(self.tr("Nothing to export yet"),
                            self.tr("Train a model first (F5): the export fills missing cells with its predictions."))
            return
        start = self._start_dir() / f"{self._stem()}-completed-long.csv"
        path, _ = QFileDialog.getSaveFileName(self.host.widget, self.tr("Export long CSV"), str(start),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_long_to(path)

    # -- work --------------------------------------------------------------------------
    def _can_save(self) -> bool:
        outcome = self.host.document.outcome
        if outcome is None or getattr(outcome, "fit_result", None) is None:
            self.host.error(self.tr("No model to save"), self.tr("Train a model first (F5), then save it."))
            return False
        if getattr(outcome, "members", 1) > 1:
            self.host.error(
                self.tr("Cannot save an ensemble"),
                self.tr("A model file holds one model, and the grid shows the mean of an ensemble. "
                        "Switch the ensemble off and train again (F5) to save a model."),
            )
            return False
        return True

    def save_model_to(self, path: str | Path) -> bool:
        if not self._can_save():
            return False
        from ..core.modelfile import save_model

        try:
            save_model(path, self.host.document.outcome.fit_result, self.host.document.trained_matrix())
        except SoloRecError as exc:
            self.host.error(self.tr("Cannot save the model"), str(exc))
            return False
        settings.write("file/last_dir", str(Path(path).resolve().parent))
        self.host.status(self.tr("Saved the model to {0}").format(Path(path).name), 8000)
        return True

    def load_model_from(self, path: str | Path) -> bool:
        """Predict the grid with a saved model; on any problem show why and change nothing."""
        host = self.host
        if host.jobs.is_running():
            host.error(self.tr("Cannot load a model now"), self.tr("A job is running; stop it (Esc) first."))
            return False
        matrix = host.document.matrix
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        error = None
        try:
            from ..core.modelfile import load_model

            loaded = load_model(path)
            if matrix.is_dense:
                predictions = loaded.predict_for(matrix)
            elif list(loaded.users) == list(matrix.users) and list(loaded.items) == list(matrix.items):
                predictions = None  # the grid asks the model for the blocks it shows (predict_rows)
            else:
                raise SoloRecError(self.tr(
                    "at {0}, a model can predict this table only if it was trained on these very users and "
                    "items, in the same order (matching other labels would need the full grid)").format(
                    cells_text(matrix.n_users * matrix.n_items)))
        except SoloRecError as exc:
            error = str(exc)
        finally:
            QApplication.restoreOverrideCursor()
        if error is not None:
            host.error(self.tr("Cannot load the model"), self.tr("{0}\n\nNothing was changed.").format(error))
            return False
        from .engine_jobs import TrainOutcome

        same_grid = list(loaded.users) == list(matrix.users) and list(loaded.items) == list(matrix.items)
        fit_result = loaded.to_fit_result() if same_grid else None
        history = list(loaded.history)
        outcome = TrainOutcome(
            predictions=predictions, history=history, val_history=list(loaded.val_history), spec=loaded.spec,
            stopped=False, seconds=float(loaded.meta.get("fit_seconds", 0.0)), finished_at=datetime.now(),
            fit_result=fit_result, phases=list(fit_result.phases) if fit_result is not None else [],
            best_epoch=int(loaded.best_epoch), patience=loaded.spec.patience, loaded_from=Path(path).name,
        )
        name = short_name(loaded.spec.model)
        note = self.tr("Model: {name} ({summary}) loaded from {file} (not retrained here)").format(
            name=name, summary=loaded.spec.summary(), file=Path(path).name)
        self.trainer.show_outcome(outcome, note)
        settings.write("file/last_dir", str(Path(path).resolve().parent))
        message = self.tr("Loaded {file}: {name}, predictions without retraining").format(file=Path(path).name, name=name)
        if not same_grid:
            message += self.tr(" (labels matched by name; the embedding map and explanations need the same rows "
                               "and columns)")
        host.status(message, 10000)
        self.modelLoaded.emit(outcome)
        return True

    def export_long_to(self, path: str | Path) -> bool:
        return self._export_long(path, settings.read("export/decimals"), settings.read("export/bom"), layout="long")


__all__ = ["MODEL_EXTENSION", "ModelFiles"]
