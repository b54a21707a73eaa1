"""Faults and interruptions in the window: closing while training, Stop/Train races,
reopening during training, diverging and crashing trainings, failed saves and exports."""

from __future__ import annotations

import errno
import os
import shutil
import time

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

# The engine (and torch) loaded up front, so no test times a first import.
import solorec_gui.core.data.files as files
import solorec_gui.core.fit as training
from solorec_gui.core.data import read_ratings, save_wide
from solorec_gui.ui.jobs import LIVE_THREADS
from solorec_gui.ui.main_window import MainWindow

TIMEOUT = 120_000
LONG = 1_000_000  # epochs (the engine's maximum): a run that only ends when stopped


def configure(window, **overrides):
    from insight_helpers import configure as show

    return show(window, **overrides)


def start_long(qtbot, window):
    configure(window, epochs=LONG)
    with qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT):
        assert window.train()


def running_threads():
    return [t for t in list(LIVE_THREADS) if shiboken6.isValid(t) and t.isRunning()]


def close_messages(qtlog):
    return [r.message for r in qtlog.records if "Destroyed while thread" in r.message or "QThread" in r.message]


# -- closing --------------------------------------------------------------------------


def test_close_while_training_20_times(qtbot, qtlog, solo_path):
    """No crash, no hang, no 'QThread: Destroyed while thread is still running'."""
    worst = 0.0
    for k in range(20):
        window = MainWindow()
        window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
        window.show()
        assert window.open_file(solo_path)
        configure(window, epochs=LONG, model=("mf", "nn", "baseline")[k % 3])
        if k % 4 == 3:
            window.model.setData(window.model.index(0, 1), "3")  # unsaved edit, answered Discard
        assert window.train()
        if k % 2:  # half the time mid-epoch, half the time before the first epoch has even run
            qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT).wait()
        started = time.perf_counter()
        assert window.close()
        worst = max(worst, time.perf_counter() - started)
        assert not window.jobs.is_running() and not running_threads()
        shiboken6.delete(window)  # really destroy it now, not at some later garbage collection
        assert not shiboken6.isValid(window)
        QCoreApplication.processEvents()
    assert worst < 30, f"closing took {worst:.1f} s"  # generous: a hang would take forever
    assert not close_messages(qtlog), close_messages(qtlog)


# -- Stop / Train races -----------------------------------------------------------------


def test_stop_then_train_at_once_trains_again(qtbot, window):
    start_long(qtbot, window)
    outcomes = []
    window.trainingFinished.connect(outcomes.append)
    window.stop()
    configure(window, epochs=30)  # the settings of the new run
    assert window.panel.train_button.isEnabled()  # Train is offered as soon as Stop is pressed
    assert window.train()  # queued: runs as soon as the stopped run has ended
    qtbot.waitUntil(lambda: len(outcomes) == 2 and not window.jobs.is_running(), timeout=TIMEOUT)
    first, second = outcomes
    assert first.stopped and first.spec.params.epochs == LONG
    assert not second.stopped and second.spec.params.epochs == 30 and len(second.history) == 30
    assert window.last_outcome is second and "30 epochs" in window.model.prediction_note


def test_train_pressed_twice_runs_once(qtbot, window):
    configure(window, epochs=200)
    outcomes = []
    window.trainingFinished.connect(outcomes.append)
    assert window.train()
    assert not window.train()  # F5 again while running: refused, with a reason
    assert "already running" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.panel.train_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    qtbot.waitUntil(lambda: bool(outcomes) and not window.jobs.is_running(), timeout=TIMEOUT)
    qtbot.wait(50)
    assert len(outcomes) == 1 and len(outcomes[0].history) == 200


def other_file(tmp_path, solo_path):
    """solo.csv with other values: same shape, so a stale result would fit the grid."""
    m = read_ratings(solo_path)
    known = ~np.isnan(m.values)
    m.values[known] = np.round(6 - m.values[known], 2)
    m.values = np.clip(m.values, 1, 5)
    path = tmp_path / "other.csv"
    save_wide(m, path)
    return path


