"""Render the main window before and after training, the embedding map, the validation curves, the
default blend's three phases and the Lecture panel in Korean to docs/screenshots/ (``make screenshots``).

Uses a real X server so fonts (Korean labels: install ``fonts-noto-cjk``) are
rendered as a user sees them. When DISPLAY is unset it starts Xvfb itself
(Debian package ``xvfb``) and stops it afterwards. Settings are isolated in a
temporary folder, so the shots always show the bundled ``solo.csv`` with the
lecture's defaults.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_xvfb() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("No DISPLAY and no Xvfb: install it with `apt-get install xvfb fonts-noto-cjk`.")
    for number in range(99, 140):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    else:
        raise SystemExit("no free X display number between :99 and :139")
    proc = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    for _ in range(100):
        if socket.exists():
            break
        if proc.poll() is not None:
            raise SystemExit(f"Xvfb exited with status {proc.returncode}")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return proc


def wait(app, ms: int) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(out: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtWidgets import QApplication

    from solorec_gui.paths import bundled_dataset, resource
    from solorec_gui.ui import settings

    settings.use_path(tempfile.mkdtemp(prefix="solorec-shots-"))
    from PySide6.QtGui import QIcon

    app = QApplication(["solorec"])
    app.setWindowIcon(QIcon(str(resource("solorec.png"))))
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 760)
    window.show()
    window.open_file(bundled_dataset())
    window.main_splitter.setSizes([760, 520])
    window.view.setCurrentIndex(window.model.index(0, 1))
    wait(app, 800)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "main-before.png"))

    _train(app, window)
    if window.model.predictions is None:
        raise SystemExit("training finished without predictions")
    window.view.setCurrentIndex(window.model.index(0, 0))  # a predicted cell
    wait(app, 800)
    window.grab().save(str(out / "main-after.png"))
    print(f"wrote {out / 'main-before.png'} and {out / 'main-after.png'}")
    shoot_insight(app, window, out)
    shoot_blend(app, window, out)
    shoot_recommend(app, window, out)
    window.close()


def shoot_recommend(app, window, out: Path) -> None:
    """Issue 12: the Recommend tab on MovieLens-like data (after shoot_blend), with ml-100k's titles for the ids."""
    titles = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets")) / "ml-100k" / "u.item"
    if titles.exists():
        window.item_names.load(titles, quiet=True)
    panel = window.insight.recommend
    window.tabs.setCurrentWidget(panel)
    window.main_splitter.setSizes([640, 920])
    window.side_splitter.setSizes([260, 630])
    wait(app, 500)
    window.grab().save(str(out / "recommend.png"))
    print(f"wrote {out / 'recommend.png'}")


def _train(app, window) -> object:
    done = []
    window.trainingFinished.connect(done.append)
    window.trainingFailed.connect(done.append)
    window.train()
    deadline = time.perf_counter() + 300
    while not done and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    window.trainingFinished.disconnect(done.append)
    window.trainingFailed.disconnect(done.append)
    if not done or isinstance(done[0], str):
        raise SystemExit(f"training did not finish: {done}")
    return done[0]


def shoot_insight(app, window, out: Path) -> None:
    """Issue 4: the embedding map of the lecture's MF, and train vs validation curves of the NN."""
    from solorec_gui.core.analysis import group_distances
    from solorec_gui.core.models import TrainSpec

    insight = window.insight
    options = window.panel.validation
    window.resize(1560, 900)  # the grid's legend row needs ~850 px; the map gets the rest
    window.side_splitter.setSizes([170, 560])
    # The lecture's MF (dim 2, 100 epochs) on solo.csv, as trained for main-after.png.
    window.panel.set_spec(TrainSpec("mf"))
    options.set_options()
    outcome = _train(app, window)
    window.tabs.setCurrentWidget(insight.map)
    window.main_splitter.setSizes([860, 700])
    window.side_splitter.setSizes([150, 740])
    wait(app, 300)
    insight.map.plot_widget.getPlotItem().autoRange()
    wait(app, 800)
    window.grab().save(str(out / "embedding-map.png"))
    users_xy, items_xy = insight.map.points()
    m = window.model.matrix
    both = group_distances(np.vstack([users_xy, items_xy]), list(m.users) + list(m.items))
    print(
        f"wrote {out / 'embedding-map.png'}: mean distance within MBTI groups {both['within']:.3f}, "
        f"between {both['between']:.3f}; nearest neighbour in the same group for {both['nearest_same']}/{both['n']}"
    )

    # The lecture's overfitting question: the NN (its own defaults: 1000 epochs), 10 % held out for validation.
    window.panel.set_spec(TrainSpec("nn"))
    options.set_options(holdout_percent=10)
    outcome = _train(app, window)
    window.tabs.setCurrentWidget(window.loss_plot)
    window.loss_plot.set_log_scale(True)
    window.main_splitter.setSizes([860, 700])
    window.side_splitter.setSizes([380, 510])
    wait(app, 300)
    window.panel_scroll.ensureWidgetVisible(options)  # the train/validation RMSE and MAE
    wait(app, 500)
    window.grab().save(str(out / "validation.png"))
    best = int(np.argmin(outcome.val_history)) + 1
    print(
        f"wrote {out / 'validation.png'}: train loss {outcome.history[0]:.3f} -> {outcome.history[-1]:.4f}, "
        f"validation loss lowest {min(outcome.val_history):.3f} at epoch {best}, {outcome.val_history[-1]:.3f} at the end; "
        f"train RMSE {outcome.train_errors[0]:.3f}, validation RMSE {outcome.valid_errors[0]:.3f}"
    )
    window.loss_plot.set_log_scale(False)
    options.set_options()


