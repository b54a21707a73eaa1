"""Application start-up: ``main()`` creates the QApplication and the main window.

Start-up order matters for the launch-to-window time: Qt, pyqtgraph and the
Qt-free parts of the engine are imported; torch is not. Once the window is shown
and the event loop idle, :func:`warm_up` imports torch and trains a 3 × 3 matrix (then imports pandas)
for two epochs in a background thread (everything the first training imports:
torch, the loop, the optimizer, the embedding map), so the first F5 on the
lecture's table fills the cells at once (``tests/ui/test_app.py`` measures it).
The file shown is the one on the command line, else the last one opened
(QSettings), else the bundled ``solo.csv``.

Before Qt starts, on Linux with the xcb platform, :func:`missing_xcb_libraries`
asks ``ldd`` which shared libraries Qt's xcb plugin lacks; if any, the program
names them and the packages to install and exits with status 1, instead of
Qt's "could not load the Qt platform plugin" abort.

The translators (Korean or English, :mod:`.i18n`) are installed before the
window is built; the window opens at about 85 % of the screen's available area
on first start and never larger than that area.

``--startup-probe`` (used by ``bench/startup.py``) prints the seconds from
process start to the window being shown, and whether torch was imported, then
quits.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

#: Share of the screen's available area a window gets on first start.
FIRST_START_SHARE = 0.85

# Libraries Qt's xcb platform plugin needs -> (Debian/Ubuntu package, Fedora/RHEL package).
XCB_PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
}
for _ext in ("xkb", "shape", "randr", "xfixes", "sync", "shm", "render", "xinerama", "xinput", "glx", "dri3", "present"):
    XCB_PACKAGES.setdefault(f"libxcb-{_ext}.so.0", (f"libxcb-{_ext}0", "libxcb"))
XCB_PACKAGES["libxcb-xkb.so.1"] = ("libxcb-xkb1", "libxcb")


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


def _uses_xcb(env: dict) -> bool:
    """Whether Qt will try the xcb plugin: QT_QPA_PLATFORM unset (X11 default) or naming xcb first."""
    platform = env.get("QT_QPA_PLATFORM", "").strip().lower()
    if not platform:
        return True
    return platform.split(";")[0].split(":")[0] == "xcb"


def xcb_plugin() -> Path | None:
    """PySide6's ``libqxcb.so`` (None when this PySide6 has none)."""
    try:
        import PySide6
    except ImportError:
        return None
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def _ldd(path: Path) -> str:
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""
    try:
        return subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def missing_xcb_libraries(env: dict | None = None, platform: str | None = None) -> list[str]:
    """Shared libraries Qt's xcb plugin cannot find (``ldd``: "=> not found"); [] when all load or not checked."""
    env = os.environ if env is None else env
    if not (platform or sys.platform).startswith("linux") or not _uses_xcb(env):
        return []
    plugin = xcb_plugin()
    if plugin is None:
        return []
    missing = re.findall(r"^\s*(\S+)\s*=>\s*not found", _ldd(plugin), flags=re.MULTILINE)
    return sorted(set(missing))


def missing_libraries_message(missing: list[str]) -> str:
    """What to tell the user: the libraries, and the apt-get and dnf lines that install them."""
    deb = sorted({XCB_PACKAGES[name][0] for name in missing if name in XCB_PACKAGES})
    rpm = sorted({XCB_PACKAGES[name][1] for name in missing if name in XCB_PACKAGES})
    unknown = [name for name in missing if name not in XCB_PACKAGES]
    lines = [
        "SoloRec cannot open its window: Qt's X11 (xcb) platform plugin is missing these system libraries:",
        *(f"    {name}" for name in missing),
        "",
        "Install them (Debian, Ubuntu):",
        f"    sudo apt-get install {' '.join(deb)}" if deb else "    (no known package: see below)",
        "or (Fedora, RHEL):",
        f"    sudo dnf install {' '.join(rpm)}" if rpm else "    (no known package: see below)",
    ]
    if unknown:
        lines += ["", "No package is known here for: " + ", ".join(unknown)
                  + " (apt-file search / dnf provides NAME finds it)."]
    lines += ["", "Then start SoloRec again. (solorec-cli works without a window.)"]
    return "\n".join(lines)


def check_platform(env: dict | None = None) -> int | None:
    """1 (after printing why) when the xcb plugin cannot load; None when the window can start."""
    missing = missing_xcb_libraries(env)
    if not missing:
        return None
    print(missing_libraries_message(missing), file=sys.stderr, flush=True)
    return 1


def place_window(window, share: float = FIRST_START_SHARE) -> None:
    """First start (no saved geometry): ``share`` of the screen's available area, centred.

    Later starts keep the saved geometry, shrunk onto the available area if the screen got smaller.
    """
    from . import settings

    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    if settings.read("window/geometry").isEmpty():
        width, height = int(area.width() * share), int(area.height() * share)
        window.resize(max(width, min(1024, area.width())), max(height, min(700, area.height())))
        frame = window.frameGeometry()
        frame.moveCenter(area.center())
        window.move(frame.topLeft())
        return
    if window.width() > area.width() or window.height() > area.height():
        window.resize(min(window.width(), area.width()), min(window.height(), area.height()))


