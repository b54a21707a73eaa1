"""How long opening a rating file takes: ml-100k ``u.data`` and ml-latest-small ``ratings.csv``.

Two figures per file and per code base, measured in one run with the code bases
alternating (the machine's noise falls on both alike):

* **cold**: a fresh ``python -c`` that imports ``solorec_gui.core.data`` and
  reads the file once, timed from inside the process (imports included: pandas
  is imported on the first large file, so this is what the CLI pays).
* **warm**: median of several reads in one process after a first read (what
  the window pays for the second file it opens).

    .venv/bin/python bench/open_times.py                       # this checkout
    .venv/bin/python bench/open_times.py --before /tmp/before  # and an older copy of solorec_gui

``--before`` names a folder holding an older ``solorec_gui`` package (e.g.
``git archive <commit> solorec_gui | tar -x -C /tmp/before``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
FILES = {
    "ml-100k u.data": DATASETS / "ml-100k" / "u.data",
    "ml-latest-small ratings.csv": DATASETS / "ml-latest-small" / "ratings.csv",
}

_PROBE = """
import json, statistics, sys, time
t0 = time.perf_counter()
from solorec_gui.core.data import read_ratings
m = read_ratings(sys.argv[1])
cold = time.perf_counter() - t0
warm = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    read_ratings(sys.argv[1])
    warm.append(time.perf_counter() - t)
print(json.dumps({"cold": cold, "warm": statistics.median(warm) if warm else None, "shape": list(m.shape),
                  "n_known": m.n_known, "pandas": "pandas" in sys.modules}))
"""


def probe(root: Path, path: Path, warm_runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path), str(warm_runs)], env=env, cwd=root,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, default=None, help="folder holding an older solorec_gui to compare")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per file and code base (default 5)")
    parser.add_argument("--warm", type=int, default=5, help="reads per process after the first (default 5)")
    args = parser.parse_args()
    roots = {"after": ROOT} | ({"before": args.before} if args.before else {})
    print(f"machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    print(f"load average (1 min) at start: {os.getloadavg()[0]:.2f}")
    for label, path in FILES.items():
        if not path.exists():
            print(f"{label}: not found under {DATASETS}; skipped")
            continue
        results: dict[str, list[dict]] = {name: [] for name in roots}
        for _ in range(args.runs):
            for name, root in roots.items():
                results[name].append(probe(root, path, args.warm))
        for name, runs in results.items():
            cold = statistics.median(r["cold"] for r in runs)
            warm = statistics.median(r["warm"] for r in runs)
            first = runs[0]
            print(f"{label:<28} {name:<6} cold {cold:6.3f} s   warm {warm:6.3f} s   "
                  f"{first['shape'][0]}×{first['shape'][1]}, {first['n_known']} ratings, pandas loaded: {first['pandas']}")
    print(f"load average (1 min) at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