def test_reopen_during_training_discards_the_old_run(qtbot, window, tmp_path, solo_path):
    path = other_file(tmp_path, solo_path)
    start_long(qtbot, window)
    finished, failed = [], []
    window.trainingFinished.connect(finished.append)
    window.trainingFailed.connect(failed.append)
    assert window.open_file(path)
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    qtbot.wait(50)
    assert not finished and not failed  # the old dataset's run is never applied here
    assert window.model.predictions is None and window.path == path.resolve()
    assert window.panel.train_button.isEnabled()


def test_reopen_then_train_at_once_shows_the_new_files_results(qtbot, window, tmp_path, solo_path):
    path = other_file(tmp_path, solo_path)
    start_long(qtbot, window)
    finished = []
    window.trainingFinished.connect(finished.append)
    assert window.open_file(path)
    configure(window, epochs=20)
    assert window.train()  # the old run is still stopping: queued
    qtbot.waitUntil(lambda: bool(finished) and not window.jobs.is_running(), timeout=TIMEOUT)
    assert len(finished) == 1 and len(finished[0].history) == 20
    new = read_ratings(path).values
    np.testing.assert_array_equal(window.document.trained_on, new)  # trained on the new file
    assert not window.model.stale


def test_reopen_twice_quickly_during_training(qtbot, window, tmp_path, solo_path):
    path = other_file(tmp_path, solo_path)
    start_long(qtbot, window)
    for p in (path, solo_path, path):
        assert window.open_file(p)
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    assert window.model.predictions is None and window.path == path.resolve()


# -- failing trainings --------------------------------------------------------------------


def train_expect_failure(qtbot, window):
    with qtbot.waitSignal(window.trainingFailed, timeout=TIMEOUT) as blocker:
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running())
    box = window._error_box
    assert box is not None and box.isVisible() and "No prediction was applied" in box.text()
    box.close()
    return blocker.args[0]


def assert_usable(qtbot, window):
    configure(window, epochs=20)
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT):
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running())
    assert window.model.predictions is not None


@pytest.mark.parametrize("model", ["mf", "baseline"])
def test_diverging_training_lr_1e6(qtbot, window, model):
    configure(window, lr=1e6, model=model, epochs=50)
    message = train_expect_failure(qtbot, window)
    assert "diverged" in message and "learning rate" in message
    assert window.model.predictions is None and window.last_outcome is None
    assert_usable(qtbot, window)


def test_absurd_lr_1e38_gets_a_clear_message(qtbot, window):
    """Beyond torch's float32 range: refused before training, with a message naming the value and the limit."""
    configure(window, lr=1e38, epochs=5)
    # the engine's Params limits refuse it up front (the form checks with them); before they did, torch's
    # overflow was translated (below)
    assert not window.train() and not window.jobs.is_running()
    message = window.last_error
    assert "learning rate" in message and "1e+38" in message and "at most 1e+12" in message
    assert "unexpected" not in message
    box = window._error_box
    assert box is not None and box.isVisible() and box.windowTitle() == "Check the training settings"
    box.close()
    assert window.model.predictions is None
    assert_usable(qtbot, window)


def test_torch_overflow_is_translated_not_shown_raw(qtbot, window, monkeypatch):
    def overflowing_fit(*args, **kwargs):  # what torch 2.x raises for lr=1e38 in Adam
        raise RuntimeError("value cannot be converted to type float without overflow")

    monkeypatch.setattr(training, "fit", overflowing_fit)
    configure(window, lr=1e10, epochs=5)  # within the engine's limit (1e12): torch is what overflows
    message = train_expect_failure(qtbot, window)
    assert "learning rate 1e+10" in message and "too large" in message and "RuntimeError" not in message
    assert window.model.predictions is None


