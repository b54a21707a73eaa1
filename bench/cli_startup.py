"""``solorec-cli complete solo.csv`` against a bare ``import torch``: the CLI's own overhead.

Target: the whole command (start, read, train the lecture's MF for 100 epochs, write)
takes at most 1.3× ``python -c "import torch"``. Both run as fresh processes, one of
each in turn (the machine's noise falls on both alike), and the medians are compared.

    .venv/bin/python bench/cli_startup.py [--runs 9] [--before /tmp/before]

``--before`` names a folder holding an older ``solorec_gui`` (e.g. ``git archive <commit>
solorec_gui resources | tar -x -C /tmp/before``) to time as well. The ``uptime`` load is
printed before and after: on a busy machine the ratio is what to read, not the seconds.
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


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, check=False, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} (in {cwd}) failed:\n{proc.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "completed.csv")
        solo = str(ROOT / "resources" / "solo.csv")
        # `python -m` from the tree's folder: its solorec_gui comes first on sys.path.
        complete = [sys.executable, "-m", "solorec_gui.cli", "complete", solo, "-o", out]
        cases = {"import torch": ([sys.executable, "-c", "import torch"], ROOT), "complete solo.csv": (complete, ROOT)}
        if args.before:
            cases["complete solo.csv (before)"] = (complete, args.before)
        for cmd, cwd in cases.values():  # warm the file cache once
            timed(cmd, cwd)
        load_before = os.getloadavg()
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, (cmd, cwd) in cases.items():
                times[name].append(timed(cmd, cwd))
        load_after = os.getloadavg()
    print(f"machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    print(f"uptime load average (1, 5, 15 min) before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; "
          f"after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    base = statistics.median(times["import torch"])
    for name, values in times.items():
        med = statistics.median(values)
        print(f"  {name:<28} median {med:6.2f} s  (min {min(values):.2f}, max {max(values):.2f})  "
              f"ratio to import torch {med / base:4.2f}")
    ratio = statistics.median(times["complete solo.csv"]) / base
    print(f"target: complete solo.csv ≤ 1.3 × import torch: {'met' if ratio <= 1.3 else 'NOT met'} ({ratio:.2f})")
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
