#!/usr/bin/env python3
"""Start SoloRec's window: ``python main.py [FILE]``, or double-click this file.

Works under ``pythonw`` on Windows (no console): stdout/stderr may be None
there, so they are pointed at a log file. When double-clicked with a Python
that lacks the dependencies, it re-runs itself with the project's ``.venv``
(created by ``make run``) if there is one.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _venv_python() -> Path | None:
    for candidate in (HERE / ".venv" / "Scripts" / "pythonw.exe", HERE / ".venv" / "Scripts" / "python.exe",
                      HERE / ".venv" / "bin" / "python"):
        if candidate.exists():
            return candidate
    return None


def _fix_streams() -> None:
    if sys.stdout is None or sys.stderr is None:  # pythonw
        log_dir = Path(os.environ.get("LOCALAPPDATA") or Path.home()) / "SoloRec"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            stream = open(log_dir / "solorec.log", "a", encoding="utf-8", buffering=1)
        except OSError:
            stream = open(os.devnull, "w")
        sys.stdout = sys.stdout or stream
        sys.stderr = sys.stderr or stream


def run() -> int:
    _fix_streams()
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    try:
        import PySide6  # noqa: F401
        import pyqtgraph  # noqa: F401
    except ImportError:
        venv = _venv_python()
        if venv is not None and Path(sys.executable).resolve() != venv.resolve() and not os.environ.get("SOLOREC_REEXEC"):
            os.environ["SOLOREC_REEXEC"] = "1"
            if os.name == "nt":
                import subprocess

                return subprocess.call([str(venv), str(Path(__file__).resolve()), *sys.argv[1:]])
            os.execv(str(venv), [str(venv), str(Path(__file__).resolve()), *sys.argv[1:]])
        print("SoloRec needs its dependencies: run `make run` once (or pip install -e .)", file=sys.stderr)
        return 1
    from solorec_gui.ui.app import main

    return main(sys.argv)


if __name__ == "__main__":
    sys.exit(run())
