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

MovieLens-25M size (``--file /tmp/synth/25000095/train.csv``, made by ``bench/synth.py``):
the file is read in a job (File › Open's progress bar), the grid is a sparse table
drawn lazily, and Export completed is refused, so instead of 3.-4. above:

* **time to grid**: from ``open_file`` to the grid painted after the reading job ends;
* **GUI heartbeat**: the longest gap between beats of a 10 ms timer while the file is
  read and while the model trains (target ≤ 50 ms: the loss streams, the GUI never stalls);
* **train** ``--epochs`` epochs (``--set name=value`` types other settings into the form),
  then the chosen-users export (``--users`` users, every item) and, with ``--top-n N``,
  the top-N export of every user (a job ranking ``predict_rows`` in chunks).

    .venv/bin/python bench/window_scale.py --file /tmp/synth/25000095/train.csv --epochs 1
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

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
FILES = {"ml-100k": DATASETS / "ml-100k" / "u.data", "ml-latest-small": DATASETS / "ml-latest-small" / "ratings.csv"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class Heartbeat:
    """Beats of a 10 ms precise timer on the GUI thread; the gaps say how long the event loop stalled."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    def start(self) -> None:
        self.stamps = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> dict:
        self.timer.stop()
        gaps = [(b - a) * 1000 for a, b in zip(self.stamps, self.stamps[1:])]
        if not gaps:
            return {"max_ms": None}
        gaps.sort()
        return {"max_ms": round(gaps[-1], 1), "p99_ms": round(gaps[int(0.99 * (len(gaps) - 1))], 1),
                "over_50ms": sum(g > 50 for g in gaps), "beats": len(gaps)}


def scroll_ms(view, row_step: int = 1, column_step: int = 37) -> float:
    """Milliseconds a repaint takes while the grid is scrolled to 50 places across the table (the steps
    choose the order, so a second pass does not revisit the first one's cached blocks)."""
    started = time.perf_counter()
    for k in range(50):
        view.verticalScrollBar().setValue((k * row_step % 50) * view.verticalScrollBar().maximum() // 49)
        view.horizontalScrollBar().setValue((k * column_step % 50) * view.horizontalScrollBar().maximum() // 49)
        view.viewport().repaint()
    return round((time.perf_counter() - started) / 50 * 1000, 1)


def wait(app, condition, timeout: float = 7200) -> None:
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        time.sleep(0.002)
        if time.perf_counter() - started > timeout:
            raise SystemExit("timed out")


def large_child(path: str, options: dict) -> dict:
    """The window on a file read in a job (MovieLens-25M size); see the module docstring."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([])
    from solorec_gui.ui import settings

    settings.use_path(tempfile.mkdtemp(prefix="solorec-bench-"))
    from solorec_gui.ui.main_window import MainWindow

    out: dict = {"dataset": Path(path).name, "rss_start_mb": round(peak_mb()), "load": os.getloadavg()[0]}
    window = MainWindow()
    # What the app does once its window is idle (app.start_warm_up): torch and the engine imported and
    # run once on a tiny table, so neither the open nor the training times a first import.
    from solorec_gui.ui.app import warm_up

    warm_up.start(None)
    warm_up.done.wait()
    window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    out["rss_window_mb"] = round(peak_mb())
    beat = Heartbeat()
    read: list = []
    window.fileRead.connect(lambda ok, message: read.append((ok, message)))
    beat.start()
    started = time.perf_counter()
    assert window.open_file(path), window.last_error
    wait(app, lambda: read)
    if not read[0][0]:
        raise SystemExit(f"open failed: {read[0][1]}")
    out["read_s"] = round(time.perf_counter() - started, 2)
    window.view.viewport().repaint()
    out["time_to_grid_s"] = round(time.perf_counter() - started, 2)
    out["heartbeat_open"] = beat.stop()
    m = window.model.matrix
    out["shape"] = [m.n_users, m.n_items]
    out["ratings"] = m.n_known
    out["sparse"] = not m.is_dense
    out["rss_opened_mb"] = round(peak_mb())

    out["scroll_ms_per_repaint"] = scroll_ms(window.view)

    if options.get("train", True):
        panel = window.panel
        values = {"epochs": options["epochs"]} if options.get("epochs") else {}
        values.update(options.get("set") or {})
        panel.set_values(**values)
        spec = window.training_config()
        out["recipe"] = {"model": spec.model, "settings": spec.summary(), "device": spec.device}
        done: list = []
        window.trainingFinished.connect(lambda outcome: done.append(("ok", outcome)))
        window.trainingFailed.connect(lambda message: done.append(("failed", message)))
        points: list[int] = [0]
        window.jobs.progress.connect(lambda p: points.__setitem__(0, points[0] + len(p.losses)))
        within: list[float] = []  # when each within-epoch report (fit's on_batch) reached the window
        window.jobs.batch.connect(lambda report: within.append(time.perf_counter()))
        started = time.perf_counter()
        assert window.train()
        out["f5_handler_ms"] = round((time.perf_counter() - started) * 1000, 1)
        beat.start()
        wait(app, lambda: done and not window.jobs.is_running())
        out["train_s"] = round(time.perf_counter() - started, 2)
        out["heartbeat_train"] = beat.stop()
        out["loss_points_streamed"] = points[0]
        gaps = np.diff([started] + within) if within else np.zeros(0)
        out["within_epoch_reports"] = {"count": len(within),
                                       "longest_wait_s": round(float(gaps.max()), 2) if len(gaps) else None}
        kind, result = done[0]
        if kind != "ok":
            raise SystemExit(f"training failed: {result}")
        out["final_loss"] = round(result.history[-1], 4)
        started = time.perf_counter()
        window.view.viewport().repaint()
        out["first_predicted_repaint_ms"] = round((time.perf_counter() - started) * 1000, 1)
        out["scroll_predicted_ms_per_repaint"] = scroll_ms(window.view, 31, 17)
        out["rss_trained_mb"] = round(peak_mb())
        with tempfile.TemporaryDirectory() as tmp:
            out["export_completed_refused"] = not window.export_to(Path(tmp) / "completed.csv")
            out["refusal"] = window.last_error
            from solorec_gui.ui.export_dialog import export_chosen_users

            users = list(m.users[: options.get("users", 10)])
            started = time.perf_counter()
            lines = export_chosen_users(window.document, users, Path(tmp) / "users.csv")
            out["chosen_users_export"] = {"users": len(users), "lines": lines,
                                          "s": round(time.perf_counter() - started, 2)}
            if options.get("top_n"):
                exported: list = []
                window.recommendations_export.exported.connect(exported.append)
                beat.start()
                started = time.perf_counter()
                assert window.recommendations_export.export_to(Path(tmp) / "top.csv", n=options["top_n"])
                wait(app, lambda: exported and not window.jobs.is_running())
                out["top_n_export"] = {"n": options["top_n"], "ok": exported[0],
                                       "s": round(time.perf_counter() - started, 1),
                                       "mb": round((Path(tmp) / "top.csv").stat().st_size / 1e6, 1),
                                       "heartbeat": beat.stop()}
        out["rss_exported_mb"] = round(peak_mb())
    out["peak_rss_mb"] = round(peak_mb())
    out["load_end"] = os.getloadavg()[0]
    window.close()
    return out


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

    out["scroll_ms_per_repaint"] = scroll_ms(window.view)

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
        window.view.viewport().repaint()
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
    parser.add_argument("--file", help="a file read in a job (MovieLens-25M size, e.g. /tmp/synth/25000095/train.csv)")
    parser.add_argument("--epochs", type=int, help="with --file: epochs to train (default: the panel's)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="with --file: a setting typed into the form (repeatable)")
    parser.add_argument("--users", type=int, default=10, help="with --file: users in the chosen-users export")
    parser.add_argument("--top-n", type=int, default=0, help="with --file: also export every user's top N")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--large-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(child(args.child, args.runs, not args.no_train)), flush=True)
        return 0
    if args.large_child:
        options = json.loads(args.large_child)
        print("RESULT " + json.dumps(large_child(options.pop("path"), options)), flush=True)
        return 0
    if args.file:
        return run_large(args)

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


def _value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def run_large(args) -> int:
    options = {"path": str(Path(args.file).resolve()), "train": not args.no_train, "epochs": args.epochs,
               "users": args.users, "top_n": args.top_n,
               "set": {k: _value(v) for k, _, v in (x.partition("=") for x in args.set)}}
    cmd = [sys.executable, __file__, "--large-child", json.dumps(options)]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=7200)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    if proc.returncode or line is None:
        print(f"failed\n{proc.stdout}\n{proc.stderr}", file=sys.stderr)
        return 1
    r = json.loads(line[len("RESULT ") :])
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"# SoloRec window on {args.file} ({platform.machine()}, {os.cpu_count()} cores, load {r['load']:.1f} at "
          f"start, {r['load_end']:.1f} at the end, {env['QT_QPA_PLATFORM']})")
    print(f"{r['shape'][0]:,} users × {r['shape'][1]:,} items, {r['ratings']:,} ratings, sparse: {r['sparse']}")
    print(f"read in a job {r['read_s']} s, time to grid {r['time_to_grid_s']} s; GUI heartbeat while reading: "
          f"{r['heartbeat_open']}")
    print(f"scroll: {r['scroll_ms_per_repaint']} ms per repaint (ratings)")
    if "train_s" in r:
        print(f"train {r['recipe']['model']} ({r['recipe']['settings']}): {r['train_s']} s, {r['loss_points_streamed']} "
              f"loss points streamed, final loss {r['final_loss']}; F5 handler {r['f5_handler_ms']} ms, then GUI "
              f"heartbeat while training (until the predictions are shown): {r['heartbeat_train']}")
        print(f"predicted grid: first repaint {r['first_predicted_repaint_ms']} ms, scroll "
              f"{r['scroll_predicted_ms_per_repaint']} ms per repaint")
        print(f"Export completed refused: {r['export_completed_refused']} — {r['refusal']}")
        print(f"chosen users export: {r['chosen_users_export']}")
        if "top_n_export" in r:
            print(f"top-N export: {r['top_n_export']}")
    stages = ", ".join(f"{k[4:-3]} {r[k]:,}" for k in
                       ("rss_start_mb", "rss_window_mb", "rss_opened_mb", "rss_trained_mb", "rss_exported_mb") if k in r)
    print(f"peak RSS of the whole app: {r['peak_rss_mb']:,} MB (by stage: {stages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
