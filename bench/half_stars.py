"""SoloRec against Surprise on ml-latest-small's half stars (0.5–5): 5 random folds, the same files for both.

    .venv/bin/python bench/half_stars.py                       # auto, Surprise SVD and SVD++, 5 folds
    .venv/bin/python bench/half_stars.py --folds 1             # quick
    .venv/bin/python bench/half_stars.py --models auto,blend,mf-large,svdpp,surprise-svd

The folds are written once (``--out``, default ``build/half-stars-folds``): the rows of
``ml-latest-small/ratings.csv`` shuffled with numpy ``default_rng(0)`` and cut into five equal parts;
fold k trains on the other four (``f{k}.train.csv``) and tests on part k (``f{k}.test.csv``), as
``userId,movieId,rating`` with a header. Both libraries read these same files: SoloRec with
``read_ratings`` (the test file aligned on the training file's grid; users or items only in the test file
are cold, predicted from the biases), Surprise with ``Dataset.load_from_folds`` and a 0.5–5 ``Reader``.
Fit seconds are wall clock (and CPU) of the fit call, all in this one process, so the ratios are measured
under the same load; the load average is printed on every line. SoloRec's ``auto`` is what
``--model auto`` picks for the fold's training file; every model runs with its defaults.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from movielens import _scores, machine  # noqa: E402

from solorec_gui.core.catalog import recommended_spec  # noqa: E402
from solorec_gui.core.data import read_ratings  # noqa: E402
from solorec_gui.core.eval import align_cells  # noqa: E402
from solorec_gui.core.fit import fit  # noqa: E402
from solorec_gui.core.models import TrainSpec  # noqa: E402

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
SURPRISE_MODELS = ("surprise-svd", "surprise-svdpp")


def write_folds(out: Path, k: int = 5, seed: int = 0) -> list[tuple[Path, Path]]:
    """Write the k folds once (kept when they exist) and return their (train, test) paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [(out / f"f{j}.train.csv", out / f"f{j}.test.csv") for j in range(1, k + 1)]
    if all(a.exists() and b.exists() for a, b in paths):
        return paths
    lines = (DATASETS / "ml-latest-small" / "ratings.csv").read_text().splitlines()
    header, rows = lines[0], lines[1:]
    order = np.random.default_rng(seed).permutation(len(rows))
    parts = np.array_split(order, k)
    head = ",".join(header.split(",")[:3])
    for j, (train_path, test_path) in enumerate(paths):
        test = set(parts[j].tolist())
        for path, keep in ((train_path, lambda n: n not in test), (test_path, lambda n: n in test)):
            body = [",".join(rows[n].split(",")[:3]) for n in range(len(rows)) if keep(n)]
            path.write_text(head + "\n" + "\n".join(body) + "\n")
    return paths


def fold_data(train_path: Path, test_path: Path):
    base, test = read_ratings(train_path), read_ratings(test_path)
    combined, (rows, cols, truth) = align_cells(base, test)
    return combined, rows, cols, truth


def run_solorec(name: str, combined, rows, cols, truth) -> dict:
    spec = recommended_spec(combined) if name == "auto" else TrainSpec(name)
    t0, c0 = time.perf_counter(), time.process_time()
    result = fit(combined, spec)
    fit_s, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = result.model.predict_cells(rows, cols)
    return _scores(pred, truth) | dict(fit_s=fit_s, fit_cpu=fit_cpu, model=spec.model)


def run_surprise(name: str, train_path: Path, test_path: Path) -> dict:
    from surprise import SVD, Dataset, Reader, SVDpp
    from surprise.model_selection import PredefinedKFold

    reader = Reader(line_format="user item rating", sep=",", skip_lines=1, rating_scale=(0.5, 5.0))
    data = Dataset.load_from_folds([(str(train_path), str(test_path))], reader=reader)
    trainset, testset = next(PredefinedKFold().split(data))
    algo = SVD(random_state=0) if name == "surprise-svd" else SVDpp(random_state=0)
    t0, c0 = time.perf_counter(), time.process_time()
    algo.fit(trainset)
    fit_s, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
    preds = algo.test(testset)
    return _scores([p.est for p in preds], [p.r_ui for p in preds]) | dict(fit_s=fit_s, fit_cpu=fit_cpu)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", default="1,2,3,4,5")
    ap.add_argument("--models", default="auto," + ",".join(SURPRISE_MODELS))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "build" / "half-stars-folds"))
    args = ap.parse_args(argv)
    folds = [int(f) for f in args.folds.split(",")]
    names = [m.strip() for m in args.models.split(",") if m.strip()]
    paths = write_folds(Path(args.out))
    print(f"# {machine()}")
    print(f"# ml-latest-small, 5 random folds written to {args.out}; folds {folds}")
    results: dict[str, dict[int, dict]] = {m: {} for m in names}
    for k in folds:
        train_path, test_path = paths[k - 1]
        combined = None
        for m in names:
            if m in SURPRISE_MODELS:
                r = run_surprise(m, train_path, test_path)
            else:
                if combined is None:
                    combined, rows, cols, truth = fold_data(train_path, test_path)
                r = run_solorec(m, combined, rows, cols, truth)
            results[m][k] = r
            trained = f" [{r['model']}]" if r.get("model") not in (None, m) else ""
            print(f"f{k} {m:15s} rmse {r['rmse']:.4f} mae {r['mae']:.4f} fit {r['fit_s']:6.2f}s (cpu {r['fit_cpu']:6.2f}s) "
                  f"load {os.getloadavg()[0]:.1f}{trained}", flush=True)
    print()
    ref = "surprise-svdpp" if results.get("surprise-svdpp") else None
    head = "| model | " + " | ".join(f"f{k} RMSE" for k in folds) + " | mean RMSE | mean MAE | fit s/fold | fit CPU s/fold |"
    head += f" fit ÷ {ref} (CPU) |" if ref else ""
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for m in names:
        vals = results[m]
        mean = lambda key: float(np.mean([vals[k][key] for k in folds]))  # noqa: E731
        row = f"| {m} | " + " | ".join(f"{vals[k]['rmse']:.4f}" for k in folds)
        row += f" | **{mean('rmse'):.4f}** | {mean('mae'):.4f} | {mean('fit_s'):.2f} | {mean('fit_cpu'):.2f} |"
        if ref:
            ratio = mean("fit_s") / float(np.mean([results[ref][k]["fit_s"] for k in folds]))
            cpu = mean("fit_cpu") / float(np.mean([results[ref][k]["fit_cpu"] for k in folds]))
            row += f" {ratio:.2f}× ({cpu:.2f}×) |" if m != ref else " 1× |"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
