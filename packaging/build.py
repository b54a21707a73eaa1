#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller and report time and size: ``make bundle``.

``python packaging/build.py`` runs ``PyInstaller packaging/solorec.spec`` from the project root, writing
``dist/SoloRec/`` (``build/pyinstaller/`` holds the freezer's cache), then prints the build time, the
folder's size and its largest parts. ``--clean`` empties the freezer's cache first (a fresh clone's
first build). ``SOLOREC_BUNDLE_TRIM=0`` builds without trimming, for comparison.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "SoloRec"


def tree_size(path: Path) -> int:
    """Bytes in the files under ``path`` (symbolic links counted once, as links)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(dirpath, name)).st_size
    return total


def largest_parts(folder: Path, depth: int = 2, top: int = 12) -> list[tuple[int, str]]:
    inner = folder / "_internal" if (folder / "_internal").is_dir() else folder
    parts = []
    for first in inner.iterdir():
        if first.is_dir() and depth > 1:
            for second in first.iterdir():
                size = tree_size(second) if second.is_dir() else second.lstat().st_size
                parts.append((size, f"{first.name}/{second.name}"))
        else:
            parts.append((tree_size(first) if first.is_dir() else first.lstat().st_size, first.name))
    return sorted(parts, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty the freezer's cache first")
    parser.add_argument("--distpath", default=str(ROOT / "dist"))
    parser.add_argument("--workpath", default=str(ROOT / "build" / "pyinstaller"))
    args = parser.parse_args(argv)
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", args.distpath, "--workpath", args.workpath, str(ROOT / "packaging" / "solorec.spec"),
    ]
    if args.clean:
        command.insert(3, "--clean")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(f"bundle: PyInstaller failed (exit {result.returncode}) after {seconds:.0f} s", file=sys.stderr)
        return result.returncode
    folder = Path(args.distpath) / NAME
    size = tree_size(folder)
    print(f"bundle: {folder} built in {seconds:.0f} s, {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB)")
    for part_size, part in largest_parts(folder):
        print(f"  {part_size / 1e6:8.1f} MB  {part}")
    exe = folder / (NAME + ".exe" if sys.platform == "win32" else NAME)
    print(f"bundle: run {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
