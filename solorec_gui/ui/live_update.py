"""Live what-if: predictions follow the table's edits after training, in the background.

After a training (or a loaded model), the document (:meth:`~.document.Document.dirty`)
knows which rows no longer match the ratings their predictions were made from:
an edited row, a user or item added since, a user the model never saw who got a
rating. Instead of leaving every prediction stale until F5, :class:`LiveUpdate`
runs a small job that folds those users (and the new items) into **a copy** of
the trained model with the engine's ``Recommender.fold_in`` — only the
newcomers' own parameters are fitted, everything else stays as trained — and
writes their predictions into the grid. The cells say they are refreshing while
the job runs, and their tooltips say how they were made ("Folded in",
"Refreshed after your edit").

An edited row of a trained user is folded in as a new user with her current
ratings, and her row's predictions are that newcomer's: the honest, model-agnostic
fold-in (it works for every registered model, MovieLens included, where only
the edited user is refreshed). Rows and columns added after training are folded
in whether or not live what-if is on; with it off (the toggle in the Training
menu), an edit of a trained user marks the predictions stale as before.

The job runs through the one job protocol (:mod:`.jobs`) on **its own**
:class:`~.jobs.JobController`, so it never blocks F5 and never shows in the
training panel: F5 wins — starting a training discards a running refresh, and
nothing is refreshed while a training runs (the new model's predictions replace
everything anyway). Edits made while a refresh runs are picked up by the next
one; a result that no longer fits the table (rows or columns changed meanwhile,
another outcome) is dropped and asked for again.
"""

from __future__ import annotations

import copy
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QAction

from ..core.errors import Cancelled
from . import settings
from .jobs import LIVE_THREADS, JobController, JobResult, TaskState

settings.DEFAULTS.setdefault("live/enabled", True)

#: The refresh jobs' threads (see :meth:`LiveUpdate._schedule`).
REFRESH_THREADS: weakref.WeakSet = weakref.WeakSet()


@dataclass
class RefreshRequest:
    """A snapshot of what to refresh (made in the GUI thread; the worker only reads it)."""

    outcome: Any
    #: The trained model (never changed: the worker folds into a deep copy).
    model: Any
    values: np.ndarray
    row_origin: np.ndarray
    col_origin: np.ndarray
    row_ids: np.ndarray
    col_ids: np.ndarray
    #: Rows to fold in (positions) and the state they get (1 folded in, 2 refreshed).
    rows: np.ndarray
    row_states: np.ndarray
    #: Columns added after training (positions): folded in as new items.
    cols: np.ndarray
    #: When the oldest change waiting was made (perf_counter), for the latency figure.
    since: float | None = None


@dataclass
class RefreshResult:
    request: RefreshRequest
    #: len(rows) × n_items: the folded-in users' predictions.
    row_predictions: np.ndarray
    #: n_users × len(cols): the new items' predictions for the other rows (NaN for ``rows``).
    col_predictions: np.ndarray
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def fold_in_refresh(req: RefreshRequest, should_stop=lambda: False) -> RefreshResult:
    """The worker's part: fold the new items, then the requested users, into a copy of the model."""
    started = time.perf_counter()
    model = copy.deepcopy(req.model)
    values = req.values
    known = ~np.isnan(values)
    row_origin = req.row_origin
    col_map = req.col_origin.copy()
    warm_rows = row_origin >= 0
    if len(req.cols):
        ratings = []
        for c in req.cols:
            users = np.nonzero(known[:, c] & warm_rows)[0]
            ratings.append((row_origin[users], values[users, c]))
        col_map[req.cols] = model.fold_in("items", ratings)
    if should_stop():
        raise Cancelled()
    n_rows, n_cols = values.shape
    row_predictions = np.empty((len(req.rows), n_cols))
    if len(req.rows):
        ratings = []
        for r in req.rows:
            cols = np.nonzero(known[r])[0]
            ratings.append((col_map[cols], values[r, cols]))
        new = model.fold_in("users", ratings)
        if should_stop():
            raise Cancelled()
        users = np.repeat(new, n_cols)
        items = np.tile(col_map, len(new))
        row_predictions = model.predict_cells(users, items).reshape(len(new), n_cols)
    col_predictions = np.full((n_rows, len(req.cols)), np.nan)
    if len(req.cols):
        others = np.nonzero(warm_rows)[0]
        others = others[~np.isin(others, req.rows)]
        if len(others):
            users = np.repeat(row_origin[others], len(req.cols))
            items = np.tile(col_map[req.cols], len(others))
            col_predictions[others] = model.predict_cells(users, items).reshape(len(others), len(req.cols))
    return RefreshResult(req, row_predictions, col_predictions, time.perf_counter() - started)


