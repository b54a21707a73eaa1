"""The window on MovieLens-size data: open-to-grid time and peak RSS of the whole app.

    .venv/bin/python bench/window_scale.py                  # ml-100k and ml-latest-small
    .venv/bin/python bench/window_scale.py --no-train       # opening only
    .venv/bin/python bench/window_scale.py --runs 3         # open-to-grid: median of 3

Each dataset runs in a fresh process (peak RSS is per process), offscreen, with
the real ``MainWindow`` at 1280 × 800 and settings in a temporary folder:

1. **open-to-grid**: from the call that File › Open makes (``open_file``) to
   the grid painted (``viewport().repaint()`` returned): reading the long
   file, building the model, the first paint. Target < 2 s.
2. **scroll**: 50 jumps across the grid, each repainted; mean ms per repaint.
3. **train + complete** (unless ``--no-train``): Train (F5) with the recipe the
   panel switched to (the engine's ``recommended_spec``), waiting for the
   predictions to be applied to the grid, then Export completed CSV to a
   temporary file.
4. **peak RSS** of the whole app process (``getrusage`` ``ru_maxrss``: Python,
   Qt, numpy, torch, the grid, the model) after each stage. Target < 1.5 GB
   with ml-latest-small opened, trained and completed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
FILES = {"ml-100k": DATASETS / "ml-100k" / "u.data", "ml-latest-small": DATASETS / "ml-latest-small" / "ratings.csv"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(path: str, runs: int, train: bool) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([])
    from solorec_gui.ui import settings

    settings.use_path(tempfile.mkdtemp(prefix="solorec-bench-"))
    from solorec_gui.ui.main_window import MainWindow

    out: dict = {"dataset": Path(path).name, "rss_start_mb": round(peak_mb())}
    window = MainWindow()
    window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    out["rss_window_mb"] = round(peak_mb())

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        assert window.open_file(path), window.last_error
        window.view.viewport().repaint()
        times.append(time.perf_counter() - started)
        app.processEvents()
    out["open_to_grid_s"] = round(statistics.median(times), 3)
    out["open_to_grid_runs"] = [round(t, 3) for t in times]
    m = window.model.matrix
    out["shape"] = [m.n_users, m.n_items]
    out["ratings"] = m.n_known
    out["rss_opened_mb"] = round(peak_mb())

    view = window.view
    started = time.perf_counter()
    for k in range(50):
        view.verticalScrollBar().setValue(k * view.verticalScrollBar().maximum() // 49)
        view.horizontalScrollBar().setValue((k * 37 % 50) * view.horizontalScrollBar().maximum() // 49)
        view.viewport().repaint()
    out["scroll_ms_per_repaint"] = round((time.perf_counter() - started) / 50 * 1000, 1)

    if train:
        spec = window.training_config()
        out["recipe"] = {"model": spec.model, "settings": spec.summary(), "device": spec.device}
        done: list = []
        window.trainingFinished.connect(lambda outcome: done.append(("ok", outcome)))
        window.trainingFailed.connect(lambda message: done.append(("failed", message)))
        started = time.perf_counter()
        assert window.train()
        while not done or window.jobs.is_running():
            app.processEvents()
            time.sleep(0.005)
        out["train_s"] = round(time.perf_counter() - started, 2)
        kind, result = done[0]
        if kind != "ok":
            raise SystemExit(f"training failed: {result}")
        out["final_loss"] = round(result.history[-1], 4)
        view.viewport().repaint()
        out["rss_trained_mb"] = round(peak_mb())
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            assert window.export_to(Path(tmp) / "completed.csv"), window.last_error
            out["export_s"] = round(time.perf_counter() - started, 2)
            out["export_mb"] = round((Path(tmp) / "completed.csv").stat().st_size / 1e6, 1)
        out["rss_completed_mb"] = round(peak_mb())
    out["peak_rss_mb"] = round(peak_mb())
    window.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=sorted(FILES), action="append")
    parser.add_argument("--runs", type=int, default=1, help="opens per dataset (median reported)")
    parser.add_argument("--no-train", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(child(args.child, args.runs, not args.no_train)), flush=True)
        return 0

    results = []
    for name in args.dataset or list(FILES):
        path = FILES[name]
        if not path.exists():
            print(f"{name}: {path} not found (set SOLOREC_DATASETS)", file=sys.stderr)
            continue
        cmd = [sys.executable, __file__, "--child", str(path), "--runs", str(args.runs)]
        if args.no_train:
            cmd.append("--no-train")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
        if proc.returncode or line is None:
            print(f"{name}: failed\n{proc.stdout}\n{proc.stderr}", file=sys.stderr)
            return 1
        result = json.loads(line[len("RESULT ") :])
        result["dataset"] = name
        results.append(result)

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"# SoloRec window at scale ({platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}, offscreen)")
    header = "| dataset | users × items | ratings | open-to-grid | scroll repaint | recipe | train | export | peak RSS |"
    print(header)
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        recipe = r.get("recipe", {})
        print(
            f"| {r['dataset']} | {r['shape'][0]} × {r['shape'][1]} | {r['ratings']:,} | {r['open_to_grid_s']:.2f} s "
            f"| {r['scroll_ms_per_repaint']:.0f} ms | {recipe.get('model', '–')} | "
            f"{str(r.get('train_s', '–')) + ' s' if 'train_s' in r else '–'} | "
            f"{str(r.get('export_s', '–')) + ' s' if 'export_s' in r else '–'} | {r['peak_rss_mb']:,} MB |"
        )
    for r in results:
        stages = ", ".join(
            f"{k[4:-3]} {r[k]:,}" for k in ("rss_start_mb", "rss_window_mb", "rss_opened_mb", "rss_trained_mb", "rss_completed_mb")
            if k in r
        )
        print(f"\n{r['dataset']}: peak RSS by stage (MB): {stages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
