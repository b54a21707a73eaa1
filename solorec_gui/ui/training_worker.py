"""Running engine work off the GUI thread: a worker QObject moved to a QThread.

The worker knows nothing about training. It runs a *job*: any callable

    job(on_epoch: Callable[[report], None], should_stop: Callable[[], bool]) -> result

where ``report`` has ``epoch``, ``epochs``, ``loss`` and optionally ``val_loss``
(the engine's ``EpochReport`` fits). That is exactly the shape of
``solorec_gui.core.fit.fit``'s hooks, so :func:`fit_job` wraps ``fit`` in
five lines, and later panels (validation curves, k-fold, a large-data recipe)
add their own job factory beside it and reuse :class:`TrainingRunner`
unchanged.

Threading rules kept here (see superqt ``_qthreading.py`` and napari's
``closeEvent``):

* Worker signals are connected to ``@Slot`` methods of :class:`TrainingRunner`,
  which lives in the GUI thread, so they arrive queued. No lambda touches a
  widget from the worker thread.
* Progress is coalesced in the worker: at most ~30 signals a second, each
  carrying every (epoch, loss) since the last, so no loss value is dropped and
  the GUI event queue never floods on fast epochs.
* The runner's public ``finished`` / ``failed`` signals fire only after the
  thread has really ended, so a slot may start the next run or close the
  window at once. Engine errors (:class:`SoloRecError`) become ``failed(message)``;
  anything else becomes ``failed`` too, with the traceback logged.
* :meth:`TrainingRunner.shutdown` requests the stop and waits for the thread;
  the window calls it from ``closeEvent`` so a running QThread is never destroyed.
* torch is imported inside :func:`fit_job`'s job, in the worker thread, so the
  window appears (and stays responsive) before torch is loaded.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ..core.errors import SoloRecError

log = logging.getLogger(__name__)

Job = Callable[..., Any]

#: Every QThread started here, for tests that fail when one is left running.
LIVE_THREADS: weakref.WeakSet[QThread] = weakref.WeakSet()


@dataclass
class Progress:
    """Epochs finished since the previous progress signal."""

    epoch: int
    epochs: int
    epochs_done: list[int]
    losses: list[float]
    val_losses: list[float | None]
    #: Seconds since the job started (includes the torch import on the first run).
    elapsed: float
    #: Seconds since the first epoch finished: what the time-left estimate uses.
    epoch_elapsed: float

    @property
    def seconds_left(self) -> float | None:
        if self.epoch <= 1 or self.epoch_elapsed <= 0:
            return None
        return self.epoch_elapsed / (self.epoch - 1) * (self.epochs - self.epoch)


class Worker(QObject):
    """Runs one job in its thread; see the module docstring."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    #: Last signal of every run, whatever happened: quits the thread.
    done = Signal()

    def __init__(self, job: Job, stop_event: threading.Event, min_interval: float = 1 / 30) -> None:
        super().__init__()
        self._job = job
        self._stop = stop_event
        self._min_interval = min_interval
        self._buffer: tuple[list[int], list[float], list[float | None]] = ([], [], [])
        self._last_emit = 0.0
        self._started = 0.0
        self._first_epoch_at: float | None = None
        self._last_epoch = (0, 0)

    def _should_stop(self) -> bool:
        return self._stop.is_set()

    def _on_epoch(self, report: Any) -> None:
        now = time.perf_counter()
        if self._first_epoch_at is None:
            self._first_epoch_at = now
        epochs, losses, vals = self._buffer
        epochs.append(int(report.epoch))
        losses.append(float(report.loss))
        vals.append(None if getattr(report, "val_loss", None) is None else float(report.val_loss))
        self._last_epoch = (int(report.epoch), int(report.epochs))
        if now - self._last_emit >= self._min_interval:
            self._flush(now)

    def _flush(self, now: float | None = None) -> None:
        epochs, losses, vals = self._buffer
        if not epochs:
            return
        now = time.perf_counter() if now is None else now
        self._buffer = ([], [], [])
        self._last_emit = now
        epoch, total = self._last_epoch
        self.progress.emit(
            Progress(
                epoch,
                total,
                epochs,
                losses,
                vals,
                now - self._started,
                now - (self._first_epoch_at or now),
            )
        )

    @Slot()
    def run(self) -> None:
        self._started = time.perf_counter()
        _lower_thread_priority()
        try:
            result = self._job(on_epoch=self._on_epoch, should_stop=self._should_stop)
        except SoloRecError as exc:
            self._flush()
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug, but the window must survive it
            log.error("training job crashed:\n%s", traceback.format_exc())
            self._flush()
            self.failed.emit(f"unexpected error: {type(exc).__name__}: {exc}")
        else:
            self._flush()
            self.finished.emit(result)
        finally:
            self.done.emit()