def test_exception_inside_the_worker(qtbot, window, monkeypatch):
    def broken_fit(*args, **kwargs):
        raise ValueError("injected fault")

    monkeypatch.setattr(training, "fit", broken_fit)
    message = train_expect_failure(qtbot, window)
    assert "internal error" in message and "injected fault" in message and "unchanged" in message
    assert window.model.predictions is None
    monkeypatch.undo()
    assert_usable(qtbot, window)


def test_failure_after_a_good_run_keeps_its_predictions_only(qtbot, window, monkeypatch):
    assert_usable(qtbot, window)
    shown = window.model.predictions.copy()

    def broken_fit(*args, **kwargs):
        raise RuntimeError("CUDA error: an illegal memory access")

    monkeypatch.setattr(training, "fit", broken_fit)
    train_expect_failure(qtbot, window)
    np.testing.assert_array_equal(window.model.predictions, shown)  # nothing new applied


# -- failed saves and exports --------------------------------------------------------------


@pytest.fixture
def edited(make_window, tmp_path, solo_path):
    path = tmp_path / "work" / "ratings.csv"
    path.parent.mkdir()
    shutil.copy(solo_path, path)
    window = make_window(path)
    assert window.model.setData(window.model.index(0, 1), "3.5")
    return window, path


def read_only_folder(monkeypatch, folder):
    """Tests run as root, so chmod would not stop them: refuse creating files in ``folder``."""
    real = files.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and os.path.realpath(dir) == os.path.realpath(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)


def disk_full(monkeypatch, folder):
    """Writes into files under ``folder`` fail with ENOSPC after the first few bytes."""
    real = os.write

    def write(fd, data):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target.startswith(str(os.path.realpath(folder))):
            if len(data) > 8:
                return real(fd, bytes(data)[:8])  # a partial write first, as a full disk does
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(files.os, "write", write)


def check_refused(window, path, before, title, fragment):
    assert path.read_bytes() == before  # byte for byte
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert fragment in window.last_error and title in window.statusBar().currentMessage()
    box = window._error_box
    assert box is not None and box.isVisible() and box.windowTitle() == title
    box.close()


@pytest.mark.parametrize(
    ("fault", "fragment"),
    [(read_only_folder, "permission denied"), (disk_full, "the disk is full")],
)
def test_save_fails_clearly_and_keeps_file_and_edits(qtbot, edited, monkeypatch, fault, fragment):
    window, path = edited
    before = path.read_bytes()
    fault(monkeypatch, path.parent)
    assert not window.save()
    check_refused(window, path, before, "Cannot save", fragment)
    assert window.is_modified and window.windowTitle().endswith(" *")  # the edits are not lost
    assert window.model.matrix.values[0, 1] == 3.5
    monkeypatch.undo()
    assert window.save() and not window.is_modified


def test_save_onto_a_folder(qtbot, edited, tmp_path):
    window, _ = edited
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    assert not window.save_to(folder)
    assert "it is a folder" in window.last_error and folder.is_dir()
    assert window.is_modified and window.path.name == "ratings.csv"
    window._error_box.close()


@pytest.mark.parametrize(
    ("fault", "fragment"),
    [(read_only_folder, "permission denied"), (disk_full, "the disk is full"), (None, "it is a folder")],
)
def test_export_fails_clearly_and_keeps_existing_file(qtbot, edited, monkeypatch, tmp_path, fault, fragment):
    window, _ = edited
    assert_usable(qtbot, window)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    if fault is None:
        target = out_dir / "completed.csv"
        target.mkdir()
        assert not window.export_to(target)
        assert fragment in window.last_error and target.is_dir()
        window._error_box.close()
        return
    target = out_dir / "completed.csv"
    target.write_bytes(b"user,a\nu1,1\n")
    before = target.read_bytes()
    fault(monkeypatch, out_dir)
    assert not window.export_to(target)
    check_refused(window, target, before, "Cannot export", fragment)
