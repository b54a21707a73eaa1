"""Fold-in vs a full retrain on ml-100k (issue 12's quality bar).

Take ``--users`` users (seeded) of ml-100k ``u.data``. Train the default model (``auto``) on everyone
else; fold each chosen user in from 80 % of her ratings; predict her other 20 %. Compare with a full
retrain on everyone's ratings minus those 20 %. Reports both RMSEs, their ratio, and the times (fold-in
vs retrain) measured in this one run.

    .venv/bin/python bench/foldin.py [--users 50] [--model auto] [--data PATH]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from solorec_gui.core.catalog import recommended_model
from solorec_gui.core.data import RatingMatrix, read_ratings
from solorec_gui.core.fit import fit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/datasets/ml-100k/u.data")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--model", default="auto")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    m = read_ratings(args.data, scale=(1, 5))
    name = recommended_model(m) if args.model == "auto" else args.model
    rng = np.random.default_rng(args.seed)
    chosen = np.sort(rng.choice(m.n_users, args.users, replace=False))
    rest = np.setdiff1d(np.arange(m.n_users), chosen)
    held = np.zeros(m.shape, bool)
    part: dict[int, np.ndarray] = {}
    for u in chosen:
        items = np.nonzero(m.known_mask[u])[0]
        rng.shuffle(items)
        cut = int(round(0.8 * len(items)))
        part[int(u)] = np.sort(items[:cut])
        held[u, items[cut:]] = True
    rows, cols = np.nonzero(held)
    truth = m.values[rows, cols]

    t = time.perf_counter()
    retrain = fit(m, name, train_mask=m.known_mask & ~held)
    retrain_s = time.perf_counter() - t
    rmse_retrain = float(np.sqrt(np.mean((retrain.model.predict_cells(rows, cols) - truth) ** 2)))

    others = RatingMatrix([m.users[u] for u in rest], m.items, m.values[rest], m.scale)
    base = fit(others, name)
    t = time.perf_counter()
    new = base.model.fold_in("users", [(part[int(u)], m.values[u, part[int(u)]]) for u in chosen])
    fold_s = time.perf_counter() - t
    pos = {int(u): int(n) for u, n in zip(chosen, new)}
    pred = base.model.predict_cells(np.array([pos[int(r)] for r in rows]), cols)
    rmse_fold = float(np.sqrt(np.mean((pred - truth) ** 2)))
    print(f"model {name}; {args.users} users folded in from 80 % of their ratings, {len(truth)} held-out ratings")
    print(f"{'':<28}{'RMSE':>8}{'seconds':>10}")
    print(f"{'full retrain':<28}{rmse_retrain:>8.4f}{retrain_s:>10.2f}")
    print(f"{'fold-in (model without them)':<28}{rmse_fold:>8.4f}{fold_s:>10.2f}")
    print(f"ratio RMSE {rmse_fold / rmse_retrain:.3f} (goal ≤ 1.03); time {fold_s / retrain_s:.3f} of a retrain")


if __name__ == "__main__":
    main()
