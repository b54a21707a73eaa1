"""Install (or remove) SoloRec's desktop launcher: ``python -m solorec_gui.desktop_entry``.

Writes ``solorec.desktop`` into ``$XDG_DATA_HOME/applications`` (default
``~/.local/share/applications``) and the icon into the hicolor theme, so
SoloRec appears in the desktop menu and can be double-clicked in a file
manager. The launcher runs ``main.py`` with the Python that ran this command
(the project's ``.venv`` when called by ``make install-desktop`` / ``make run``);
``--bundle dist/SoloRec`` points it at the standalone app built by ``make bundle``
instead. Rating files can be opened with it (``%f``). ``--uninstall`` removes both files.

Linux desktops only (freedesktop.org); on Windows and macOS it prints how to
start SoloRec instead. Imports neither Qt nor torch.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import resource

APP_ID = "solorec"
ROOT = Path(__file__).resolve().parent.parent


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _quote(arg: str) -> str:
    """Quote one Exec argument per the Desktop Entry spec."""
    if arg and not any(ch in arg for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def desktop_file_text(python: str, main_py: Path | None, icon: str) -> str:
    """The launcher; with ``main_py`` None, ``python`` is the standalone app's executable itself."""
    command = [python] if main_py is None else [python, str(main_py)]
    exec_line = " ".join(_quote(arg) for arg in command).replace("%", "%%") + " %f"
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=SoloRec",
            "GenericName=Rating matrix completion",
            "Comment=Edit a rating matrix and complete it with MF and NN recommenders",
            f"Exec={exec_line}",
            f"TryExec={python}",
            f"Path={Path(python).parent if main_py is None else main_py.parent}",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Education;Science;DataVisualization;Qt;",
            "MimeType=text/csv;text/tab-separated-values;",
            "Keywords=recommender;matrix factorization;ratings;pytorch;",
            "StartupNotify=true",
            "StartupWMClass=solorec",
            "",
        ]
    )


def install(python: str | None = None, bundle: Path | None = None) -> Path:
    """Install the launcher for ``main.py`` run by ``python``, or for the app in the ``bundle`` folder."""
    python = str(Path(bundle).resolve() / "SoloRec") if bundle is not None else python or sys.executable
    apps = data_home() / "applications"
    icon_dir = data_home() / "icons" / "hicolor" / "256x256" / "apps"
    apps.mkdir(parents=True, exist_ok=True)
    icon_dir.mkdir(parents=True, exist_ok=True)
    png = Path(bundle) / "solorec.png" if bundle is not None else resource("solorec.png")
    icon_target = icon_dir / f"{APP_ID}.png"
    shutil.copyfile(png, icon_target)
    # The absolute path works even where the icon theme cache is not refreshed.
    target = apps / f"{APP_ID}.desktop"
    main_py = None if bundle is not None else ROOT / "main.py"
    target.write_text(desktop_file_text(python, main_py, str(icon_target)), encoding="utf-8")
    target.chmod(0o755)  # some file managers only launch executable .desktop files
    for command in (["update-desktop-database", str(apps)], ["gtk-update-icon-cache", "-q", "-t", str(data_home() / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return target


def uninstall() -> list[Path]:
    removed = []
    for path in (data_home() / "applications" / f"{APP_ID}.desktop", data_home() / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m solorec_gui.desktop_entry", description=__doc__.splitlines()[0])
    parser.add_argument("--uninstall", action="store_true", help="remove the launcher and icon")
    parser.add_argument("--python", help="interpreter the launcher runs (default: this one)")
    parser.add_argument("--bundle", type=Path, help="launch the standalone app in this folder (make bundle: dist/SoloRec)")
    args = parser.parse_args(argv)
    if sys.platform == "win32" or sys.platform == "darwin":
        print(
            "Desktop launchers are for Linux desktops. Start SoloRec by double-clicking main.py "
            "(Windows: open it with pythonw; macOS: run `.venv/bin/python main.py`).",
        )
        return 0
    if args.uninstall:
        for path in uninstall():
            print(f"removed {path}")
        return 0
    if args.bundle is not None and not (args.bundle / "SoloRec").is_file():
        parser.error(f"{args.bundle / 'SoloRec'} is missing: build it with `make bundle`")
    target = install(args.python, bundle=args.bundle)
    print(f"installed {target}: SoloRec is now in the desktop menu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
