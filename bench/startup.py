"""Launch-to-window time of the desktop app (a benchmark, not a test).

Runs ``main.py --startup-probe`` several times in fresh processes: the app
shows its window on the bundled dataset, reports the moment the window is up
(after the first event-loop turn) and whether torch was imported, and quits.
The figure is wall time from just before the process is spawned to that
moment, i.e. what a user waits after double-clicking. Target: < 1.5 s, torch
not imported (it is loaded by the first training, in the worker thread).

    .venv/bin/python bench/startup.py [--runs 7] [--platform offscreen|xcb]

Settings are isolated in a temporary folder so the run does not depend on
(or change) the user's last file.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(platform_name: str, config_home: str) -> tuple[float, bool]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform_name, XDG_CONFIG_HOME=config_home)
    started = time.time()
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--startup-probe"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("startup_seconds=")), None)
    if line is None:
        raise SystemExit(f"the probe printed no timing:\n{out.stdout}\n{out.stderr}")
    fields = dict(part.split("=", 1) for part in line.split())
    return float(fields["shown_at"]) - started, fields["torch_imported"] == "True"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "offscreen"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as config_home:
        one_run(args.platform, config_home)  # warm the OS file cache, as a second launch would be
        results = [one_run(args.platform, config_home) for _ in range(args.runs)]
    times = [t for t, _ in results]
    torch_loaded = any(flag for _, flag in results)
    print(f"machine: {platform.node()} · {os.cpu_count()} cores · {platform.platform()} · Python {platform.python_version()}")
    try:
        print(f"load average (1 min): {os.getloadavg()[0]:.2f}")
    except OSError:
        pass
    print(f"platform plugin: {args.platform}; runs: {args.runs}")
    print(f"launch-to-window: median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s")
    print(f"torch imported before the window showed: {'YES (regression)' if torch_loaded else 'no'}")
    ok = statistics.median(times) < 1.5 and not torch_loaded
    print("target < 1.5 s without torch:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
