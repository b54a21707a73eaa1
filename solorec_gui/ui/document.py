"""The document: the matrix, its file, the saved state, the lock, and the predictions with their provenance.

One :class:`Document` per window. It owns

* the grid's table model (:class:`~.ratings_model.RatingsModel`: the matrix, the
  item titles) and the undo stack (the modified flag is "not at the clean index");
* the file: its path, whether Save may write it in place (only a wide CSV the
  user opened or saved, never a long-format file or the bundled example), and
  the :class:`DocumentLock` that makes this window its one owner;
* what the grid's predictions came from (``outcome``: the training, validation,
  ensemble or model file, with its settings) and the ratings they were made from
  (``trained_on``: later edits make them stale);
* its texts: the last result's status line and the notes of a loaded model.
  Opening another file starts a new document: these are cleared with it, and
  ``loaded`` tells every panel to clear what it showed.

**One document, one owner.** A :class:`QLockFile` beside the open file
(``.name.csv.solorec-lock``) is held while the window may save it; Qt writes
the owner's process id, host and application into it and detects a lock left
by a process that has died (a crash), so such a lock is taken over silently.
A second SoloRec opening a locked file learns who has it and opens it
read-only or as an untitled copy (the window asks); Save never writes over a
file another window holds.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from ..core.data import RatingMatrix, export_completed, save_wide
from ..core.errors import SoloRecError
from ..core.models import model_class
from ..paths import bundled_dataset
from .model_settings import ModelSettings
from .ratings_model import RatingsModel

log = logging.getLogger(__name__)


class DocumentLock:
    """A QLockFile beside a rating file: held while a window may save that file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).resolve()
        self.file = self.path.with_name(f".{self.path.name}.solorec-lock")
        self._lock = QLockFile(str(self.file))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age

    def acquire(self) -> bool:
        """True when this process now owns the file, or when no lock can be made there (a
        read-only folder: nobody else can lock it either). False: another live SoloRec has it."""
        if self._lock.isLocked():
            return True
        if self._lock.tryLock(0):
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def owner(self) -> str:
        """Who holds the lock, in words ("process 1234 (python3) on host")."""
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) >= 3:
            pid, host, app = info[0], info[1], info[2]
            return QCoreApplication.translate(
                "Document", "process {pid} ({app}) on {host}").format(pid=pid, app=app or "SoloRec", host=host or "?")
        return QCoreApplication.translate("Document", "another SoloRec window")

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def placeholder_matrix() -> RatingMatrix:
    return RatingMatrix(["user"], ["item"], np.array([[np.nan]]))


