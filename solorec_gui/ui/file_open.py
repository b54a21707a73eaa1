"""File › Open of a very large rating file: read in a job, with a progress bar and Cancel.

A long text file the engine reads in chunks (``core.data.stream.streams``: 8 MB
and more, MovieLens-25M's 25 million lines take ~30 s) is read off the GUI thread
by the engine's ``read_ratings(on_progress=, should_stop=)`` in a job of the one
protocol (:mod:`.jobs`), on its own :class:`~.jobs.JobController` so a training of
the open document is untouched until the new one is read. A progress dialog shows
how far the reading is; Cancel stops it (the engine raises ``Cancelled``) and the
document that was open stays as it was. Small files keep opening at once (no job).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from .jobs import JobController, JobResult

STEPS = 1000


def reads_in_job(path: str | Path, sheet) -> bool:
    """Whether opening ``path`` reads it in a job (a large long text file)."""
    if sheet:
        return False
    from ..core.data.stream import streams

    return streams(path)


def read_job(path: str | Path):
    """``job(state)``: the engine's reader with its progress and cancel flag."""

    def job(state):
        from ..core.data import read_ratings

        state.set_fraction(0.0)
        return read_ratings(path, on_progress=state.set_fraction, should_stop=state.should_stop)

    return job


class FileOpener(QObject):
    """Reads one large file at a time in a job; ``opened(matrix, path)`` when it is read."""

    #: The file was read: (RatingMatrix, path). The window shows it as the new document.
    opened = Signal(object, str)
    #: Reading failed (path, message) — the open document stays.
    failed = Signal(str, str)
    #: Cancel was pressed and the reading has stopped (path) — the open document stays.
    cancelled = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.jobs = JobController(self)
        self.jobs.fraction.connect(self._on_fraction)
        self.dialog: QProgressDialog | None = None
        self._path = ""
        self.fraction = 0.0

    def is_running(self) -> bool:
        return self.jobs.is_running()

    def start(self, path: str | Path) -> bool:
        """Start reading ``path`` (False when a file is already being read)."""
        if self.jobs.is_running():
            return False
        self._path = str(path)
        self.fraction = 0.0
        dialog = QProgressDialog(
            self.tr("Reading {0}…").format(Path(path).name), self.tr("Cancel"), 0, STEPS, self._parent)
        dialog.setWindowTitle(self.tr("Opening a large file"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        self.dialog = dialog
        self.jobs.start(read_job(path), "opening", self._on_end)
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the reading; the document that was open stays."""
        if self.jobs.is_running():
            self.jobs.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(self.tr("Stopping…"))

    def shutdown(self) -> None:
        self.jobs.shutdown()
        self._close_dialog()

    @Slot(float)
    def _on_fraction(self, value: float) -> None:
        self.fraction = value
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setValue(int(value * STEPS))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_end(self, result: JobResult) -> None:
        self._close_dialog()
        path = self._path
        if result.finished:
            self.opened.emit(result.value, path)
        elif result.cancelled:
            self.cancelled.emit(path)
        else:
            self.failed.emit(path, result.message)


def wait_until_read(opener: FileOpener, process_events: Callable[[], None]) -> None:
    """Run the event loop until the reading has ended (tests and benches)."""
    import time

    while opener.is_running():
        process_events()
        time.sleep(0.005)
    process_events()


__all__ = ["FileOpener", "read_job", "reads_in_job", "wait_until_read"]