def fit_side_panel(window, min_tabs: int = 260) -> None:
    """First start: the training panel (with its validation options) gets the height it asks for, so at
    1600 × 1000 nothing in it needs scrolling; the tabs below keep at least ``min_tabs`` pixels. A saved
    splitter position wins."""
    from . import settings

    if not settings.read("window/splitter_side").isEmpty():
        return
    splitter = window.side_splitter
    total = sum(splitter.sizes())
    if total <= 0:
        return
    wanted = window.panel.sizeHint().height() + window.panel.run_box.sizeHint().height() + 12
    top = max(0, min(wanted, total - min_tabs))
    splitter.setSizes([top, total - top])


class WarmUp:
    """Imports torch and runs a tiny training in a background (Python) thread; see the module docstring.

    A plain daemon thread, not a QThread: it holds no Qt object. The interpreter's exit stops it and waits
    for it (:mod:`.background`). A training started meanwhile simply waits for the imports (Python's
    import lock).
    """

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.seconds: float | None = None
        self.error: str | None = None
        self.done = threading.Event()

    def start(self, spec=None) -> threading.Thread:
        if self.thread is None:
            from . import background

            self.thread = background.start(lambda: self._run(spec), "solorec-warm-up")
        return self.thread

    def _run(self, spec) -> None:
        started = time.perf_counter()
        try:
            import numpy as np

            from ..core.analysis import embedding_points
            from ..core.data import RatingMatrix
            from ..core.eval import errors_on, holdout_split  # noqa: F401 (what a training job imports)
            from ..core.fit import fit
            from ..core.models import TrainSpec
            from . import background
            from .engine_jobs import _configure_torch

            _configure_torch()
            values = np.array([[5.0, 3.0, np.nan], [4.0, np.nan, 1.0], [np.nan, 2.0, 4.0]])
            tiny = RatingMatrix(users=["a", "b", "c"], items=["x", "y", "z"], values=values)
            specs = [TrainSpec("mf")]
            if spec is not None and spec.model != "mf":
                specs.append(spec)
            for one in specs:
                params = one.params
                if hasattr(params, "epochs"):
                    params = params.replace(epochs=2) if hasattr(params, "replace") else params
                result = fit(tiny, TrainSpec(one.model, params), should_stop=background.stopping)
                if background.stopping():
                    return
                result.predict_matrix()
                embedding_points(result)
            # Last (the first F5 waits for nothing of it): a large file is read by pandas in a job, and its
            # import held the GIL for 121 ms of the GUI's time when the first such file was opened.
            import pandas  # noqa: F401
        except Exception as exc:  # noqa: BLE001 — a warm-up that fails costs nothing but the time saved
            self.error = f"{type(exc).__name__}: {exc}"
            log.info("warm-up failed: %s", self.error)
        finally:
            self.seconds = time.perf_counter() - started
            self.done.set()


#: The process's warm-up (one per process: what it imports stays imported).
warm_up = WarmUp()


def start_warm_up(window, delay_ms: int = 300) -> None:
    """Start :data:`warm_up` once the window is shown and the event loop has been idle ``delay_ms``."""
    from PySide6.QtCore import QTimer

    def go() -> None:
        try:
            spec = window.panel.spec()
        except Exception:  # noqa: BLE001 — an invalid form: warm up the lecture's MF only
            spec = None
        warm_up.start(spec)

    QTimer.singleShot(delay_ms, go)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    status = check_platform()
    if status is not None:
        return status
    # X11's WM_CLASS instance name (and Wayland's app id, from the desktop file name) is "solorec",
    # matching StartupWMClass in solorec.desktop, whatever script started us (main.py, python -m).
    os.environ.setdefault("RESOURCE_NAME", "solorec")

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .. import __version__
    from ..paths import bundled_dataset, resource
    from . import i18n, settings

    app = QApplication.instance() or QApplication(["solorec", *argv[1:]])
    app.setApplicationName("SoloRec")
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("solorec")
    app.setWindowIcon(QIcon(str(resource("solorec.png"))))
    i18n.install(app)

    from .main_window import MainWindow

    window = MainWindow()
    place_window(window)
    candidates = [args.file] if args.file else []
    last = settings.read("file/last")
    if last and not args.file:
        candidates.append(last)
    candidates.append(str(bundled_dataset()))
    window.show()
    app.processEvents()  # lay out the shown window, then size the side panel to what it holds
    fit_side_panel(window)
    opened = False
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and window.open_file(candidate):
            opened = True
            break
    if not opened:
        window.statusBar().showMessage(
            QCoreApplication.translate("App", "Could not open a rating file; use File › Open"), 10000)
    if not args.startup_probe:
        # Edits left unsaved by a crash (see recovery.py): offered once the window is up.
        QTimer.singleShot(0, window.recovery.offer_restore)
        start_warm_up(window)

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
