"""How the ``blend`` model's weights were learned: a least-squares stack on a validation slice.

    .venv/bin/python bench/tune_blend.py                        # ml-100k u1.base, 10 % held out
    .venv/bin/python bench/tune_blend.py --base u2.base         # another training file
    .venv/bin/python bench/tune_blend.py --file ratings.csv     # any rating file (e.g. a fold's training file)

Only a *training* file is read (never a test file): ``--frac`` of its known ratings (numpy
``default_rng(--seed)`` permutation of the known cells, row by row) are held out as the validation slice,
``blend`` is trained on the rest with its defaults (or ``--set name=value`` changes), and each part's
predictions of the held-out ratings are regressed on the ratings with an offset (ordinary least squares).
Printed: each part's validation RMSE and fit seconds, the blend's RMSE with its current weights, the learned
weights and offset, and the RMSE those reach in a two-fold cross-fit on the slice (weights learned on one
half, scored on the other), so the learned figure is not flattered by fitting and scoring the same ratings.
The defaults in ``core/models/blend.py`` are this script's output for ml-100k ``u1.base``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from solorec_gui.core.data import read_ratings  # noqa: E402
from solorec_gui.core.fit import fit  # noqa: E402
from solorec_gui.core.models import TrainSpec, model_class  # noqa: E402

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))


def validation_slice(matrix, frac: float, seed: int, users: float = 1.0):
    """(train mask, validation rows, cols, ratings): ``frac`` of the known cells, drawn with ``seed``.

    ``users`` < 1: the cells are drawn from that share of the users only (``frac / users`` of each chosen
    user's ratings), as in ml-100k's u1 split, whose test ratings belong to 459 of the 943 users."""
    r, c, v = matrix.known_cells()
    rng = np.random.default_rng(seed)
    if users < 1.0:
        chosen = rng.random(matrix.n_users) < users
        pool = np.nonzero(chosen[r])[0]
        held = pool[rng.permutation(len(pool))[: int(round(frac * len(v)))]]
    else:
        held = rng.permutation(len(v))[: int(round(frac * len(v)))]
    valid = np.zeros(matrix.values.shape, dtype=bool)
    valid[r[held], c[held]] = True
    vr, vc = np.nonzero(valid)
    return matrix.known_mask & ~valid, vr, vc, matrix.values[vr, vc]


def cross_fitted(x: np.ndarray, truth: np.ndarray) -> tuple[np.ndarray, float]:
    """(coefficients, cross-fitted RMSE): OLS of truth on the columns of x, and the RMSE of the two-fold
    cross-fit (coefficients learned on one half of the rows, scored on the other)."""
    half = np.arange(len(truth)) % 2 == 0
    errors = []
    for fit_on, score_on in ((half, ~half), (~half, half)):
        w = np.linalg.lstsq(x[fit_on], truth[fit_on], rcond=None)[0]
        errors.append(x[score_on] @ w - truth[score_on])
    return np.linalg.lstsq(x, truth, rcond=None)[0], float(np.sqrt(np.mean(np.concatenate(errors) ** 2)))


def least_squares(preds: np.ndarray, truth: np.ndarray) -> tuple[np.ndarray, float, float]:
    """(weights, offset, cross-fitted RMSE): OLS of truth on the columns of preds plus a constant."""
    w, cv = cross_fitted(np.column_stack([preds, np.ones(len(truth))]), truth)
    return w[:-1], float(w[-1]), cv


def learn(matrix, frac=0.1, seed=0, model="blend", changes=None, verbose=True, save=None, users=1.0) -> dict:
    train, vr, vc, vv = validation_slice(matrix, frac, seed, users)
    cls = model_class(model)
    params = cls.Params()
    for key, value in (changes or {}).items():  # "w_svdpp" or "autorec.dim"
        part, _, name = key.rpartition(".")
        if part:
            params = params.replace(**{part: getattr(params, part).replace(**{name: value})})
        else:
            params = params.replace(**{name: value})
    t0 = time.perf_counter()
    result = fit(matrix, TrainSpec(model, params), train_mask=train)
    total = time.perf_counter() - t0
    blend = result.model
    preds = np.column_stack([part.predict_cells(vr, vc) for part in blend.parts])
    rmse = lambda p: float(np.sqrt(np.mean((p - vv) ** 2)))  # noqa: E731
    weights, offset, cv = least_squares(preds, vv)
    import torch

    design = blend._design(torch.as_tensor(vr), torch.as_tensor(vc), [torch.as_tensor(p) for p in preds.T]).numpy()
    coef, design_cv = cross_fitted(design, vv)
    out = dict(parts=[f for f, _ in cls.parts_spec], part_rmse=[rmse(preds[:, k]) for k in range(preds.shape[1])],
               blend_rmse=rmse(blend.predict_cells(vr, vc)), weights=weights.tolist(), offset=offset, cv_rmse=cv,
               fit_s=total, n_valid=len(vv), coef=coef.tolist(), design_cv=design_cv)
    if save:
        counts_u = np.bincount(np.nonzero(train)[0], minlength=matrix.n_users)
        counts_i = np.bincount(np.nonzero(train)[1], minlength=matrix.n_items)
        np.savez(save, preds=preds, truth=vv, n_u=counts_u[vr], n_i=counts_i[vc], mean=float(matrix.values[train].mean()))
    if verbose:
        for name, r in zip(out["parts"], out["part_rmse"]):
            print(f"  {name:10s} validation RMSE {r:.4f}")
        print(f"  blend with its current weights {out['blend_rmse']:.4f} (fit {total:.1f} s, load {os.getloadavg()[0]:.1f})")
        print("  learned: " + ", ".join(f"w_{n} {w:.4f}" for n, w in zip(out["parts"], weights)) + f", offset {offset:.4f}")
        print(f"  learned weights, cross-fitted on the slice: RMSE {cv:.4f} ({len(vv)} validation ratings)")
        if design.shape[1] != preds.shape[1] + 1:  # the model's own (count-aware) design
            rows = coef.reshape(preds.shape[1] + 1, -1)
            print(f"  the model's own weights ({design.shape[1]} coefficients), cross-fitted: RMSE {design_cv:.4f}")
            print("  as a table (one row per part, then the offset):")
            for row in rows:
                print("    (" + ", ".join(f"{v:.5f}" for v in row) + "),")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="u1.base", help="a training file of ml-100k (default u1.base)")
    ap.add_argument("--file", help="any rating file instead (long or wide)")
    ap.add_argument("--frac", type=float, default=0.1, help="share of the known ratings held out (default 0.1)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--users", type=float, default=1.0,
                    help="draw the held-out ratings from this share of the users only (default 1: all users)")
    ap.add_argument("--model", default="blend", help="a blend model (default blend)")
    ap.add_argument("--save", help="write the parts' validation predictions to this .npz")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="change a setting of the blend or of a part, e.g. --set w_svdpp=0.3 --set autorec.dim=400")
    args = ap.parse_args(argv)
    path = Path(args.file) if args.file else DATASETS / "ml-100k" / args.base
    if "test" in path.name:
        ap.error("tune on a training file, never on a test file")
    matrix = read_ratings(path)
    changes = {}
    for item in args.set:
        k, v = item.split("=", 1)
        changes[k] = float(v) if "." in v or "e" in v else int(v)
    print(f"# {path} ({matrix.n_known} ratings, scale {matrix.scale}), {args.frac:.0%} held out, seed {args.seed}")
    learn(matrix, args.frac, args.seed, args.model, changes, save=args.save, users=args.users)
    return 0


if __name__ == "__main__":
    sys.exit(main())
