"""One job protocol for every long engine run, and the controller that runs one job at a time.

Training, validation, cross-validation, comparison and ensembles are all *jobs*:
plain functions run in a worker thread,

    def job(state: TaskState) -> result

shaped like Orange's ``TaskState`` (``Orange/widgets/utils/concurrent.py``) and
superqt's generator workers. ``state`` is the job's only line to the window:

* ``state.should_stop`` — the cancel flag, passed as the engine's ``should_stop`` hook;
* ``state.epoch(report)`` — the engine's ``on_epoch`` hook: loss points and progress,
  coalesced to at most ~30 signals a second, each carrying every point since the
  last (no loss value is dropped and the GUI queue never floods on fast epochs);
* ``state.set_status(text)`` — a line for the progress label ("fold 2 of 5");
* ``state.set_fraction(f)`` — how far a job without epochs is (reading a file, an export);
* ``state.set_partial_result(value)`` — partial results such as the live
  embedding-map points (``state.partial_wanted`` says whether anyone shows them).

A job ends in one of **three different outcomes** (:class:`JobResult`):

* ``finished`` — it returned a result;
* ``cancelled`` — the user stopped it: it raised :class:`~solorec_gui.core.errors.Cancelled`
  (nothing half-done to show), or returned a result that says ``stopped`` (a stopped
  training keeps what it learnt: that result is the ``partial``). The window says
  "Stopped", never "failed";
* ``failed`` — anything else was raised: an engine error's message, or for a bug
  a message that says so (the traceback goes to the log).

Threading rules (superqt ``_qthreading.py``, napari's ``closeEvent``): worker
signals reach :class:`JobController` (a GUI-thread object) queued; no lambda
touches a widget from the worker thread. The outcome is delivered only after the
thread has really ended, so a handler may start the next job or close the window
at once. :meth:`JobController.shutdown` stops and waits, so a running QThread is
never destroyed. torch is imported inside the jobs, in the worker thread.
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
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..core.errors import Cancelled, SoloRecError

log = logging.getLogger(__name__)

#: Every QThread started here, for tests that fail when one is left running.
LIVE_THREADS: weakref.WeakSet[QThread] = weakref.WeakSet()

FINISHED, CANCELLED, FAILED = "finished", "cancelled", "failed"

#: The job kinds the window runs, with the words it uses for them.
KINDS = ("training", "validation", "cross-validation", "comparison", "ensemble")


def kind_title(kind: str) -> str:
    """"Training", "Cross-validation", … (the title of a failure dialog is ``<title> failed``)."""
    titles = {
        "training": QCoreApplication.translate("Jobs", "Training"),
        "validation": QCoreApplication.translate("Jobs", "Validation"),
        "cross-validation": QCoreApplication.translate("Jobs", "Cross-validation"),
        "comparison": QCoreApplication.translate("Jobs", "Comparison"),
        "ensemble": QCoreApplication.translate("Jobs", "Ensemble"),
        "opening": QCoreApplication.translate("Jobs", "Opening"),
        "export": QCoreApplication.translate("Jobs", "Export"),
    }
    return titles.get(kind, kind.capitalize())


Job = Callable[["TaskState"], Any]


@dataclass
class Progress:
    """Epochs finished since the previous progress signal (every one of them)."""

    epoch: int
    epochs: int
    epochs_done: list[int]
    losses: list[float]
    val_losses: list[float | None]
    #: Seconds since the job started (includes the torch import on the first run).
    elapsed: float
    #: Seconds since the first epoch finished: what the time-left estimate uses.
    epoch_elapsed: float
    #: The training phase of each point (index) and the names of the phases seen so far.
    phase_of: list[int] = field(default_factory=list)
    phase_names: dict[int, str] = field(default_factory=dict)
    #: The phase of the last point ("" for a one-phase model) and how many phases the run has.
    phase: str = ""
    phases: int = 1

    @property
    def seconds_left(self) -> float | None:
        if self.epoch <= 1 or self.epoch_elapsed <= 0:
            return None
        return self.epoch_elapsed / (self.epoch - 1) * (self.epochs - self.epoch)


@dataclass
class JobResult:
    """How a job ended: ``outcome`` is ``finished``, ``cancelled`` or ``failed``."""

    kind: str
    outcome: str
    #: The result (finished), the partial result or None (cancelled), None (failed).
    value: Any = None
    #: The message of a failure.
    message: str = ""

    @property
    def finished(self) -> bool:
        return self.outcome == FINISHED

    @property
    def cancelled(self) -> bool:
        return self.outcome == CANCELLED

    @property
    def failed(self) -> bool:
        return self.outcome == FAILED


class TaskState(QObject):
    """The worker side of a job: progress, status, partial results, the cancel flag."""

    progress = Signal(object)
    status = Signal(str)
    partial = Signal(object)
    #: How far a job that has no epochs is (reading a file, an export): 0.0 to 1.0.
    fraction = Signal(float)
    #: Within a long epoch: the engine's :class:`~..core.fit.BatchReport` (its phase name translated).
    batch = Signal(object)

    def __init__(self, stop: threading.Event, wanted: Callable[[], bool], min_interval: float = 1 / 30) -> None:
        super().__init__()
        self._stop = stop
        self._wanted = wanted
        self._min_interval = min_interval
        self._points: list[tuple[int, float, float | None, int]] = []
        self._phase_names: dict[int, str] = {}
        self._last_emit = 0.0
        self._started = time.perf_counter()
        self._first_epoch_at: float | None = None
        self._last: tuple[int, int, str, int] = (0, 0, "", 1)
        self._last_fraction = 0.0

    # -- what a job calls ----------------------------------------------------------------
    def should_stop(self) -> bool:
        """The cancel flag (the engine's ``should_stop`` hook)."""
        return self._stop.is_set()

    is_interruption_requested = should_stop

    @property
    def partial_wanted(self) -> bool:
        """False while nobody shows partial results: a job may skip computing them."""
        return bool(self._wanted())

    def epoch(self, report: Any) -> None:
        """An epoch ended (the engine's ``on_epoch`` hook; reads ``epoch``, ``epochs``, ``loss``,
        and when present ``val_loss``, ``phase``, ``phase_index``, ``phases``)."""
        now = time.perf_counter()
        if self._first_epoch_at is None:
            self._first_epoch_at = now
        index = int(getattr(report, "phase_index", 0) or 0)
        name = str(getattr(report, "phase", "") or "")
        if name:  # the engine's phase names are model names: translated as the settings forms translate them
            name = QCoreApplication.translate("ModelSettings", name)
        if index not in self._phase_names:
            self._phase_names[index] = name
        val = getattr(report, "val_loss", None)
        self._points.append((int(report.epoch), float(report.loss), None if val is None else float(val), index))
        self._last = (int(report.epoch), int(report.epochs), name, int(getattr(report, "phases", 1) or 1))
        if now - self._last_emit >= self._min_interval:
            self.flush(now)

    def batch_done(self, report: Any) -> None:
        """Part of an epoch is done (the engine's ``on_batch`` hook, already a few times a second at most).
        The epochs before it are sent first, so that the window receives the points in order."""
        self.flush()
        if getattr(report, "phase", ""):
            report.phase = QCoreApplication.translate("ModelSettings", report.phase)
        self.batch.emit(report)

    def set_status(self, text: str) -> None:
        self.status.emit(str(text))

    def set_fraction(self, value: float) -> None:
        """How far a job without epochs is (0 to 1): at most ~30 signals a second, the last one always."""
        now = time.perf_counter()
        if value >= 1.0 or now - self._last_fraction >= self._min_interval:
            self._last_fraction = now
            self.fraction.emit(float(min(max(value, 0.0), 1.0)))

    def set_partial_result(self, value: Any) -> None:
        self.partial.emit(value)

    # -- the worker's ---------------------------------------------------------------------
    def flush(self, now: float | None = None) -> None:
        points = self._points
        if not points:
            return
        now = time.perf_counter() if now is None else now
        self._points = []
        self._last_emit = now
        epoch, total, phase, phases = self._last
        self.progress.emit(
            Progress(
                epoch, total,
                [p[0] for p in points], [p[1] for p in points], [p[2] for p in points],
                now - self._started, now - (self._first_epoch_at or now),
                [p[3] for p in points], dict(self._phase_names), phase, phases,
            )
        )


class Worker(QObject):
    """Runs one job in its thread and reports how it ended."""

    ended = Signal(object)  # a JobResult
    #: Last signal of every run, whatever happened: quits the thread.
    done = Signal()

    def __init__(self, job: Job, kind: str, state: TaskState) -> None:
        super().__init__()
        self._job = job
        self._kind = kind
        self.state = state

    @Slot()
    def run(self) -> None:
        _lower_thread_priority()
        state = self.state
        try:
            value = self._job(state)
        except Cancelled:
            result = JobResult(self._kind, CANCELLED)
        except SoloRecError as exc:
            result = JobResult(self._kind, FAILED, message=str(exc))
        except Exception as exc:  # noqa: BLE001 — a bug, but the window must survive it
            log.error("%s job crashed:\n%s", self._kind, traceback.format_exc())
            result = JobResult(self._kind, FAILED, message=f"unexpected error: {type(exc).__name__}: {exc}")
        else:
            stopped = state.should_stop() and bool(getattr(value, "stopped", True))
            result = JobResult(self._kind, CANCELLED if stopped else FINISHED, value)
        state.flush()
        self.ended.emit(result)
        # Hand both objects back to the GUI thread, whose event loop runs their deleteLater().
        app = QCoreApplication.instance()
        if app is not None:
            state.moveToThread(app.thread())
            self.moveToThread(app.thread())
        self.done.emit()


def _lower_thread_priority(step: int = 5) -> None:
    """Nice the calling (worker) thread, so the GUI thread wins a contended core (Linux only)."""
    if not hasattr(os, "setpriority") or not hasattr(threading, "get_native_id"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + step))
    except OSError:
        pass