def _long_file(path: Path, n_users: int, n_items: int, n_ratings: int, seed: int = 1) -> Path:
    """A MovieLens-like long file (user, item, rating, timestamp) with some structure to learn."""
    rng = np.random.default_rng(seed)
    cells = rng.choice(n_users * n_items, size=n_ratings, replace=False)
    users, items = cells // n_items, cells % n_items
    taste = rng.normal(size=(n_users, 3)) @ rng.normal(size=(3, n_items)) / 2
    ratings = np.clip(np.rint(3.5 + taste[users, items] + rng.normal(0, 0.5, n_ratings)), 1, 5).astype(int)
    lines = [f"{u + 1}\t{i + 1}\t{r}\t881250949" for u, i, r in zip(users, items, ratings)]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def shoot_blend(app, window, out: Path) -> None:
    """Issue 9: a table above 5,000 ratings gets the large-data recipe (said in the panel); the default blend
    (Bayesian MF, I-AutoRec, U-AutoRec) trains in three phases, each its own curve, the progress to the real
    total (214/214)."""
    data = _long_file(Path(tempfile.mkdtemp(prefix="solorec-shots-")) / "ratings.data", 600, 400, 12_000)
    window.panel.validation.set_options()
    if not window.open_file(data):
        raise SystemExit(f"cannot open {data}: {window.last_error}")
    window.panel.restore_defaults()  # the recipe auto picks for this size
    outcome = _train(app, window)
    window.tabs.setCurrentWidget(window.loss_plot)
    window.loss_plot.set_log_scale(False)
    window.main_splitter.setSizes([700, 860])
    window.side_splitter.setSizes([420, 470])
    wait(app, 300)
    window.panel_scroll.verticalScrollBar().setValue(0)  # the note: which recipe, and why
    wait(app, 500)
    window.grab().save(str(out / "blend-phases.png"))
    spans = ", ".join(f"{s.name} epochs {s.start + 1}–{s.stop}" for s in outcome.phases)
    print(f"wrote {out / 'blend-phases.png'}: {len(outcome.history)} epochs ({spans})")


