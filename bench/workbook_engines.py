"""Which engine reads a workbook fastest through ``pandas.read_excel``: calamine or openpyxl.

Builds (once, in a temporary folder) ml-100k as a long-layout .xlsx (100,000 ratings, 4 columns)
and reads it with each engine in fresh processes, alternating, as SoloRec reads a sheet
(``header=None, dtype=object, na_filter=False``). Also times the .ods copy with calamine and odf
when ``--ods`` is given (odfpy is slow to write: ~1 min to build the file).

    .venv/bin/python bench/workbook_engines.py [--runs 3] [--ods]

Then times SoloRec's own .xlsx export of the completed ml-100k matrix (943 × 1682 = 1.6 M cells,
1.5 M of them predicted and styled; openpyxl write-only) against the CSV export.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))

_PROBE = """
import json, sys, time
t0 = time.perf_counter()
import pandas as pd
t1 = time.perf_counter()
df = pd.read_excel(sys.argv[1], header=None, dtype=object, na_filter=False, engine=sys.argv[2])
t2 = time.perf_counter()
print(json.dumps({"read": t2 - t1, "import": t1 - t0, "rows": len(df)}))
"""


def build(folder: Path, ods: bool) -> dict[str, Path]:
    import pandas as pd

    df = pd.read_csv(DATASETS / "ml-100k" / "u.data", sep="\t", header=None, names=["user", "item", "rating", "timestamp"])
    files = {"xlsx": folder / "ml100k_long.xlsx"}
    df.to_excel(files["xlsx"], index=False, engine="openpyxl")
    if ods:
        files["ods"] = folder / "ml100k_long.ods"
        df.to_excel(files["ods"], index=False, engine="odf")
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ods", action="store_true")
    args = parser.parse_args()
    print(f"load average (1 min) at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        files = build(Path(tmp), args.ods)
        cases = [("xlsx", "calamine"), ("xlsx", "openpyxl")] + ([("ods", "calamine"), ("ods", "odf")] if args.ods else [])
        times: dict[tuple[str, str], list[float]] = {c: [] for c in cases}
        for _ in range(args.runs):
            for kind, engine in cases:
                out = subprocess.run([sys.executable, "-c", _PROBE, str(files[kind]), engine],
                                     capture_output=True, text=True, check=True)
                result = json.loads(out.stdout)
                assert result["rows"] == 100_001, result
                times[(kind, engine)].append(result["read"])
        for (kind, engine), values in times.items():
            print(f"ml-100k long .{kind} (100,000 ratings) read_excel engine={engine:<9} "
                  f"median {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import time

    import numpy as np

    from solorec_gui.core.data import export_completed, read_ratings

    matrix = read_ratings(DATASETS / "ml-100k" / "u.data")
    predictions = np.random.default_rng(0).uniform(1, 5, matrix.shape)
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in ("xlsx", "csv"):
            started = time.perf_counter()
            export_completed(matrix, predictions, Path(tmp) / f"completed.{suffix}")
            print(f"export of the completed ml-100k matrix as .{suffix}: {time.perf_counter() - started:6.2f} s")
    print(f"load average (1 min) at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
