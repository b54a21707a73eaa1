"""Application start-up: ``main()`` creates the QApplication and the main window.

Start-up order matters for the launch-to-window time: Qt, pyqtgraph and the
Qt-free parts of the engine are imported; torch is not (the first training
imports it in the worker thread). The file shown is the one on the command
line, else the last one opened (QSettings), else the bundled ``solo.csv``.

``--startup-probe`` (used by ``bench/startup.py``) prints the seconds from
process start to the window being shown, and whether torch was imported, then
quits.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _process_start() -> float:
    """Seconds since the epoch when this process started (best effort)."""
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process().create_time()
    except Exception:
        pass
    try:
        with open(f"/proc/{os.getpid()}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        ticks = int(fields[19])
        with open("/proc/stat") as fh:
            btime = next(int(line.split()[1]) for line in fh if line.startswith("btime"))
        return btime + ticks / os.sysconf("SC_CLK_TCK")
    except Exception:
        return time.time()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="solorec", description="SoloRec desktop window")
    parser.add_argument("file", nargs="?", help="a wide or long rating CSV to open")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args(argv)  # Qt's own options pass through
    return args


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .. import __version__
    from ..paths import bundled_dataset, resource
    from . import settings
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv[:1])
    app.setApplicationName("SoloRec")
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("solorec")
    app.setWindowIcon(QIcon(str(resource("solorec.png"))))

    window = MainWindow()
    candidates = [args.file] if args.file else []
    last = settings.read("file/last")
    if last and not args.file:
        candidates.append(last)
    candidates.append(str(bundled_dataset()))
    window.show()
    opened = False
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and window.open_file(candidate):
            opened = True
            break
    if not opened:
        window.statusBar().showMessage("Could not open a rating file; use File › Open", 10000)
    if not args.startup_probe:
        # Edits left unsaved by a crash (see recovery.py): offered once the window is up.
        QTimer.singleShot(0, window.recovery.offer_restore)

    if args.startup_probe:
        def report() -> None:
            shown = time.time() - _process_start()
            print(
                f"startup_seconds={shown:.3f} shown_at={time.time():.6f} torch_imported={'torch' in sys.modules}",
                flush=True,
            )
            window.close()
            app.quit()

        QTimer.singleShot(0, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
