#!/usr/bin/env python3
"""Pack ``dist/SoloRec/`` into ``dist/SoloRec-<version>-<os>-<arch>.tar.gz``: ``make bundle-archive``.

Unpacked anywhere, ``SoloRec/SoloRec`` starts the app; ``SoloRec/install-desktop.sh`` puts it in the
desktop menu. Permissions and symbolic links are kept; owners are not recorded. On macOS the archive
holds ``SoloRec.app``; on Windows it is a ``.zip`` (``--format`` chooses).
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "SoloRec"


def archive_name(version: str, fmt: str) -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{NAME}-{version}-{system}-{machine}.{fmt}"


def version() -> str:
    text = (ROOT / "solorec_gui" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--level", type=int, default=6, help="compression level (default 6)")
    parser.add_argument("--format", choices=("tar.gz", "zip"), default="zip" if sys.platform == "win32" else "tar.gz")
    args = parser.parse_args(argv)
    dist = Path(args.dist)
    folder = dist / f"{NAME}.app" if sys.platform == "darwin" and (dist / f"{NAME}.app").is_dir() else dist / NAME
    if not folder.is_dir():
        print(f"bundle-archive: {folder} is missing; run `make bundle` first", file=sys.stderr)
        return 2
    target = dist / archive_name(version(), args.format)
    partial = target.with_name(target.name + ".part")
    start = time.perf_counter()
    if args.format == "zip":
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=args.level) as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, Path(folder.name) / path.relative_to(folder))
    else:
        with tarfile.open(partial, "w:gz", compresslevel=args.level) as tar:
            tar.add(folder, arcname=folder.name, filter=_anonymous)
    partial.replace(target)
    print(f"bundle-archive: {target} ({target.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
