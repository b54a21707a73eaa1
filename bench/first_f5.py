#!/usr/bin/env python3
"""The first F5 on solo.csv, in a fresh process: seconds from F5 to the cells filled.

``python bench/first_f5.py [--wait 3] [--no-warm-up]``: opens the window as ``app.main`` does
(offscreen unless QT_QPA_PLATFORM says otherwise), waits ``--wait`` seconds with the event loop
running (the warm-up starts once the window is shown and idle), presses F5 and prints
``first_f5_seconds=… warm_up_seconds=…``. ``tests/ui/test_app.py`` runs it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wait", type=float, default=3.0)
    parser.add_argument("--no-warm-up", action="store_true")
    parser.add_argument("--settings", default=None, help="settings folder (default: a temporary one)")
    args = parser.parse_args()

    import tempfile

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from solorec_gui.paths import bundled_dataset
    from solorec_gui.ui import app as app_module
    from solorec_gui.ui import settings

    settings.use_path(args.settings or tempfile.mkdtemp(prefix="solorec-bench-"))
    qapp = QApplication(["solorec"])
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.open_file(bundled_dataset())
    if not args.no_warm_up:
        app_module.start_warm_up(window)
    loop = QEventLoop()
    QTimer.singleShot(int(args.wait * 1000), loop.quit)
    loop.exec()

    done: list[float] = []
    finished = QEventLoop()

    def on_finished(_outcome) -> None:
        done.append(time.perf_counter())
        finished.quit()

    window.trainingFinished.connect(on_finished)
    window.trainingFailed.connect(lambda message: (print("failed:", message), finished.quit()))
    started = time.perf_counter()
    window.train()
    QTimer.singleShot(60_000, finished.quit)
    finished.exec()
    filled = window.document.model.predictions is not None
    warm = app_module.warm_up.seconds
    print(f"first_f5_seconds={(done[0] - started) if done else float('nan'):.3f} "
          f"warm_up_seconds={warm if warm is not None else float('nan'):.3f} cells_filled={filled}", flush=True)
    window.document.undo_stack.setClean()
    window.close()
    qapp.quit()
    return 0 if done and filled else 1


if __name__ == "__main__":
    sys.exit(main())