def _lower_thread_priority(step: int = 5) -> None:
    """Nice the calling (worker) thread, so the GUI thread wins a contended core.

    On a loaded machine the scheduler would otherwise hand the GUI thread's
    time slices to the training and the window would stutter. Linux applies
    ``setpriority`` to a single thread id; elsewhere this is a no-op.
    """
    if not hasattr(os, "setpriority") or not hasattr(threading, "get_native_id"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + step))
    except OSError:
        pass


class TrainingRunner(QObject):
    """Owns the thread and worker of at most one running job (GUI-thread object)."""

    started = Signal()
    progress = Signal(object)
    #: The job's result; emitted after the thread has ended.
    finished = Signal(object)
    #: A user-facing message; emitted after the thread has ended.
    failed = Signal(str)
    #: Emitted after ``finished`` or ``failed``: the runner is idle again.
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self._stop = threading.Event()
        self._outcome: tuple[str, Any] | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def start(self, job: Job) -> None:
        if self._thread is not None:
            raise RuntimeError("a job is already running")
        self._stop = threading.Event()
        self._outcome = None
        thread = QThread()
        thread.setObjectName("solorec-training")
        worker = Worker(job, self._stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        # quit() is thread-safe; a direct call ends the thread's loop right after run().
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        LIVE_THREADS.add(thread)
        thread.start()
        self.started.emit()

    def stop(self) -> None:
        """Ask the job to stop; the engine honours it before the next epoch."""
        self._stop.set()

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop and wait for the thread (for closeEvent). True when it has ended."""
        if self._thread is None:
            return True
        self._stop.set()
        ended = self._thread.wait(timeout_ms)
        if ended:
            self._cleanup()
        else:
            log.error("the training thread did not stop within %d ms", timeout_ms)
        return ended

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        self.progress.emit(progress)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._outcome = ("finished", result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._outcome = ("failed", message)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None:  # already cleaned up by shutdown()
            return
        self._cleanup()
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            self.failed.emit("the training stopped without a result")
        elif outcome[0] == "finished":
            self.finished.emit(outcome[1])
        else:
            self.failed.emit(outcome[1])
        self.idle.emit()

    def _cleanup(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if worker is not None:
            worker.deleteLater()
        if thread is not None:
            thread.deleteLater()


# ---------------------------------------------------------------------------
# Jobs: plain functions over the engine, run in the worker thread
# ---------------------------------------------------------------------------


@dataclass
class TrainOutcome:
    """What a finished training hands to the window (and to later panels)."""

    predictions: np.ndarray
    history: list[float]
    val_history: list[float]
    config: dict
    stopped: bool
    seconds: float
    finished_at: datetime
    #: The engine's FitResult (model included) for panels such as an embedding map.
    fit_result: Any = field(default=None, repr=False)


_threads_configured = False


def _configure_torch() -> None:
    """Leave one core to the GUI thread: torch otherwise takes them all."""
    global _threads_configured
    if _threads_configured:
        return
    import os

    import torch

    cores = os.cpu_count() or 1
    if cores > 1 and torch.get_num_threads() >= cores:
        torch.set_num_threads(cores - 1)
    _threads_configured = True


def fit_job(matrix: Any, config: dict, **fit_kwargs: Any) -> Job:
    """A job that trains ``config`` on ``matrix`` (a snapshot) and predicts every cell.

    ``fit_kwargs`` go to the engine's ``fit`` (e.g. ``train_mask``, ``valid_mask``).
    The engine is imported here, in the worker thread, on first use.
    """

    def job(on_epoch: Callable, should_stop: Callable[[], bool]) -> TrainOutcome:
        from ..core.fit import fit  # imports torch (lazily, off the GUI thread)
        from .engine_info import config_from_spec, spec_from_config

        _configure_torch()
        spec = spec_from_config(config)
        result = fit(matrix, spec, on_epoch=on_epoch, should_stop=should_stop, **fit_kwargs)
        predictions = result.predict_matrix()
        if not np.all(np.isfinite(predictions)):
            raise SoloRecError("training produced non-finite predictions; try a smaller learning rate")
        return TrainOutcome(
            predictions=predictions,
            history=list(result.history),
            val_history=list(result.val_history),
            config=config_from_spec(spec),
            stopped=bool(result.stopped),
            seconds=float(result.seconds),
            finished_at=datetime.now(),
            fit_result=result,
        )

    return job