def shoot_lecture(out: Path, language: str = "ko") -> None:
    """Issue 13: View › Lecture in Korean (the app's language decides the lecture's texts), step 2 run: the
    lecture's table beside the run's with check marks, the loss curve, the step's model in the grid.
    Its own process (one QApplication, one language per process): ``screenshots.py --lecture``."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from solorec_gui.paths import bundled_dataset, resource
    from solorec_gui.ui import i18n, settings

    settings.use_path(tempfile.mkdtemp(prefix="solorec-shots-"))
    app = QApplication(["solorec"])
    app.setWindowIcon(QIcon(str(resource("solorec.png"))))
    i18n.install(app, language)
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1900, 1000)  # the grid and the training panel keep ~1260 px; the dock gets the rest
    window.show()
    window.open_file(bundled_dataset())
    window.lecture.toggleViewAction().trigger()
    panel = window.lecture.panel
    panel.run_step(2)
    deadline = time.perf_counter() + 120
    while (window.jobs.is_running() or panel.page(2).result is None) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    page = panel.page(2)
    if page.result is None:
        raise SystemExit(f"lecture step 2 did not finish: {window.last_error}")
    window.resizeDocks([window.lecture], [640], Qt.Orientation.Horizontal)
    wait(app, 300)
    scroll = panel.stack.currentWidget()
    scroll.ensureWidgetVisible(page.tables["rows"], 0, 0)  # the check line and the tables, with the code above
    wait(app, 800)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"lecture-{language}.png"
    window.grab().save(str(target))
    print(f"wrote {target}: step 2 {page.mark} ({page.result.step.check}, largest difference "
          f"{page.result.step.max_diff:.1g})")
    window.close()


def shoot_korean(out: Path) -> None:
    """main-ko.png: the window after training, in Korean (our translation and Qt's qtbase_ko.qm)."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from solorec_gui.paths import bundled_dataset, resource
    from solorec_gui.ui import i18n, settings

    settings.use_path(tempfile.mkdtemp(prefix="solorec-shots-"))
    app = QApplication(["solorec"])
    app.setWindowIcon(QIcon(str(resource("solorec.png"))))
    i18n.install(app, "ko")
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 760)
    window.show()
    window.open_file(bundled_dataset())
    window.main_splitter.setSizes([760, 520])
    wait(app, 800)
    _train(app, window)
    window.view.setCurrentIndex(window.model.index(0, 0))
    wait(app, 800)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "main-ko.png"))
    print(f"wrote {out / 'main-ko.png'}")
    window.close()


def shoot_large(out: Path, path: Path, epochs: int = 3) -> None:
    """large.png (``--large FILE``): the window on a MovieLens-25M-size file (``bench/synth.py``): the
    progress dialog while it is read (large-open.png), then the lazy grid after a short training."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from solorec_gui.paths import resource
    from solorec_gui.ui import settings

    settings.use_path(tempfile.mkdtemp(prefix="solorec-shots-"))
    app = QApplication(["solorec"])
    app.setWindowIcon(QIcon(str(resource("solorec.png"))))
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    wait(app, 500)
    read: list = []
    window.fileRead.connect(lambda ok, message: read.append((ok, message)))
    window.open_file(path)
    out.mkdir(parents=True, exist_ok=True)
    while not read and window.opener.fraction < 0.4:
        wait(app, 50)
    if not read:
        app.primaryScreen().grabWindow(0, window.x(), window.y(), window.frameGeometry().width(),
                                       window.frameGeometry().height()).save(str(out / "large-open.png"))
        print(f"wrote {out / 'large-open.png'}")
    while not read:
        wait(app, 50)
    if not read[0][0]:
        raise SystemExit(f"could not open {path}: {read[0][1]}")
    window.main_splitter.setSizes([1000, 600])
    window.panel.set_values(epochs=epochs)  # the large-data recipe for this size, fewer epochs
    _train(app, window)
    model = window.model
    window.view.scrollTo(model.index(81_000, 29_000))
    window.view.setCurrentIndex(model.index(81_003, 29_002))
    window.tabs.setCurrentIndex(0)
    wait(app, 1000)
    window.grab().save(str(out / "large.png"))
    print(f"wrote {out / 'large.png'}")
    window.tabs.setCurrentWidget(window.insight.recommend)
    wait(app, 1500)
    window.grab().save(str(out / "large-recommend.png"))
    print(f"wrote {out / 'large-recommend.png'}")
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lecture", action="store_true", help="only the Lecture panel in Korean (lecture-ko.png)")
    parser.add_argument("--korean", action="store_true", help="only the main window in Korean (main-ko.png)")
    parser.add_argument("--large", type=Path, metavar="FILE",
                        help="only the window on a MovieLens-25M-size file (large.png, large-open.png)")
    parser.add_argument("--epochs", type=int, default=3, help="with --large: epochs of the short training")
    args = parser.parse_args()
    xvfb = start_xvfb()
    try:
        if args.large:
            shoot_large(args.out, args.large, args.epochs)
            return 0
        if args.lecture:
            shoot_lecture(args.out)
            return 0
        if args.korean:
            shoot_korean(args.out)
            return 0
        shoot(args.out)
        # The Korean window needs its own process (its own QApplication and translators).
        subprocess.run([sys.executable, __file__, "--lecture", "--out", str(args.out)], check=True)
        subprocess.run([sys.executable, __file__, "--korean", "--out", str(args.out)], check=True)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(5)
            except subprocess.TimeoutExpired:
                xvfb.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
