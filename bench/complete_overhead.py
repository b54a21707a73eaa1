"""Benchmark: does the engine cost more than the lecture's own loop? (issue 2 §6)

In one run, alternating to share the machine's noise fairly:
  * the plain lecture loop (Embedding ×4, sigmoid·5, MSELoss, Adam lr 0.1, 100 epochs),
  * ``fit`` with the lecture's defaults and both hooks (on_epoch, should_stop) wired,
  * ``fit`` with no hooks.
on solo.csv, and reports medians and the ratio engine / lecture (target: hooks cost < 10 %).
Also times ``solorec-cli evaluate --test`` on ml-100k u1.base/u1.test when the
datasets are present, with the lecture's MF (``--model mf``) and with ``--model auto``. Run: ``.venv/bin/python bench/complete_overhead.py``.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from solorec_gui.core.data import read_ratings  # noqa: E402
from solorec_gui.core.fit import fit  # noqa: E402
from solorec_gui.core.models import TrainSpec  # noqa: E402

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))


def lecture_loop(matrix) -> float:
    rows, cols, vals = matrix.known_cells()
    x1, x2 = torch.tensor(rows), torch.tensor(cols)
    y = torch.tensor(vals).float().reshape(-1, 1)
    torch.manual_seed(43052)
    e1, b1 = torch.nn.Embedding(9, 2), torch.nn.Embedding(9, 1)
    e2, b2 = torch.nn.Embedding(8, 2), torch.nn.Embedding(8, 1)
    params = [*e1.parameters(), *b1.parameters(), *e2.parameters(), *b2.parameters()]
    opt = torch.optim.Adam(params, lr=0.1)
    loss_fn = torch.nn.MSELoss()
    for _ in range(100):
        score = (e1(x1) * e2(x2)).sum(axis=1).reshape(-1, 1) + b1(x1) + b2(x2)
        yhat = torch.sigmoid(score) * 5
        loss = loss_fn(yhat, y)
        loss.backward()
        opt.step()
        opt.zero_grad()
    return float(loss.detach())


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def main() -> None:
    matrix = read_ratings(ROOT / "resources" / "solo.csv")
    seen = []

    def engine_hooks(m):
        fit(m, TrainSpec(), on_epoch=lambda r: seen.append(r.loss), should_stop=lambda: False)

    def engine_plain(m):
        fit(m, TrainSpec())

    for fn in (lecture_loop, engine_hooks, engine_plain):  # warm-up
        fn(matrix)
    times = {"lecture loop": [], "fit + hooks": [], "fit, no hooks": []}
    for _ in range(15):
        times["lecture loop"].append(timed(lecture_loop, matrix))
        times["fit + hooks"].append(timed(engine_hooks, matrix))
        times["fit, no hooks"].append(timed(engine_plain, matrix))
    base = statistics.median(times["lecture loop"])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, python {platform.python_version()}")
    print("solo.csv, lecture defaults (MF, dim 2, 100 epochs, full batch); median of 15 alternating runs")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"  {name:<14} {med * 1000:8.1f} ms   ratio to lecture loop {med / base:5.2f}")

    base_file, test_file = DATASETS / "ml-100k" / "u1.base", DATASETS / "ml-100k" / "u1.test"
    if base_file.exists():
        # --model mf: the lecture's recipe (auto would pick the large-data blend for 80,000 ratings).
        for label, extra in (("lecture defaults", ["--model", "mf"]), ("--model auto", [])):
            cmd = [sys.executable, "-m", "solorec_gui.cli", "evaluate", str(base_file), "--test", str(test_file), "--json", *extra]
            t = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            wall = time.perf_counter() - t
            if proc.returncode:
                print(f"evaluate --test u1 ({label}) failed: {proc.stderr.strip()}")
                continue
            out = json.loads(proc.stdout)
            print(
                f"ml-100k u1.base → u1.test, {label} ({out.get('model')}): RMSE {out['rmse']:.4f}, MAE {out['mae']:.4f}, "
                f"fit {out['fit_seconds']:.2f} s, whole command {wall:.2f} s"
            )
    else:
        print(f"(ml-100k not found under {DATASETS}; skipped evaluate --test)")


if __name__ == "__main__":
    main()
