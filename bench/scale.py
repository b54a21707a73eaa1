"""The cost curve: SoloRec's defaults on MovieLens-shaped data from 100 k to 25 M ratings.

    .venv/bin/python bench/scale.py                          # 100k, 1M, 10M, 25M (generates what is missing)
    .venv/bin/python bench/scale.py --sizes 100000,1000000   # a quicker curve
    .venv/bin/python bench/scale.py --cli-only 25000095      # the issue's acceptance run only

The data comes from ``bench/synth.py`` (MovieLens-25M's shape, a known low-rank model plus noise, so the best
possible RMSE — the Bayes floor — is known exactly); files are cached in ``--data`` (default /tmp/synth); 2 % of each user's ratings are held out as the test file,
which leaves ML-25M's 24.5 M training ratings at full size.
For each size, two fresh processes:

* **stages** (``--child``): reading the training and test files (``read_ratings``), training with the model
  and settings ``auto`` picks for that size, timing every epoch, predicting the test cells; peak RSS after
  each stage (``getrusage``: the whole process, interpreter and torch included);
* **cli**: ``solorec-cli evaluate train.csv --test test.csv --scale-min 0.5`` exactly as a user runs it, with
  its wall time and peak RSS (the acceptance figures of issue 14: ≤ 15 min, ≤ 4 GB, RMSE ≤ 1.05 × floor).

Prints a table and writes ``docs/scale.json`` and ``docs/scale.png`` (matplotlib, from the bench extra): how
each cost grows with the number of ratings. Ratios, not times, are what compares across machines; the
machine's load (``os.getloadavg``) is printed with every row because this machine is shared.
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
SIZES = (100_000, 1_000_000, 10_000_000, 25_000_095)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: 2 % of each user's ratings are the test file: at 25 M that leaves ML-25M's ~24.5 M training ratings.
TEST_FRAC = 0.02


def ensure_data(folder: Path, n: int) -> Path:
    out = folder / f"{n}-test{TEST_FRAC:g}"
    if not (out / "floor.json").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--ratings", str(n), "--test-frac",
                        str(TEST_FRAC), "--out", str(out)], check=True)
    return out


def child(folder: str) -> dict:
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from solorec_gui.core.catalog import recommended_spec
    from solorec_gui.core.data import read_ratings
    from solorec_gui.core.eval import align_cells
    from solorec_gui.core.fit import fit

    folder = Path(folder)
    floor = json.loads((folder / "floor.json").read_text())["floor_rmse"]
    t = time.perf_counter()
    train = read_ratings(folder / "train.csv", scale=(0.5, 5.0))
    test = read_ratings(folder / "test.csv", scale=(0.5, 5.0))
    grid, (rows, cols, truth) = align_cells(train, test)
    del train, test
    read_s, read_mb = time.perf_counter() - t, peak_mb()
    spec = recommended_spec(grid)
    stamps: list[float] = []
    t = time.perf_counter()
    result = fit(grid, spec, on_epoch=lambda r: stamps.append(time.perf_counter()))
    fit_s, fit_mb = time.perf_counter() - t, peak_mb()
    pred = result.model.predict_cells(rows, cols)
    rmse = float(np.sqrt(np.mean((pred - truth) ** 2)))
    epochs = len(result.history)
    return dict(ratings=int(grid.n_known), users=grid.n_users, items=grid.n_items, sparse=not grid.is_dense,
                model=spec.model, settings=spec.summary(), read_s=round(read_s, 2), read_mb=round(read_mb),
                fit_s=round(fit_s, 1), epochs=epochs, epoch_s=round(fit_s / max(1, epochs), 2),
                fit_mb=round(fit_mb), peak_mb=round(peak_mb()), rmse=round(rmse, 4), floor=round(floor, 4),
                ratio=round(rmse / floor, 4), load=round(os.getloadavg()[0], 1))


def run_cli(folder: Path) -> dict:
    # The CLI's own main, plus one line on stderr with the process's peak RSS at exit.
    code = ("import resource, sys; from solorec_gui.cli import main; rc = main(sys.argv[1:]); "
            "print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)")
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, "evaluate", str(folder / "train.csv"), "--test", str(folder / "test.csv"),
         "--scale-min", "0.5", "--json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        return dict(error=proc.stderr.strip()[-400:], wall_s=round(wall, 1))
    peak = int(proc.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    out = json.loads(proc.stdout)
    floor = json.loads((folder / "floor.json").read_text())["floor_rmse"]
    return dict(wall_s=round(wall, 1), peak_mb=round(peak / 1024), rmse=round(out["rmse"], 4),
                ratio=round(out["rmse"] / floor, 4), fit_s=out["fit_seconds"], model=out["model"],
                settings=out["settings"], load=round(os.getloadavg()[0], 1))


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in rows if "stages" in r and "error" not in r["stages"]]
    n = [r["stages"]["ratings"] for r in rows]
    fig, axes = plt.subplots(1, 4, figsize=(15, 3.6))
    for ax, key, label in zip(axes, ("read_s", "epoch_s", "peak_mb", "ratio"),
                              ("read time (s)", "fit time per epoch (s)", "peak RSS (MB)", "RMSE / Bayes floor")):
        ax.plot(n, [r["stages"][key] for r in rows], "o-")
        ax.set_xscale("log")
        if key != "ratio":
            ax.set_yscale("log")
        ax.set_xlabel("training ratings")
        ax.set_title(label)
        ax.grid(True, which="both", alpha=0.3)
    axes[3].axhline(1.05, color="grey", ls="--", lw=1)
    fig.suptitle("SoloRec's defaults on MovieLens-25M-shaped data (bench/scale.py)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--data", default="/tmp/synth", help="where the generated files are cached")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--cli-only", type=int, default=None, metavar="N", help="only the CLI run on N ratings")
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI runs")
    ap.add_argument("--out", default=str(ROOT / "docs" / "scale"), help="writes OUT.json and OUT.png")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    folder = Path(args.data)
    if args.cli_only:
        print(json.dumps(run_cli(ensure_data(folder, args.cli_only))))
        return
    rows = []
    print(f"{'ratings':>11} {'read s':>7} {'s/epoch':>8} {'epochs':>6} {'peak MB':>8} {'RMSE':>7} {'floor':>7} "
          f"{'ratio':>6} | {'CLI wall s':>10} {'CLI MB':>7} {'CLI ratio':>9} load")
    for n in (int(s) for s in args.sizes.split(",")):
        data = ensure_data(folder, n)
        proc = subprocess.run([sys.executable, __file__, "--child", str(data)], capture_output=True, text=True)
        stages = json.loads(proc.stdout) if proc.returncode == 0 else dict(error=proc.stderr.strip()[-400:])
        cli = {} if args.no_cli else run_cli(data)
        rows.append(dict(size=n, stages=stages, cli=cli))
        if "error" in stages:
            print(f"{n:>11,} failed: {stages['error']}")
            continue
        s = stages
        print(f"{s['ratings']:>11,} {s['read_s']:>7.1f} {s['epoch_s']:>8.2f} {s['epochs']:>6} {s['peak_mb']:>8,} "
              f"{s['rmse']:>7.4f} {s['floor']:>7.4f} {s['ratio']:>6.3f} | {cli.get('wall_s', float('nan')):>10.1f} "
              f"{cli.get('peak_mb', 0):>7,} {cli.get('ratio', float('nan')):>9.3f} {s['load']}  "
              f"({s['model']}: {s['settings']}{'; sparse' if s['sparse'] else ''})", flush=True)
    Path(args.out + ".json").write_text(json.dumps(rows, indent=1))
    plot(rows, Path(args.out + ".png"))
    print(f"wrote {args.out}.json and {args.out}.png")


if __name__ == "__main__":
    main()
