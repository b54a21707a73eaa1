"""The window over a table too large for a grid (MovieLens-25M size), tested on a small one made sparse:
the grid reads cells and predictions lazily, nothing grid-sized is ever built, Export completed is
refused with what to export instead, the top-N and chosen-users exports work, and a large file opens
in a job that Cancel stops (the document that was open stays)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from solorec_gui.core.data import SparseRatingMatrix
from solorec_gui.ui.export_dialog import export_chosen_users, parse_user_labels
from solorec_gui.ui.ratings_model import display_rating

R = Qt.ItemDataRole
N_USERS, N_ITEMS, N_RATINGS = 300, 400, 6000


class Watched(SparseRatingMatrix):
    """A sparse matrix that records any request for a grid-sized array (it raises, as the real one does)."""

    dense_requests: list[str] = []

    @property
    def values(self):
        Watched.dense_requests.append("values")
        raise self.refuse_dense("this")

    @property
    def known_mask(self):
        Watched.dense_requests.append("known_mask")
        raise self.refuse_dense("a mask of the known cells")


def sparse_table(seed: int = 0) -> Watched:
    rng = np.random.default_rng(seed)
    cells = rng.choice(N_USERS * N_ITEMS, size=N_RATINGS, replace=False)
    rows, cols = cells // N_ITEMS, cells % N_ITEMS
    ratings = rng.integers(1, 11, size=N_RATINGS) / 2.0
    users = [f"u{k}" for k in range(N_USERS)]
    items = [f"i{k}" for k in range(N_ITEMS)]
    return Watched(users, items, rows, cols, ratings, scale=(0.5, 5.0), source={"format": "long"})


@pytest.fixture
def sparse_window(make_window):
    Watched.dense_requests = []
    window = make_window()
    matrix = sparse_table()
    window.document.load(matrix)
    return window, matrix


def train(qtbot, window, epochs: int = 3):
    panel = window.panel
    panel.pick_model("mf-large")
    panel.set_values(epochs=epochs)
    with qtbot.waitSignal(window.trainingFinished, timeout=120_000):
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=30_000)


def test_lazy_grid_shows_ratings_reads_only_what_is_shown_and_is_read_only(qtbot, sparse_window):
    window, matrix = sparse_window
    model = window.model
    assert model.is_sparse and (model.rowCount(), model.columnCount()) == (N_USERS, N_ITEMS)
    rows, cols, ratings = matrix.known_cells()
    for k in range(0, N_RATINGS, 997):
        index = model.index(int(rows[k]), int(cols[k]))
        assert model.data(index, R.DisplayRole) == display_rating(float(ratings[k]))
    missing = next((u, i) for u in range(N_USERS) for i in range(N_ITEMS) if math.isnan(matrix.cell(u, i)))
    assert model.data(model.index(*missing), R.DisplayRole) == ""
    assert model.headerData(3, Qt.Orientation.Vertical) == "u3"
    assert model.headerData(7, Qt.Orientation.Horizontal) == "i7"
    # Only the blocks asked for were read, not the whole table.
    assert model.cells.blocks_read < (N_USERS // 64 + 1) * (N_ITEMS // 32 + 1)
    window.view.viewport().repaint()
    # Read-only at this size, with the reason.
    assert not (model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable)
    with qtbot.waitSignal(model.editRejected) as refused:
        assert not model.setData(model.index(*missing), "4")
    assert "read-only" in refused.args[0]
    assert math.isnan(matrix.cell(*missing))
    assert window.grid.read_only_banner.isVisible() or not window.isVisible()
    assert "read-only" in window.grid.read_only_banner.text()
    assert window.grid.edit_hint.isHidden()  # "double-click or type to edit" would be wrong here
    assert Watched.dense_requests == []


def test_training_fills_the_grid_lazily_and_export_completed_is_refused(qtbot, sparse_window, tmp_path):
    window, matrix = sparse_window
    train(qtbot, window)
    model = window.model
    assert model.has_predictions and window.document.outcome.predictions is None
    predictor = window.document.predictor()
    checked = 0
    for u in range(0, N_USERS, 37):
        for i in range(0, N_ITEMS, 53):
            shown = model.data(model.index(u, i), R.DisplayRole)
            if math.isnan(matrix.cell(u, i)):
                expected = float(predictor.predict_cells(np.array([u]), np.array([i]))[0])
                assert shown == f"{expected:.2f}"
                assert model.data(model.index(u, i), R.FontRole).italic()
                checked += 1
            else:
                assert shown == display_rating(matrix.cell(u, i))
    assert checked > 10
    window.view.viewport().repaint()
    assert window.prediction_label.text() == "Predictions shown in italics"
    # Export completed: refused, naming the size and what to export instead.
    assert not window.export_to(tmp_path / "completed.csv")
    assert not (tmp_path / "completed.csv").exists()
    assert "120,000 cells" in window.last_error
    assert "Export recommendations" in window.last_error and "chosen users" in window.last_error
    # The predictions for chosen users: every item of each, as long lines.
    out = tmp_path / "users.csv"
    labels = parse_user_labels(" u5, u17 ;u5\n")
    assert labels == ["u5", "u17"]
    assert export_chosen_users(window.document, labels, out) == 2 * N_ITEMS
    with out.open(newline="", encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert len(lines) == 1 + 2 * N_ITEMS and lines[0][:2] == ["user", "item"]
    for user, item, value, predicted in lines[1:]:
        u, i = int(user[1:]), int(item[1:])
        if math.isnan(matrix.cell(u, i)):
            assert predicted in ("1", "True", "true", "yes")
            assert float(value) == pytest.approx(float(predictor.predict_cells(np.array([u]), np.array([i]))[0]),
                                                 abs=0.006)
        else:
            assert float(value) == matrix.cell(u, i)
    with pytest.raises(Exception, match="u999"):
        export_chosen_users(window.document, ["u999"], tmp_path / "none.csv")
    assert Watched.dense_requests == []


def test_top_n_export_of_every_user_ranks_in_chunks(qtbot, sparse_window, tmp_path):
    window, matrix = sparse_window
    train(qtbot, window, epochs=2)
    export = window.recommendations_export
    out = tmp_path / "top.csv"
    with qtbot.waitSignal(export.exported, timeout=60_000) as done:
        assert export.export_to(out, n=3)
    assert done.args == [True]
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=10_000)
    with out.open(newline="", encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == ["user", "rank", "item", "score"]
    assert len(lines) == 1 + 3 * N_USERS
    predictor = window.document.predictor()
    user, rank, item, score = lines[1]
    u, i = int(user[1:]), int(item[1:])
    assert rank == "1" and math.isnan(matrix.cell(u, i))
    row = predictor.predict_rows([u])[0]
    row[matrix.row(u)[0]] = -np.inf
    assert float(score) == pytest.approx(row.max(), abs=1e-3)
    # The Recommend tab ranks one user from the model too (while it is shown).
    window.tabs.setCurrentWidget(window.insight.recommend)
    window.insight.recommend.select_user(u)
    assert window.insight.recommend.user_list()[0][0] == f"i{i}"
    assert Watched.dense_requests == []


def write_long_file(path: Path, n_lines: int) -> Path:
    rng = np.random.default_rng(1)
    cells = rng.choice(2000 * 3000, size=n_lines, replace=False)
    users, items = cells // 3000 + 1, cells % 3000 + 1
    ratings = rng.integers(1, 6, n_lines)
    text = "userId,movieId,rating,timestamp\n" + "".join(
        f"{u},{i},{r},9{k:08d}\n" for k, (u, i, r) in enumerate(zip(users, items, ratings)))
    path.write_text(text, encoding="ascii")
    return path


@pytest.fixture
def streamed(monkeypatch, tmp_path):
    """A long file the window reads in a job: the streaming threshold, chunks and grid limit made small."""
    from solorec_gui.core.data import matrix as matrix_module
    from solorec_gui.core.data import stream

    monkeypatch.setattr(stream, "STREAM_MIN_BYTES", 1024)
    monkeypatch.setattr(stream, "CHUNK_LINES", 2000)
    monkeypatch.setattr(stream, "INTERACTIVE_CHUNK_LINES", 2000)  # what the window reads with (it follows progress)
    monkeypatch.setattr(matrix_module, "MAX_CELLS", 1_000_000)
    return write_long_file(tmp_path / "big.csv", 40_000)


def test_a_large_file_opens_in_a_job_with_progress(qtbot, make_window, streamed):
    import time

    from PySide6.QtCore import QTimer

    window = make_window()
    fractions: list[float] = []
    window.opener.jobs.fraction.connect(fractions.append)
    beats: list[float] = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(window.fileRead, timeout=60_000) as done:
        assert window.open_file(streamed)
        assert window.opener.dialog is not None and window.opener.dialog.isVisible()
    timer.stop()
    beats.append(time.perf_counter())
    assert done.args[0] is True, done.args
    # The GUI kept running while the file was read (a generous bound: the machine is shared). The start and
    # the end are beats too: a fast read (tens of ms on a quiet machine) leaves few timer beats, not a stall.
    assert max(np.diff(beats)) < 1.0
    assert window.document.path == streamed.resolve()
    assert window.model.is_sparse and window.model.rowCount() >= 1900
    # The bar reached the end (the order of the last two queued signals was seen swapped in one fresh-clone run).
    assert fractions and max(fractions) == pytest.approx(1.0)
    assert window.opener.dialog is None


def test_cancel_while_reading_keeps_the_open_document(qtbot, make_window, streamed):
    window = make_window()
    before = window.document.path
    matrix_before = window.document.matrix
    with qtbot.waitSignal(window.fileRead, timeout=60_000) as done:
        assert window.open_file(streamed)
        window.opener.cancel()
    assert done.args[0] is False and "cancelled" in done.args[1]
    assert window.document.path == before and window.document.matrix is matrix_before
    assert not window.opener.is_running() and window.opener.dialog is None


def test_validation_holdout_trains_and_an_ensemble_is_refused(qtbot, sparse_window):
    window, _matrix = sparse_window
    window.panel.validation.set_options(holdout_percent=10, ensemble=3)
    window.panel.pick_model("mf-large")
    window.panel.set_values(epochs=2)
    assert not window.train()
    assert "ensemble" in window.last_error.lower() and "120,000 cells" in window.last_error
    window.panel.validation.set_options(holdout_percent=10)
    with qtbot.waitSignal(window.trainingFinished, timeout=120_000) as done:
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=30_000)
    outcome = done.args[0]
    assert len(outcome.val_history) == 2 and outcome.valid_errors is not None
    assert window.model.has_predictions
    assert Watched.dense_requests == []


def test_a_saved_model_predicts_the_sparse_grid_again(qtbot, sparse_window, tmp_path):
    window, matrix = sparse_window
    train(qtbot, window, epochs=1)
    u, i = next((u, i) for u in range(N_USERS) for i in range(N_ITEMS) if math.isnan(matrix.cell(u, i)))
    before = window.model.data(window.model.index(u, i), R.DisplayRole)
    path = tmp_path / "model.solorec"
    assert window.model_files.save_model_to(path), window.last_error
    window.document.load(matrix)  # the same table again, no predictions
    assert not window.model.has_predictions
    assert window.model_files.load_model_from(path), window.last_error
    assert window.model.has_predictions
    assert window.model.data(window.model.index(u, i), R.DisplayRole) == before
    assert Watched.dense_requests == []


def test_whole_grid_features_say_why_they_are_off(qtbot, sparse_window):
    window, _matrix = sparse_window
    assert not window.ranking_box.run()
    assert "120,000 cells" in window.last_error and "Ranking" in window.last_error
    assert not window.insight.run_compare(3, ["mf", "mf-large"])
    assert "120,000 cells" in window.last_error and "Cross-validate" in window.last_error
    assert not window.jobs.is_running()
    assert Watched.dense_requests == []


def test_export_completed_offers_the_two_other_exports(qtbot, sparse_window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window, _matrix = sparse_window
    chosen: list[str] = []
    for action, name in ((window.export_users_action, "users"), (window.recommendations_export.action, "top-n")):
        action.triggered.disconnect()
        action.triggered.connect(lambda _=False, name=name: chosen.append(name))
    seen: list[str] = []

    def answer(text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text().startswith(text)).click()

    QTimer.singleShot(0, lambda: answer("Export predictions for chosen users"))
    window.export_action.trigger()
    QTimer.singleShot(0, lambda: answer("Export top-N"))
    window.export_action.trigger()
    assert chosen == ["users", "top-n"]
    assert "120,000 cells" in seen[0] and "chosen users" in seen[0]
