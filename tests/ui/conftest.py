"""UI test fixtures: offscreen Qt, settings in tmp_path, no QThread left running.

Set before Qt is imported: QT_QPA_PLATFORM=offscreen, so no screen is needed.
Every test gets its own settings file (``settings.use_path(tmp_path)``) and
XDG config folder, so the developer's real settings are never read or written.
A test that leaves a training QThread running fails (napari's idea): such a
thread would abort the process at exit with "QThread: Destroyed while thread
is still running".
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from solorec_gui.paths import bundled_dataset
from solorec_gui.ui import settings as ui_settings
from solorec_gui.ui.jobs import LIVE_THREADS

ML100K = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets")) / "ml-100k" / "u.data"


def _running_threads():
    return [t for t in list(LIVE_THREADS) if shiboken6.isValid(t) and t.isRunning()]


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    ui_settings.use_path(tmp_path / "settings")
    yield tmp_path / "settings"
    ui_settings.use_path(None)


@pytest.fixture(autouse=True)
def _no_thread_left_running(qapp):
    assert not _running_threads(), "a QThread from an earlier test is still running"
    yield
    running = _running_threads()
    for thread in running:  # clean up so the rest of the session survives, then fail
        thread.requestInterruption()
        thread.quit()
        thread.wait(30_000)
    assert not running, f"test left {len(running)} QThread(s) running"


@pytest.fixture(scope="session", autouse=True)
def _freeze_imported_objects(qapp):
    """Move the objects of the imported libraries (torch, numpy, Qt) out of the collector's
    reach, so the per-test ``gc.collect()`` below only scans what the tests create."""
    import torch  # noqa: F401  (imported here so its objects are frozen too)

    import solorec_gui.ui.main_window  # noqa: F401

    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _destroy_leftovers_between_tests(qapp):
    """Destroy closed windows and collect their Python wrappers now, between tests.

    Otherwise a window a test closed but did not destroy is collected by Python's
    garbage collector at an arbitrary later moment (inside another test, even mid
    paint), which crashed the suite now and then on the loaded 2-core machine.
    """
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isWindow() and not widget.isVisible() and widget.parent() is None:
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def solo_path() -> Path:
    return bundled_dataset()


@pytest.fixture
def make_window(qtbot):
    """Build a real MainWindow showing ``path`` (the bundled solo.csv by default)."""
    from solorec_gui.ui.main_window import MainWindow

    def make(path: Path | None = None):
        window = MainWindow()
        # Closing at teardown must never block on a modal question.
        window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
        # A file another window owns: a test that does not expect it fails (the open is cancelled).
        window.ask_locked = lambda path, owner: "cancel"
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_file(path or bundled_dataset())
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def fast_config(window):
    """Show a model (``model=``, default MF) with its defaults and these values typed into its form."""
    from insight_helpers import configure

    def apply(**overrides):
        return configure(window, **overrides)

    return apply

