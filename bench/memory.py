"""Peak memory (RSS) of the engine on MovieLens: load, train, complete.

    .venv/bin/python bench/memory.py                       # ml-latest-small and ml-100k
    .venv/bin/python bench/memory.py --dataset ml-latest-small --model mf-large

Each dataset runs in a fresh subprocess (peak RSS is per process), with the
model ``recommended_spec`` picks for it ('auto') unless ``--model`` says
otherwise. Peak RSS is ``getrusage(RUSAGE_SELF).ru_maxrss`` after each stage;
it includes the Python interpreter, numpy and torch themselves (measured
alone: the "import" row). The window's own figure (Qt, the grid) is measured by
the window's bench; this is the engine's share of the 1.5 GB budget.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
FILES = {"ml-latest-small": DATASETS / "ml-latest-small" / "ratings.csv", "ml-100k": DATASETS / "ml-100k" / "u.data"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def child(dataset: str, model: str | None) -> dict:
    sys.path.insert(0, str(ROOT))
    stages = []
    t0 = time.perf_counter()
    import numpy as np
    import torch  # noqa: F401

    from solorec_gui.core.catalog import recommended_spec
    from solorec_gui.core.data import read_ratings
    from solorec_gui.core.fit import complete, fit
    from solorec_gui.core.models import TrainSpec

    stages.append(("import", peak_mb(), time.perf_counter() - t0))
    t = time.perf_counter()
    matrix = read_ratings(FILES[dataset])
    stages.append(("load", peak_mb(), time.perf_counter() - t))
    spec = TrainSpec(model).validate() if model else recommended_spec(matrix)
    t = time.perf_counter()
    result = fit(matrix, spec)
    stages.append(("train", peak_mb(), time.perf_counter() - t))
    t = time.perf_counter()
    done = complete(matrix, result.predict_matrix())
    assert np.isfinite(done).all()
    stages.append(("complete", peak_mb(), time.perf_counter() - t))
    return {
        "dataset": dataset,
        "shape": list(matrix.shape),
        "ratings": matrix.n_known,
        "model": spec.model,
        "stages": [{"stage": s, "peak_rss_mb": round(m, 1), "seconds": round(sec, 2)} for s, m, sec in stages],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", choices=list(FILES), action="append")
    ap.add_argument("--model", help="model name, with its defaults (default: what recommended_spec picks)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    datasets = args.dataset or list(FILES)
    if args.child:
        print(json.dumps(child(datasets[0], args.model)))
        return 0
    for ds in datasets:
        if not FILES[ds].exists():
            print(f"{ds}: {FILES[ds]} not found (set SOLOREC_DATASETS)", file=sys.stderr)
            continue
        cmd = [sys.executable, __file__, "--child", "--dataset", ds] + (["--model", args.model] if args.model else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{ds}: {r['shape'][0]} × {r['shape'][1]}, {r['ratings']} ratings, model {r['model']}")
        for s in r["stages"]:
            print(f"  after {s['stage']:9s} peak RSS {s['peak_rss_mb']:7.1f} MB   ({s['seconds']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
