"""SoloRec's SVD++ against Surprise's SVDpp on MovieLens 100k fold u1, in one run.

    .venv/bin/python bench/svdpp_vs_surprise.py                 # u1.base → u1.test
    .venv/bin/python bench/svdpp_vs_surprise.py --repeat 3      # 3 fits each, interleaved; best times
    .venv/bin/python bench/svdpp_vs_surprise.py --validation    # the tuning split of u1.base (no test file)

SoloRec's ``svdpp`` (its defaults) is trained with :func:`solorec_gui.core.fit.fit` on
``u1.base``; Surprise's ``SVDpp()`` (its defaults: 20 factors, 20 epochs of SGD; install with
``.venv/bin/pip install -e '.[bench]'``) on the same file. Both are scored on ``u1.test``
(RMSE over all 20,000 test ratings; users or items only in the test file are cold: SoloRec predicts
them from the biases, Surprise from its own fallback). Fit seconds are wall clock (and this process's
CPU time) of the fit call alone, file reading excluded; both fits run in this one process one after
the other, so their ratio is measured under the same machine load. The load average is printed.

``--validation`` reruns how the defaults were chosen: 10 % of ``u1.base`` held out (numpy
``default_rng(0)`` permutation of the known cells, row by row), trained on the rest, for a few seeds,
next to the same recipe without the implicit term, ``mf-large`` and Surprise's SVDpp. The test file is
never read in that mode.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from solorec_gui.core.data import RatingMatrix, read_ratings  # noqa: E402
from solorec_gui.core.fit import fit  # noqa: E402
from solorec_gui.core.models import TrainSpec, model_class  # noqa: E402

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
MODEL = "svdpp"


def load_fold(base_path: Path, test_path: Path):
    """(training matrix over the labels of both files, test rows, test cols, test ratings)."""
    base = read_ratings(base_path, format="long")
    test = read_ratings(test_path, format="long")
    try:
        from solorec_gui.core.eval import align_test

        combined, test_mask = align_test(base, test)
    except ImportError:  # the evaluation package is being reworked: put the test labels on the grid here
        combined, test_mask = _align(base, test), None
    u_pos = {u: j for j, u in enumerate(combined.users)}
    i_pos = {i: j for j, i in enumerate(combined.items)}
    tr, tc, tv = test.known_cells()
    rows = np.array([u_pos[test.users[r]] for r in tr], dtype=np.int64)
    cols = np.array([i_pos[test.items[c]] for c in tc], dtype=np.int64)
    if test_mask is not None:
        assert int(test_mask.sum()) == len(tv) and test_mask[rows, cols].all()
    assert not combined.known_mask[rows, cols].any(), "a test rating is also a training rating"
    return combined, rows, cols, tv


def _align(base: RatingMatrix, test: RatingMatrix) -> RatingMatrix:
    known_u, known_i = set(base.users), set(base.items)
    users = list(base.users) + [u for u in test.users if u not in known_u]
    items = list(base.items) + [i for i in test.items if i not in known_i]
    values = np.full((len(users), len(items)), np.nan)
    values[: base.n_users, : base.n_items] = base.values
    return RatingMatrix(users, items, values, base.scale)


def rmse(pred, truth) -> float:
    return float(np.sqrt(np.mean((np.asarray(pred, float) - np.asarray(truth, float)) ** 2)))


def run_solorec(matrix, rows, cols, truth, **params) -> dict:
    spec = TrainSpec(MODEL, model_class(MODEL).Params().replace(**params) if params else None)
    wall, cpu = time.perf_counter(), time.process_time()
    result = fit(matrix, spec)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    pred = result.model.predict_cells(rows, cols)
    cold = result.model.cold_users[rows] | result.model.cold_items[cols]
    return dict(rmse=rmse(pred, truth), fit=wall, cpu=cpu, cold=int(cold.sum()), n=len(truth))


def surprise_fold(base_path: Path, test_path: Path):
    from surprise import Dataset, Reader
    from surprise.model_selection import PredefinedKFold

    reader = Reader(line_format="user item rating timestamp", sep="\t", rating_scale=(1, 5))
    data = Dataset.load_from_folds([(str(base_path), str(test_path))], reader=reader)
    return next(PredefinedKFold().split(data))


def run_surprise(trainset, testset) -> dict:
    from surprise import SVDpp

    algo = SVDpp()
    wall, cpu = time.perf_counter(), time.process_time()
    algo.fit(trainset)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    preds = algo.test(testset)
    def known(to_inner, raw) -> bool:
        try:
            to_inner(raw)
        except ValueError:
            return False
        return True

    cold = sum(1 for u, i, _ in testset if not (known(trainset.to_inner_uid, u) and known(trainset.to_inner_iid, i)))
    return dict(rmse=rmse([p.est for p in preds], [p.r_ui for p in preds]), fit=wall, cpu=cpu, cold=cold, n=len(preds))


def load_note() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average: unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def test_fold(args) -> None:
    base_path, test_path = args.data / "u1.base", args.data / "u1.test"
    matrix, rows, cols, truth = load_fold(base_path, test_path)
    trainset, testset = surprise_fold(base_path, test_path)
    print(f"ml-100k u1: {matrix.n_known} training ratings, {len(truth)} test ratings; {load_note()}")
    ours, theirs = [], []
    for _ in range(args.repeat):  # interleaved, so both see the same load
        ours.append(run_solorec(matrix, rows, cols, truth))
        theirs.append(run_surprise(trainset, testset))
    best = lambda runs, key: min(r[key] for r in runs)  # noqa: E731
    name = model_class(MODEL).display_name
    print()
    print(f"{'model':<28} {'RMSE':>7} {'fit s':>7} {'cpu s':>7} {'cold test cells':>16}")
    for label, runs in ((f"SoloRec {name}", ours), ("Surprise SVDpp()", theirs)):
        rm = ", ".join(f"{r['rmse']:.4f}" for r in runs)
        print(f"{label:<28} {runs[0]['rmse']:>7.4f} {best(runs, 'fit'):>7.2f} {best(runs, 'cpu'):>7.2f} "
              f"{runs[0]['cold']:>16}" + (f"   (RMSE of each run: {rm})" if len(runs) > 1 else ""))
    print()
    print(f"fit time SoloRec / Surprise: {best(ours, 'fit') / best(theirs, 'fit'):.2f} (wall), "
          f"{best(ours, 'cpu') / best(theirs, 'cpu'):.2f} (CPU)"
          + (f"; best of {args.repeat} each" if args.repeat > 1 else ""))
    print(f"SoloRec settings: {TrainSpec(MODEL).summary()}")
    print(load_note())


def validation(args) -> None:
    base = read_ratings(args.data / "u1.base", format="long")
    rows, cols, _ = base.known_cells()
    order = np.random.default_rng(0).permutation(len(rows))
    n_valid = len(rows) // 10
    valid = np.zeros(base.shape, bool)
    valid[rows[order[:n_valid]], cols[order[:n_valid]]] = True
    train = base.known_mask & ~valid
    print(f"u1.base: {int(train.sum())} training, {int(valid.sum())} validation ratings; {load_note()}")

    def val_rmse(spec) -> tuple[float, float]:
        started = time.perf_counter()
        result = fit(base, spec, train_mask=train, valid_mask=valid)
        return float(np.sqrt(result.val_history[-1])), time.perf_counter() - started

    params = model_class(MODEL).Params()
    runs = [(f"{MODEL} defaults, seed {s}", TrainSpec(MODEL, params.replace(seed=s))) for s in (params.seed, 1, 2, 3)]
    runs.append((f"{MODEL} without implicit term", TrainSpec(MODEL, params.replace(implicit_reg=1000.0))))
    runs.append(("mf-large defaults", TrainSpec("mf-large")))
    for label, spec in runs:
        value, seconds = val_rmse(spec)
        print(f"  {label:<34} RMSE {value:.4f}  ({seconds:.1f} s)", flush=True)
    try:
        import pandas as pd
        from surprise import Dataset, Reader, SVDpp
    except ImportError:
        return
    vr, vc, vv = base.known_cells(valid)
    tr, tc, tv = base.known_cells(train)
    frame = pd.DataFrame({"u": np.asarray(base.users)[tr], "i": np.asarray(base.items)[tc], "r": tv})
    trainset = Dataset.load_from_df(frame, Reader(rating_scale=(1, 5))).build_full_trainset()
    started = time.perf_counter()
    algo = SVDpp(random_state=0).fit(trainset)
    seconds = time.perf_counter() - started
    pred = [algo.predict(base.users[r], base.items[c]).est for r, c in zip(vr, vc)]
    print(f"  {'Surprise SVDpp(random_state=0)':<34} RMSE {rmse(pred, vv):.4f}  ({seconds:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATASETS / "ml-100k", help="folder with u1.base and u1.test")
    ap.add_argument("--repeat", type=int, default=1, help="fits of each model, interleaved (best time reported)")
    ap.add_argument("--validation", action="store_true", help="score on the tuning split of u1.base instead")
    args = ap.parse_args()
    validation(args) if args.validation else test_fold(args)


if __name__ == "__main__":
    main()