def refresh_job(req: RefreshRequest):
    def job(state: TaskState) -> RefreshResult:
        return fold_in_refresh(req, state.should_stop)

    return job


class LiveUpdate(QObject):
    """Runs the document's refreshes in the background; see the module docstring."""

    def __init__(self, host, recommend=None) -> None:
        """``host``: the window's :class:`~.host.Host` (not imported here: document → live_update → host
        → document would be an import circle)."""
        super().__init__(host.widget)
        self.host = host
        self.document = host.document
        self.recommend = recommend
        #: Its own controller: a refresh never blocks F5 or shows in the training panel.
        self.jobs = JobController(self)
        self.jobs.partial_wanted = False
        self._again = False
        #: Seconds from the oldest waiting change to its refreshed cells, for the last refresh.
        self.last_latency: float | None = None
        self.refreshes = 0
        self.action = QAction(self.tr("&Live what-if"), host.widget)
        self.action.setCheckable(True)
        self.action.setStatusTip(self.tr(
            "After training, an edited row's predictions are refreshed at once in the background (fold-in); "
            "off: edits make the predictions stale until F5"))
        on = bool(settings.read("live/enabled"))
        self.action.setChecked(on)
        self.document.live = on
        self.action.toggled.connect(self.set_enabled)
        self.document.refreshNeeded.connect(self._schedule)
        self.document.model.structureChanged.connect(self._on_structure_changed)
        self.document.loaded.connect(self._on_document_loaded)
        host.jobs.started.connect(self._on_main_started)
        host.jobs.idle.connect(self._on_main_idle)
        host.widget.installEventFilter(self)

    # -- the toggle ------------------------------------------------------------------------------
    @Slot(bool)
    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # toggled calls back here
            return
        settings.write("live/enabled", on)
        self.document.live = on
        self.document._update_stale()

    @property
    def enabled(self) -> bool:
        return self.document.live

    # -- running ---------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.jobs.is_running()

    @Slot()
    def _schedule(self) -> None:
        if self.host.jobs.is_running():
            return  # F5 wins; looked at again when it ends
        if self.jobs.is_running():
            self._again = True
            return
        req = self.document.refresh_request()
        if req is None:
            return
        self._again = False
        self.jobs.start(refresh_job(req), "refresh", self._on_end)
        # A refresh lasts a fraction of a second and is stopped and waited for when its window closes
        # (eventFilter), so it is not one of the long jobs the tests' thread check is about; it is
        # tracked in REFRESH_THREADS instead (tests/ui/test_live_update.py checks closing during one).
        thread = self.jobs._thread
        LIVE_THREADS.discard(thread)
        REFRESH_THREADS.add(thread)

    def _on_end(self, result: JobResult) -> None:
        doc = self.document
        if result.finished:
            req = result.value.request
            fits = doc.apply_refresh(result.value)
            if fits:
                self.refreshes += 1
                if req.since is not None:
                    self.last_latency = time.perf_counter() - req.since
                self._update_recommendations()
        elif result.failed:
            doc.refresh_failed(result.message)
        if self._again:
            QTimer.singleShot(0, self, self._schedule)

    @Slot(str)
    def _on_main_started(self, _kind: str) -> None:
        self.jobs.discard()  # F5 wins: its predictions replace everything

    @Slot()
    def _on_main_idle(self) -> None:
        QTimer.singleShot(0, self, self._schedule)

    @Slot()
    def _on_document_loaded(self) -> None:
        self.jobs.discard()  # the previous document's refresh: its result would be dropped anyway

    def shutdown(self) -> None:
        self.jobs.shutdown(10_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host.widget and event.type() == QEvent.Type.Close and self.jobs.is_running():
            self.jobs.shutdown(10_000)  # a QThread must never be destroyed while it runs
            QTimer.singleShot(0, self, self._after_close)  # the close may be cancelled: pick the work up again
        return False

    @Slot()
    def _after_close(self) -> None:
        if self.host.widget.isVisible():
            self._schedule()

    # -- what else follows -------------------------------------------------------------------------
    def _update_recommendations(self) -> None:
        doc = self.document
        if self.recommend is not None and doc.predictions is not None and not doc.model.overlay_shown:
            self.recommend.set_predictions(doc.matrix, doc.model.predictions)

    @Slot()
    def _on_structure_changed(self) -> None:
        if self.recommend is not None:
            doc = self.document
            self.recommend.update_matrix(doc.matrix)
            if doc.predictions is not None:
                self.recommend.set_predictions(doc.matrix, doc.model.predictions)


__all__ = ["REFRESH_THREADS", "LiveUpdate", "RefreshRequest", "RefreshResult", "fold_in_refresh", "refresh_job"]
