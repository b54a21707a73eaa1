"""Start-up: the xcb check, the first window size, the warm-up and the first F5 it speeds up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from solorec_gui.ui import app as app_module
from solorec_gui.ui import settings

ROOT = Path(__file__).resolve().parents[2]

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibweird.so.3 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
"""


@pytest.fixture
def fake_plugin(monkeypatch, tmp_path):
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(app_module, "xcb_plugin", lambda: plugin)
    monkeypatch.setattr(app_module, "_ldd", lambda path: LDD_MISSING)
    return plugin


def test_missing_xcb_libraries_are_named_with_install_lines(fake_plugin, capsys):
    env = {"DISPLAY": ":0"}
    assert app_module.missing_xcb_libraries(env, "linux") == [
        "libweird.so.3", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"]
    assert app_module.check_platform(env) == 1 if sys.platform.startswith("linux") else True
    message = app_module.missing_libraries_message(app_module.missing_xcb_libraries(env, "linux"))
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0" in message
    assert "sudo dnf install libxkbcommon-x11 xcb-util-cursor xcb-util-wm" in message
    assert "libweird.so.3" in message


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "wayland", "vnc"])
def test_no_check_for_other_platforms(fake_plugin, platform):
    assert app_module.missing_xcb_libraries({"QT_QPA_PLATFORM": platform}, "linux") == []
    assert app_module.missing_xcb_libraries({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert app_module.missing_xcb_libraries({}, "win32") == []


def test_main_exits_with_1_before_qt_when_libraries_are_missing(monkeypatch, capsys):
    monkeypatch.setattr(app_module, "missing_xcb_libraries", lambda env=None: ["libxcb-cursor.so.0"])
    assert app_module.main(["solorec"]) == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor.so.0" in err and "apt-get install libxcb-cursor0" in err and "dnf install" in err


def test_the_real_plugin_loads_here():
    """On this machine (the tests' own), nothing is missing: the check does not cry wolf."""
    if app_module.xcb_plugin() is None:
        pytest.skip("no xcb plugin in this PySide6")
    assert app_module.missing_xcb_libraries({"QT_QPA_PLATFORM": "xcb"}) == []


def test_first_start_takes_85_percent_of_the_available_area(qtbot):
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    app_module.place_window(window)
    area = window.screen().availableGeometry()
    assert abs(window.width() - max(int(area.width() * 0.85), min(1024, area.width()))) <= 2
    assert window.width() <= area.width() and window.height() <= area.height()


def test_saved_geometry_larger_than_the_screen_is_shrunk(qtbot):
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    settings.write("window/geometry", window.saveGeometry())
    area = window.screen().availableGeometry()
    window.resize(area.width() + 500, area.height() + 500)
    app_module.place_window(window)
    assert window.width() <= area.width() and window.height() <= area.height()


def test_warm_up_trains_a_tiny_matrix_in_a_python_thread():
    warm = app_module.WarmUp()
    thread = warm.start()
    assert thread.daemon
    assert warm.done.wait(120)
    assert warm.error is None and warm.seconds is not None


def test_the_warm_up_imports_pandas_last_so_a_large_file_does_not_import_it_in_its_reader():
    """Its import in the reader thread held the GIL ~120 ms of the GUI's time (the longest stall while a
    25 M-rating file was read). A fresh interpreter: this test process has pandas already."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from solorec_gui.ui import app\n"
        "assert 'pandas' not in sys.modules\n"
        "w = app.WarmUp(); w.start(); assert w.done.wait(120) and w.error is None, w.error\n"
        "print('pandas' in sys.modules, 'torch' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr  # 134 ("terminate called without an active exception") before
    assert proc.stdout.split() == ["True", "True"]


def test_quitting_during_the_warm_up_stops_it_and_exits_cleanly():
    """The interpreter's exit stops the warm-up at its next epoch and waits for it (ui/background.py): a
    daemon thread killed inside torch aborted the process (exit status 134) when the app was closed early."""
    import subprocess
    import sys
    import time

    code = (
        "import sys, time\n"
        "from solorec_gui.ui import app\n"
        "from solorec_gui.core.models import TrainSpec, model_class\n"
        "params = model_class('blend-bpmf').Params()\n"
        "params = params.replace(bpmf=params.bpmf.replace(epochs=100_000))  # a minute of Gibbs sweeps\n"
        "w = app.WarmUp(); w.start(TrainSpec('blend-bpmf', params))\n"
        "deadline = time.time() + 120\n"
        "while 'solorec_gui.core.fit' not in sys.modules and time.time() < deadline: time.sleep(0.05)\n"
        "time.sleep(2.0)  # the warm-up's MF, then the blend's Gibbs sweeps\n"
        "print(w.done.is_set())\n"
    )
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False"]  # it was still training when the program ended
    assert time.perf_counter() - started < 120  # stopped, not run to its end


def test_first_f5_after_3_seconds_fills_the_cells_fast():
    """A fresh process (torch not imported yet), as a user starts it: bench/first_f5.py.

    The issue's target is 0.2 s; measured here 0.06 s on 2 quiet shared cores (0.17–0.35 s when other jobs
    load them; the training itself is what remains). Without the warm-up it is 1.2–3.2 s. The bound is generous."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "first_f5.py"), "--wait", "3"],
                          capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    fields = dict(part.split("=") for part in done.stdout.split())
    print(done.stdout)
    assert fields["cells_filled"] == "True"
    assert float(fields["first_f5_seconds"]) < 1.0


def test_validation_options_reachable_without_scrolling_at_1600x1000(qtbot):
    from PySide6.QtCore import QPoint

    from solorec_gui.paths import bundled_dataset
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.open_file(bundled_dataset())
    qtbot.wait(50)
    app_module.fit_side_panel(window)
    qtbot.wait(50)
    box = window.panel.validation
    viewport = window.panel_scroll.viewport()
    bottom = box.mapTo(viewport, QPoint(0, box.height())).y()
    assert bottom <= viewport.height()
    assert window.panel_scroll.verticalScrollBar().maximum() == 0
