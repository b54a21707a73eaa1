#!/usr/bin/env python3
"""Pack ``dist/SoloRec/`` into ``dist/SoloRec-<version>-<os>-<arch>.tar.gz``: ``make bundle-archive``.

Unpacked anywhere, ``SoloRec/SoloRec`` starts the app; ``SoloRec/install-desktop.sh`` puts it in the
desktop menu. Permissions and symbolic links are kept; owners are not recorded.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "SoloRec"


def archive_name(version: str) -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{NAME}-{version}-{system}-{machine}.tar.gz"


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
    parser.add_argument("--level", type=int, default=6, help="gzip level (default 6)")
    args = parser.parse_args(argv)
    dist = Path(args.dist)
    folder = dist / NAME
    if not folder.is_dir():
        print(f"bundle-archive: {folder} is missing; run `make bundle` first", file=sys.stderr)
        return 2
    target = dist / archive_name(version())
    partial = target.with_name(target.name + ".part")
    start = time.perf_counter()
    with tarfile.open(partial, "w:gz", compresslevel=args.level) as tar:
        tar.add(folder, arcname=NAME, filter=_anonymous)
    partial.replace(target)
    print(f"bundle-archive: {target} ({target.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
