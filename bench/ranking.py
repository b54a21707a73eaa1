"""Top-N ranking on ml-100k's canonical folds: popularity, the default rating model, EASE.

K = 10, relevant = a test rating ≥ 4, the protocol of ``core/eval/ranking.py``. One run, this machine.

    .venv/bin/python bench/ranking.py [--folds 1] [--k 10]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from solorec_gui.core.catalog import recommended_model
from solorec_gui.core.data import read_ratings
from solorec_gui.core.eval.ranking import evaluate_ranking

ML = "/work/shared/datasets/ml-100k"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--models", default="popularity,auto,ease")
    args = ap.parse_args()
    rows = {}
    for f in range(1, args.folds + 1):
        base = read_ratings(f"{ML}/u{f}.base", scale=(1, 5))
        test = read_ratings(f"{ML}/u{f}.test", scale=(1, 5))
        for name in args.models.split(","):
            model = recommended_model(base) if name == "auto" else name
            t = time.perf_counter()
            r = evaluate_ranking(base, model, test=test, k=args.k)
            rows.setdefault(f"{name} ({model})" if name == "auto" else name, []).append(
                (r.ndcg, r.precision, r.recall, r.map, r.hit_rate, r.coverage, time.perf_counter() - t))
            print(f"u{f} {name:<12} NDCG@{args.k} {r.ndcg:.4f} P@{args.k} {r.precision:.4f}", flush=True)
    print(f"\n| model | NDCG@{args.k} | P@{args.k} | R@{args.k} | MAP | hit rate | coverage | s/fold | folds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, vals in rows.items():
        v = np.mean(np.array(vals), axis=0)
        print(f"| {name} | {v[0]:.4f} | {v[1]:.4f} | {v[2]:.4f} | {v[3]:.4f} | {v[4]:.3f} | {v[5]:.3f} | {v[6]:.1f} | "
              f"{len(vals)} |")


if __name__ == "__main__":
    main()