class JobController(QObject):
    """Runs at most one job at a time (a GUI-thread object); see the module docstring."""

    started = Signal(str)
    progress = Signal(object)
    status = Signal(str)
    partial = Signal(object)
    #: A job's progress as a fraction (``state.set_fraction``).
    fraction = Signal(float)
    #: Within an epoch of a training (``state.batch_done``).
    batch = Signal(object)
    #: How a job ended (a JobResult), after its thread has ended and its handler ran.
    ended = Signal(object)
    #: The three outcomes, for listeners that want one of them (kind, value / message).
    finished = Signal(str, object)
    cancelled = Signal(str, object)
    failed = Signal(str, str)
    #: Emitted after the outcome: no job is running any more.
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self._stop = threading.Event()
        self._result: JobResult | None = None
        self._handler: Callable[[JobResult], None] | None = None
        self._kind = ""
        self._discarded = False
        #: Read by the worker (``state.partial_wanted``): does anyone show partial results now?
        self.partial_wanted = True

    # -- state ------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._thread is not None

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def kind(self) -> str:
        """The running job's kind ("" when idle)."""
        return self._kind if self._thread is not None else ""

    # -- control ----------------------------------------------------------------------------
    def start(self, job: Job, kind: str, on_end: Callable[[JobResult], None] | None = None) -> None:
        """Run ``job`` in a worker thread; ``on_end(JobResult)`` is called when it has ended."""
        if self._thread is not None:
            raise RuntimeError("a job is already running")
        self._stop = threading.Event()
        self._result = None
        self._handler = on_end
        self._kind = kind
        self._discarded = False
        thread = QThread()
        thread.setObjectName(f"solorec-{kind}")
        state = TaskState(self._stop, lambda: self.partial_wanted)
        worker = Worker(job, kind, state)
        state.moveToThread(thread)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        state.progress.connect(self._on_progress)
        state.status.connect(self._on_status)
        state.partial.connect(self._on_partial)
        state.fraction.connect(self._on_fraction)
        state.batch.connect(self._on_batch)
        worker.ended.connect(self._on_ended)
        # quit() is thread-safe; a direct call ends the thread's loop right after run().
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        LIVE_THREADS.add(thread)
        thread.start()
        self.started.emit(kind)

    def cancel(self) -> None:
        """Ask the job to stop; the engine honours it before the next epoch or mini-batch."""
        self._stop.set()

    stop = cancel

    def discard(self) -> bool:
        """Stop the running job and drop its result (its document is gone). True if one was running."""
        if self._thread is None:
            return False
        self._discarded = True
        self._handler = None
        self._stop.set()
        return True

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop and wait for the thread (for closeEvent); its result is dropped. True when it has ended."""
        if self._thread is None:
            return True
        self.discard()
        ended = self._thread.wait(timeout_ms)
        if ended:
            self._cleanup()
        else:
            log.error("the %s thread did not stop within %d ms", self._kind, timeout_ms)
        return ended

    # -- from the worker (queued) -------------------------------------------------------------
    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if not self._discarded:
            self.progress.emit(progress)

    @Slot(str)
    def _on_status(self, text: str) -> None:
        if not self._discarded:
            self.status.emit(text)

    @Slot(object)
    def _on_partial(self, value: Any) -> None:
        if not self._discarded:
            self.partial.emit(value)

    @Slot(float)
    def _on_fraction(self, value: float) -> None:
        if not self._discarded:
            self.fraction.emit(value)

    @Slot(object)
    def _on_batch(self, report: Any) -> None:
        if not self._discarded:
            self.batch.emit(report)

    @Slot(object)
    def _on_ended(self, result: JobResult) -> None:
        self._result = result

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None:  # already cleaned up by shutdown()
            return
        kind, discarded, handler = self._kind, self._discarded, self._handler
        self._cleanup()
        result, self._result = self._result, None
        if result is None:
            result = JobResult(kind, FAILED, message="the job ended without a result")
        self._handler = None
        if not discarded:
            if handler is not None:
                handler(result)
            if result.finished:
                self.finished.emit(kind, result.value)
            elif result.cancelled:
                self.cancelled.emit(kind, result.value)
            else:
                self.failed.emit(kind, result.message)
            self.ended.emit(result)
        self.idle.emit()

    def _cleanup(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if worker is not None:
            worker.state.deleteLater()
            worker.deleteLater()
        if thread is not None:
            thread.deleteLater()


__all__ = [
    "CANCELLED",
    "FAILED",
    "FINISHED",
    "KINDS",
    "LIVE_THREADS",
    "Job",
    "JobController",
    "JobResult",
    "Progress",
    "TaskState",
    "kind_title",
]
