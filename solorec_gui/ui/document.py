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
import time
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from ..core.data import RatingMatrix, cells_text, export_completed, save_wide
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
    #: Rows or columns changed after training and a fold-in into the trained model can predict them
    #: (``refresh_request()`` says what); the live-update controller runs it in the background.
    refreshNeeded = Signal()
    #: A message about an edit of the table's rows or columns (for the status bar).
    notice = Signal(str)
    #: A message that must not be missed (a dialog): a training's predictions no longer fit the table.
    warning = Signal(str, str)

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
        self._trained_labels: tuple[list[str], list[str]] | None = None
        self.status = ""
        self.notes: list[str] = []
        self.settings = ModelSettings(None)
        #: Live what-if: an edited row of a trained user is re-fitted in the background (fold-in) instead of
        #: making every prediction stale. Users and items added after training are folded in either way.
        self.live = True
        #: When the oldest change waiting for a refresh was made (perf_counter), for the latency figure.
        self.pending_since: float | None = None
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.model.ratingsChanged.connect(self._update_stale)
        self.model.structureChanged.connect(self._on_structure_changed)

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
        """The document's predictions: its outcome's, when they are ratings (what Export writes), aligned
        with the table (rows and columns added since are folded in; NaN while they wait). The grid may
        show others for a while (a comparison's, see :meth:`show_overlay`); a ranker's scores are none."""
        outcome = self.outcome
        if outcome is None or not model_class(outcome.spec.model).rates:
            return None
        return self.model.own_predictions

    def new_table(self, n_users: int, n_items: int, scale: tuple[float, float] = (0.0, 5.0)) -> None:
        """File › New table: an untitled ``n_users`` × ``n_items`` table of empty cells on ``scale``."""
        users = [QCoreApplication.translate("RatingsModel", "user {0}").format(k + 1) for k in range(int(n_users))]
        items = [QCoreApplication.translate("RatingsModel", "item {0}").format(k + 1) for k in range(int(n_items))]
        matrix = RatingMatrix(users, items, np.full((len(users), len(items)), np.nan), scale=scale,
                              source={"format": "wide"})
        self.load(matrix)

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
        if self.model.is_sparse:
            raise SoloRecError(self.dense_export_refusal())
        predictions = self.predictions
        if predictions is None:
            raise SoloRecError(QCoreApplication.translate(
                "Document", "train a model first (F5): the export fills missing cells with its predictions"))
        values = self.model.matrix.values
        if np.isnan(predictions[np.isnan(values)]).any():
            raise SoloRecError(QCoreApplication.translate(
                "Document", "some rows or columns added after training have no prediction yet; wait for the "
                "fold-in, or train again (F5)"))
        export_completed(matrix, predictions, path, decimals=decimals, bom=bom, layout=layout)

    def dense_export_refusal(self) -> str:
        """Why a completed table cannot be written at this size, and what to export instead."""
        m = self.model.matrix
        n = m.n_users * m.n_items
        return QCoreApplication.translate(
            "Document", "A completed table of {u} users × {i} items would have {cells}: too large to write. "
            "Export the top-N recommendations of every user (File › Export recommendations…) or the predictions "
            "for chosen users (File › Export predictions for chosen users…) instead.").format(
            u=f"{m.n_users:,}", i=f"{m.n_items:,}", cells=cells_text(n))

    # -- predictions and their provenance -----------------------------------------------------------------
    def set_outcome(self, outcome, note: str, trained_on: np.ndarray | None, *, in_grid: bool = True) -> None:
        """Show ``outcome``'s predictions (from a training on ``trained_on``, or a loaded model).

        ``in_grid=False``: a ranker's scores order items but are no ratings; the outcome is the
        document's (recommendations, model file), the grid's missing cells stay empty. When rows or
        columns were added or removed while the model trained, its predictions fit another table:
        they are not shown (a message says so; F5 trains on the table as it is)."""
        self.outcome = outcome
        self._outcome_note = note
        self.pending_since = None
        if self.model.is_sparse:
            self._set_sparse_outcome(outcome, note, in_grid)
            return
        self.trained_on = None if trained_on is None else np.array(trained_on, copy=True)
        shape = self.model.matrix.values.shape
        fits = getattr(outcome.predictions, "shape", None) == shape and (
            self.trained_on is None or self.trained_on.shape == shape)
        if in_grid and not fits:
            in_grid = False
            text = QCoreApplication.translate(
                "Document", "Rows or columns were added or removed while the model trained: its predictions fit "
                "the table it was trained on, so they are not shown. Press F5 to train on the table as it is.")
            self.notice.emit(text)
            self.warning.emit(QCoreApplication.translate("Document", "The table changed during training"), text)
        m = self.model.matrix
        self._trained_labels = (list(m.users), list(m.items)) if fits else None
        predictions = outcome.predictions if in_grid else None
        self.model.set_own_predictions(predictions, note, basis=self.trained_on,
                                       grids={"spread": getattr(outcome, "spread", None)} if in_grid else None)
        self.model.set_warning(getattr(outcome, "warning", None) if in_grid else None)
        self._update_stale()
        self.outcomeChanged.emit()

    def _set_sparse_outcome(self, outcome, note: str, in_grid: bool) -> None:
        """A table too large for a grid: the grid asks the trained model for the blocks it shows
        (``predict_rows``); nothing grid-sized is kept. The table is read-only, so nothing turns stale."""
        self.trained_on = None
        m = self.model.matrix
        self._trained_labels = (list(m.users), list(m.items))
        fit_result = getattr(outcome, "fit_result", None)
        model = getattr(fit_result, "model", fit_result) if in_grid else None
        self.model.set_predictor(model, note)
        self.model.set_warning(getattr(outcome, "warning", None) if model is not None else None)
        self._update_stale()
        self.outcomeChanged.emit()

    def predictor(self):
        """The trained rating model the document's predictions come from (``predict_rows``), or None."""
        outcome = self.outcome
        if outcome is None or not model_class(outcome.spec.model).rates:
            return None
        fit_result = getattr(outcome, "fit_result", None)
        return getattr(fit_result, "model", fit_result)

    def trained_matrix(self) -> RatingMatrix:
        """The table the outcome's model was trained on (labels and ratings): what a model file names, even
        after users or items were added, removed or renamed since (the current table when unknown)."""
        m = self.model.matrix
        labels = getattr(self, "_trained_labels", None)
        if labels is None or self.trained_on is None or self.trained_on.shape != (len(labels[0]), len(labels[1])):
            return m
        return RatingMatrix(list(labels[0]), list(labels[1]), self.trained_on, scale=m.scale, corner=m.corner,
                            source=dict(m.source or {}))

    def show_overlay(self, predictions: np.ndarray, note: str) -> None:
        """Show other predictions for a while (a comparison's model) without changing the outcome."""
        self.model.set_predictions(predictions, note, stale=self.model.stale)
        self.model.set_warning(None)

    def clear_overlay(self) -> None:
        """Back to the outcome's predictions (or none)."""
        outcome = self.outcome
        if outcome is None or not model_class(outcome.spec.model).rates:
            self.model.set_predictions(None)
            return
        self.model.show_own(self._outcome_note)
        self.model.set_warning(getattr(outcome, "warning", None))

    def can_fold(self) -> bool:
        """A trained rating model is at hand: rows and columns added since can be folded into it."""
        outcome = self.outcome
        return (outcome is not None and self.model.own_predictions is not None
                and getattr(outcome, "fit_result", None) is not None and model_class(outcome.spec.model).rates)

    def _fold_model(self):
        fit_result = self.outcome.fit_result
        return getattr(fit_result, "model", fit_result)

    def dirty(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows, new columns) whose predictions do not reflect the table: edited rows, rows and columns
        added since training (or since their last fold-in), as boolean masks."""
        model = self.model
        values = model.matrix.values
        basis = model.grid("basis")
        if model.own_predictions is None or basis is None:
            return np.zeros(values.shape[0], bool), np.zeros(values.shape[1], bool)
        differ = ~((values == basis) | (np.isnan(values) & np.isnan(basis)))
        rows = differ.any(axis=1)
        new_rows = (model.origin(0) < 0) & (model.line_state(0) == 0)
        new_cols = (model.origin(1) < 0) & ((model.line_state(1) == 0) | differ.any(axis=0))
        return rows | new_rows, new_cols

    @Slot()
    def _update_stale(self) -> None:
        """What the predictions still reflect after an edit: rows back to the trained ratings get the
        trained predictions again; added rows and columns, and users the model never saw, are folded in;
        an edited trained user is refreshed (live what-if) or, with it off, makes the predictions stale."""
        model = self.model
        if model.own_predictions is None:
            model.set_pending(np.zeros(model.rowCount(), bool), np.zeros(model.columnCount(), bool))
            model.set_stale(False)
            return
        rows, cols = self.dirty()
        if rows.any() and not (model.origin(1) < 0).any():
            trained_on = model.grid("trained_on")
            values = model.matrix.values
            same = ((values == trained_on) | (np.isnan(values) & np.isnan(trained_on))).all(axis=1)
            back = rows & same & (model.origin(0) >= 0)
            if back.any():
                model.restore_trained_rows(np.nonzero(back)[0])
                rows = rows & ~back
        foldable = self.can_fold()
        stale = False
        if foldable:
            origin = model.origin(0)
            cold = getattr(self._fold_model(), "cold_users", None)
            never_seen = origin < 0
            if cold is not None:
                known_origin = origin >= 0
                never_seen = never_seen.copy()
                never_seen[known_origin] = np.asarray(cold)[origin[known_origin]]
            fold = rows & (never_seen | self.live)
            stale = bool((rows & ~fold).any())
        else:
            fold = np.zeros_like(rows)
            stale = bool(rows.any() or cols.any())
            cols = np.zeros_like(cols)
        if (fold.any() or cols.any()) and self.pending_since is None:
            self.pending_since = time.perf_counter()
        model.set_pending(fold, cols)
        model.set_stale(stale)
        if fold.any() or cols.any():
            self.refreshNeeded.emit()
        else:
            self.pending_since = None

    def refresh_request(self):
        """What a background refresh needs (a snapshot: the GUI may go on editing), or None."""
        if not self.can_fold():
            return None
        model = self.model
        rows, cols = model.pending(0), model.pending(1)
        if not rows.any() and not cols.any():
            return None
        from .live_update import RefreshRequest

        origin = model.origin(0)
        new_cols = cols | (model.origin(1) < 0)
        if new_cols.any():
            rows = rows | (origin < 0)  # users added since are not in the model: folded in again with the items
        cold = getattr(self._fold_model(), "cold_users", None)
        refreshed = origin >= 0
        if cold is not None:
            refreshed = refreshed & ~np.asarray(cold)[np.maximum(origin, 0)]
        return RefreshRequest(
            outcome=self.outcome, model=self._fold_model(), values=model.matrix.values.copy(),
            row_origin=origin.copy(), col_origin=model.origin(1).copy(),
            row_ids=model.line_ids(0).copy(), col_ids=model.line_ids(1).copy(),
            rows=np.nonzero(rows)[0], cols=np.nonzero(new_cols)[0],
            row_states=np.where(refreshed[rows], 2, 1).astype(np.int8),
            since=self.pending_since,
        )

    def apply_refresh(self, result) -> bool:
        """Show a finished refresh if it still fits (same outcome, same rows and columns); then look again
        for rows that changed meanwhile. False when it no longer fits (a new one is asked for)."""
        model = self.model
        req = result.request
        fits = (req.outcome is self.outcome and model.own_predictions is not None
                and np.array_equal(req.row_ids, model.line_ids(0)) and np.array_equal(req.col_ids, model.line_ids(1)))
        if fits:
            note = QCoreApplication.translate("Document", "{0:%H:%M:%S}").format(datetime.now())
            if getattr(self.outcome, "members", 1) > 1:
                note += QCoreApplication.translate("Document", ", into model 1 of the ensemble")
            model.apply_refresh(req.rows, result.row_predictions, req.row_states, req.cols, result.col_predictions,
                                req.values[req.rows, :], req.values[:, req.cols], note)
            self._sync_outcome()
        self.pending_since = None
        self._update_stale()
        return fits

    def refresh_failed(self, message: str) -> None:
        """A refresh could not be made: what is waiting turns stale instead (F5 retrains)."""
        model = self.model
        model.set_pending(np.zeros(model.rowCount(), bool), np.zeros(model.columnCount(), bool))
        model.set_stale(model.own_predictions is not None)
        self.pending_since = None
        self.notice.emit(QCoreApplication.translate(
            "Document", "The predictions could not be refreshed ({0}); they are marked stale: F5 retrains").format(message))

    def _sync_outcome(self) -> None:
        """The outcome's predictions (and spread) are the table-aligned ones the grid shows and Export writes."""
        outcome = self.outcome
        own = self.model.own_predictions
        if outcome is not None and own is not None:
            outcome.predictions = own
            if getattr(outcome, "spread", None) is not None and self.model.grid("spread") is not None:
                outcome.spread = self.model.grid("spread")

    @Slot()
    def _on_structure_changed(self) -> None:
        self._sync_outcome()
        m = self.model.matrix
        empty = [u for u, row in zip(m.users, m.values) if np.isnan(row).all()]
        self._update_stale()
        self.outcomeChanged.emit()
        if empty and self.model.own_predictions is not None and len(empty) <= 3:
            self.notice.emit(QCoreApplication.translate(
                "Document", "{0}: no rating yet, so the predictions are the model's guess for a newcomer "
                "(its biases) until you rate something").format(", ".join(empty)))

    # -- texts ------------------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        self.status = text
        self.statusChanged.emit(text)

    def add_note(self, text: str) -> None:
        self.notes.append(text)


__all__ = ["Document", "DocumentLock", "placeholder_matrix"]
