"""Entry point of the standalone app (packaging/solorec.spec): start the window.

``main.py`` is the launcher for a checkout (it falls back to the project's
``.venv``); in the bundle everything is inside, so this starts the window
directly and an import error shows as itself. Without a console (Windows,
macOS .app) stdout/stderr are None: they go to a log file, as with main.py.
"""

import os
import sys
from pathlib import Path


def _fix_streams() -> None:
    if sys.stdout is None or sys.stderr is None:
        log_dir = Path(os.environ.get("LOCALAPPDATA") or Path.home()) / "SoloRec"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            stream = open(log_dir / "solorec.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (open for the whole run)
        except OSError:
            stream = open(os.devnull, "w")  # noqa: SIM115
        sys.stdout = sys.stdout or stream
        sys.stderr = sys.stderr or stream


def run() -> int:
    _fix_streams()
    from solorec_gui.ui.app import main

    return main(sys.argv)


if __name__ == "__main__":
    sys.exit(run())
