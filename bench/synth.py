"""MovieLens-25M-shaped rating data from a known model, with its exact Bayes-optimal RMSE floor.

The real ML-25M cannot be downloaded here, so this draws data of its shape: 162,541 users × 59,047 items and
~25 M ratings on half stars (0.5–5), with heavy-tailed user activity and item popularity (log-normal
weights, as in MovieLens where a few users rate thousands of movies and most rate ~20–100), from a known
low-rank model plus noise:

    s_ui = μ + b_u + b_i + p_u · q_i          (rank ``--rank``)
    r_ui = clip(round_half(s_ui + ε)),  ε ~ N(0, σ²)

Because the model is known, the best any predictor can do is known exactly: the Bayes-optimal prediction
under squared error is E[r_ui | s_ui], a finite sum over the ten half-star levels with normal CDF weights
(the rounding and the clipping included), and the floor is the RMSE of that oracle,
sqrt(mean Var[r_ui | s_ui]) over the test cells. ``--scale`` shrinks the shape (1 M, 10 M, 25 M ratings).

    .venv/bin/python bench/synth.py --ratings 1000000 --out /tmp/synth1m     # writes train.csv, test.csv, floor.json

Files are long CSV (user,item,rating) that ``solorec-cli evaluate train.csv --test test.csv`` reads; 10 % of
each user's ratings (at least one; ``--test-frac``) go to the test file.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

import numpy as np

#: ML-25M's shape.
USERS_25M, ITEMS_25M, RATINGS_25M = 162_541, 59_047, 25_000_095
LEVELS = np.arange(0.5, 5.01, 0.5)


def _phi(x: np.ndarray) -> np.ndarray:
    """Standard normal CDF (vectorised, no scipy)."""
    return 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))


def _erf(x: np.ndarray) -> np.ndarray:
    """erf with max error 1.2e-7 (Numerical Recipes' erfc approximation)."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0)


def level_probabilities(s: np.ndarray, sigma: float) -> np.ndarray:
    """P(r = level | s) for each half-star level: rounding to the nearest half, then clipping to 0.5–5.

    A level ℓ collects s + ε in [ℓ − 0.25, ℓ + 0.25); the lowest level also everything below, the highest
    everything above. Shape: len(s) × 10.
    """
    s = np.asarray(s, dtype=np.float64)[:, None]
    edges = (LEVELS[:-1] + 0.25)[None, :]  # the 9 inner boundaries
    cdf = _phi((edges - s) / sigma)  # P(s + ε < boundary)
    lower = np.concatenate([np.zeros((s.shape[0], 1)), cdf], axis=1)
    upper = np.concatenate([cdf, np.ones((s.shape[0], 1))], axis=1)
    return upper - lower


def bayes(s: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """(E[r | s], Var[r | s]) for the rounded, clipped rating."""
    p = level_probabilities(s, sigma)
    mean = p @ LEVELS
    var = p @ (LEVELS**2) - mean**2
    return mean, np.maximum(var, 0.0)


def draw(n_users: int, n_items: int, n_ratings: int, *, rank: int = 8, sigma: float = 0.8, seed: int = 0,
         chunk: int = 2_000_000):
    """Draw the data: returns (users, items, ratings, scores) for every rating, users/items int32."""
    rng = np.random.default_rng(seed)
    # Heavy-tailed activity and popularity.
    act = rng.lognormal(0.0, 1.1, n_users)
    pop = rng.lognormal(0.0, 1.6, n_items)
    per_user = np.maximum(1, np.round(act / act.sum() * n_ratings)).astype(np.int64)
    per_user = np.minimum(per_user, n_items)
    mu = 3.5
    bu = rng.normal(0, 0.35, n_users)
    bi = rng.normal(0, 0.45, n_items)
    p = rng.normal(0, 0.9 / math.sqrt(rank), (n_users, rank))
    q = rng.normal(0, 0.9 / math.sqrt(rank), (n_items, rank))
    item_p = pop / pop.sum()
    users_out, items_out = [], []
    # Each user's items without repeats: sample with popularity weights, drop duplicates, top up.
    for u0 in range(0, n_users, 20_000):
        u1 = min(n_users, u0 + 20_000)
        for u in range(u0, u1):
            k = int(per_user[u])
            picked = np.unique(rng.choice(n_items, size=min(n_items, int(k * 1.3) + 5), p=item_p))
            if len(picked) < k:
                rest = np.setdiff1d(np.arange(n_items), picked)
                picked = np.concatenate([picked, rng.choice(rest, k - len(picked), replace=False)])
            picked = rng.permutation(picked)[:k]
            users_out.append(np.full(k, u, dtype=np.int32))
            items_out.append(picked.astype(np.int32))
    users = np.concatenate(users_out)
    items = np.concatenate(items_out)
    scores = np.empty(len(users), dtype=np.float64)
    for s0 in range(0, len(users), chunk):
        s1 = min(len(users), s0 + chunk)
        uu, ii = users[s0:s1], items[s0:s1]
        scores[s0:s1] = mu + bu[uu] + bi[ii] + np.einsum("nk,nk->n", p[uu], q[ii])
    noisy = scores + rng.normal(0, sigma, len(scores))
    ratings = np.clip(np.round(noisy * 2) / 2, 0.5, 5.0).astype(np.float32)
    return users, items, ratings, scores


def split(users: np.ndarray, frac: float = 0.1, seed: int = 1) -> np.ndarray:
    """Boolean test mask: ``frac`` of each user's ratings, at least one when she has two or more."""
    rng = np.random.default_rng(seed)
    order = np.argsort(users, kind="stable")
    test = np.zeros(len(users), dtype=bool)
    starts = np.flatnonzero(np.r_[True, users[order][1:] != users[order][:-1]])
    ends = np.r_[starts[1:], len(users)]
    for a, b in zip(starts, ends):
        n = b - a
        if n < 2:
            continue
        k = max(1, int(round(frac * n)))
        test[order[a + rng.choice(n, k, replace=False)]] = True
    return test


def floor_rmse(scores: np.ndarray, sigma: float) -> float:
    """The exact Bayes-optimal RMSE on cells with these true scores: sqrt(mean Var[r | s])."""
    total = 0.0
    for s0 in range(0, len(scores), 1_000_000):
        total += float(bayes(scores[s0 : s0 + 1_000_000], sigma)[1].sum())
    return math.sqrt(total / len(scores))


def write(path: Path, users, items, ratings) -> None:
    """user,item,rating lines (ids 1-based, as MovieLens), written in chunks."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("userId,movieId,rating\n")
        for s0 in range(0, len(users), 1_000_000):
            s1 = s0 + 1_000_000
            block = np.column_stack([users[s0:s1] + 1, items[s0:s1] + 1])
            lines = [f"{u},{i},{r:g}\n" for (u, i), r in zip(block.tolist(), ratings[s0:s1].tolist())]
            fh.write("".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ratings", type=int, default=1_000_000, help="how many ratings (25000095 = ML-25M)")
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--sigma", type=float, default=0.8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--test-frac", type=float, default=0.1,
                    help="share of each user's ratings in test.csv (0.02 leaves ML-25M's 24.5 M for training)")
    ap.add_argument("--out", required=True, help="folder for train.csv, test.csv, floor.json")
    args = ap.parse_args()
    f = args.ratings / RATINGS_25M
    n_users = max(50, int(round(USERS_25M * f)))
    n_items = max(50, int(round(ITEMS_25M * math.sqrt(f))))  # popularity keeps more items in a smaller sample
    t = time.perf_counter()
    users, items, ratings, scores = draw(n_users, n_items, args.ratings, rank=args.rank, sigma=args.sigma,
                                         seed=args.seed)
    test = split(users, args.test_frac)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write(out / "train.csv", users[~test], items[~test], ratings[~test])
    write(out / "test.csv", users[test], items[test], ratings[test])
    floor = floor_rmse(scores[test], args.sigma)
    info = dict(users=n_users, items=n_items, ratings=int(len(users)), test=int(test.sum()), test_frac=args.test_frac,
                rank=args.rank,
                sigma=args.sigma, seed=args.seed, floor_rmse=floor, seconds=round(time.perf_counter() - t, 1))
    (out / "floor.json").write_text(json.dumps(info, indent=1))
    print(json.dumps(info))


if __name__ == "__main__":
    main()