class Document(QObject):
    """See the module docstring."""

    #: A new document is shown (a file opened, a copy, a restore): panels clear what they showed.
    loaded = Signal()
    #: The file, the read-only state or the modified flag changed (the title follows).
    stateChanged = Signal()
    #: The predictions shown (and their provenance) changed.
    outcomeChanged = Signal()
    #: The document's status text changed.
    statusChanged = Signal(str)

    def __init__(self, matrix: RatingMatrix | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.model = RatingsModel(matrix or placeholder_matrix(), self.undo_stack, self)
        self.path: Path | None = None
        self.save_in_place = False
        self.read_only = False
        #: The file this untitled document is a copy of.
        self.copy_of: Path | None = None
        self.lock: DocumentLock | None = None
        self.outcome = None
        self._outcome_note = ""
        self.trained_on: np.ndarray | None = None
        self.status = ""
        self.notes: list[str] = []
        self.settings = ModelSettings(None)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.model.ratingsChanged.connect(self._update_stale)

    @Slot(bool)
    def _on_clean_changed(self, _clean: bool) -> None:
        self.stateChanged.emit()

    # -- state ---------------------------------------------------------------------------------
    @property
    def matrix(self) -> RatingMatrix:
        return self.model.matrix

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.copy_of is not None:
            return QCoreApplication.translate("Document", "copy of {0}").format(self.copy_of.name)
        return QCoreApplication.translate("Document", "untitled")

    @property
    def predictions(self) -> np.ndarray | None:
        """The document's predictions: its outcome's, when they are ratings (what Export writes). The grid may
        show others for a while (a comparison's, see :meth:`show_overlay`); a ranker's scores are none."""
        outcome = self.outcome
        if outcome is None or not model_class(outcome.spec.model).rates:
            return None
        return outcome.predictions

    # -- a new document --------------------------------------------------------------------------
    def load(self, matrix: RatingMatrix, path: str | Path | None = None, *, lock: DocumentLock | None = None,
             read_only: bool = False, copy_of: str | Path | None = None) -> None:
        """Show ``matrix`` as a fresh document: undo history, predictions, texts and notes are cleared."""
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        self.model.set_matrix(matrix)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.path = Path(path).resolve() if path else None
        self.copy_of = Path(copy_of).resolve() if copy_of else None
        self.read_only = bool(read_only) and self.path is not None
        self.model.set_read_only(self.read_only)
        # Save writes a wide CSV: never over a long-format file, a workbook (its other sheets would be lost)
        # or the bundled example.
        self.save_in_place = self.path is not None and not self.read_only and self.needs_lock(matrix, self.path)
        self.outcome = None
        self.trained_on = None
        self.notes = []
        self.settings = ModelSettings(self.path or None)
        if self.copy_of is not None:
            self.settings.copy_from(ModelSettings(self.copy_of))
        self.set_status("")
        self.loaded.emit()
        self.stateChanged.emit()
        self.outcomeChanged.emit()

    def close(self) -> None:
        """The window closes: let go of the file."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @staticmethod
    def needs_lock(matrix: RatingMatrix, path: str | Path) -> bool:
        """Whether Save may write ``path`` in place (so opening it must lock it): a wide text file, not
        a long-format file, not a workbook sheet, not the bundled example."""
        source = matrix.source or {}
        return (source.get("format", "wide") == "wide" and not source.get("sheet")
                and Path(path).resolve() != bundled_dataset().resolve())

    # -- saving and exporting ------------------------------------------------------------------------
    def save_to(self, path: str | Path) -> None:
        """Write the ratings as a wide CSV (atomic) and make ``path`` this document's file.

        Raises :class:`SoloRecError` when another window holds ``path`` or writing fails."""
        target = Path(path).resolve()
        lock = self.lock if self.lock is not None and self.lock.path == target else DocumentLock(target)
        if not lock.acquire():
            raise SoloRecError(
                QCoreApplication.translate(
                    "Document", "{name} is open in {owner}; save under another name, or close it there first").format(
                    name=target.name, owner=lock.owner()))
        try:
            save_wide(self.model.matrix, target)
        except SoloRecError:
            if lock is not self.lock:
                lock.release()
            raise
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        old_settings = self.settings
        self.path = target
        self.copy_of = None
        self.read_only = False
        self.model.set_read_only(False)
        self.save_in_place = True
        self.settings = ModelSettings(target)
        if old_settings.key != self.settings.key:
            self.settings.copy_from(old_settings)
        self.model.matrix.source = {**(self.model.matrix.source or {}), "path": str(target), "format": "wide"}
        self.undo_stack.setClean()
        self.stateChanged.emit()

    def export(self, path: str | Path, matrix: RatingMatrix, decimals: int, bom: bool, layout: str) -> None:
        """Write the completed matrix (the engine's ``export_completed``, atomic)."""
        predictions = self.predictions
        if predictions is None:
            raise SoloRecError(QCoreApplication.translate(
                "Document", "train a model first (F5): the export fills missing cells with its predictions"))
        export_completed(matrix, predictions, path, decimals=decimals, bom=bom, layout=layout)

    # -- predictions and their provenance -----------------------------------------------------------------
    def set_outcome(self, outcome, note: str, trained_on: np.ndarray | None, *, in_grid: bool = True) -> None:
        """Show ``outcome``'s predictions (from a training on ``trained_on``, or a loaded model).

        ``in_grid=False``: a ranker's scores order items but are no ratings; the outcome is the
        document's (recommendations, model file), the grid's missing cells stay empty."""
        self.outcome = outcome
        self._outcome_note = note
        self.trained_on = None if trained_on is None else np.array(trained_on, copy=True)
        stale = self.trained_on is not None and not np.array_equal(
            self.trained_on, self.model.matrix.values, equal_nan=True)
        self.model.set_predictions(outcome.predictions if in_grid else None, note, stale=stale)
        self.model.set_warning(getattr(outcome, "warning", None) if in_grid else None)
        self.outcomeChanged.emit()

    def show_overlay(self, predictions: np.ndarray, note: str) -> None:
        """Show other predictions for a while (a comparison's model) without changing the outcome."""
        self.model.set_predictions(predictions, note, stale=self.model.stale)
        self.model.set_warning(None)

    def clear_overlay(self) -> None:
        """Back to the outcome's predictions (or none)."""
        outcome = self.outcome
        if outcome is None:
            self.model.set_predictions(None)
            return
        if not model_class(outcome.spec.model).rates:
            self.model.set_predictions(None)
            return
        self.model.set_predictions(outcome.predictions, self._outcome_note, stale=self.model.stale)
        self.model.set_warning(getattr(outcome, "warning", None))

    @Slot()
    def _update_stale(self) -> None:
        if self.trained_on is not None:
            self.model.set_stale(not np.array_equal(self.trained_on, self.model.matrix.values, equal_nan=True))

    # -- texts ------------------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        self.status = text
        self.statusChanged.emit(text)

    def add_note(self, text: str) -> None:
        self.notes.append(text)


__all__ = ["Document", "DocumentLock", "placeholder_matrix"]
