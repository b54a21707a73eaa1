"""MovieLens-size data in the window: a long-format file with thousands of users and items
opens fast, the panel switches to the large-data recipe, item names become headers."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

# The engine (and torch) loaded up front, so no test times a first import.
from solorec_gui.core import catalog
from solorec_gui.core.data import read_ratings
from solorec_gui.core.models import TrainSpec, model_class
from solorec_gui.ui.item_names_ui import export_labels
from solorec_gui.ui.ratings_model import RatingsModel

H = Qt.Orientation.Horizontal
R = Qt.ItemDataRole
DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
TIMEOUT = 120_000


def write_long(path: Path, n_users: int, n_items: int, n_ratings: int, seed: int = 0) -> Path:
    """u.data-like: user<TAB>item<TAB>rating<TAB>timestamp, numeric ids, no header."""
    rng = np.random.default_rng(seed)
    cells = rng.choice(n_users * n_items, size=n_ratings, replace=False)
    last = n_users * n_items - 1
    if last not in cells:
        cells[0] = last  # the largest ids appear: the grid has exactly n_users × n_items
    users, items = cells // n_items + 1, cells % n_items + 1
    ratings = rng.integers(1, 6, size=n_ratings)
    lines = [f"{u}\t{i}\t{r}\t88125{k:04d}" for k, (u, i, r) in enumerate(zip(users, items, ratings))]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def write_u_item(path: Path, n_items: int, duplicate: tuple[int, int] | None = None) -> Path:
    """ml-100k u.item layout: id|title|date|video date|url|19 genre flags, latin-1."""
    rows = []
    for i in range(1, n_items + 1):
        title = f"Film n°{i} (199{i % 10})"
        if duplicate and i in duplicate:
            title = "Misérables, Les (1995)"
        rows.append(f"{i}|{title}|01-Jan-1995||http://example.org/{i}|" + "|".join("0" * 19))
    path.write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
    return path


@pytest.fixture(scope="module")
def big_long(tmp_path_factory) -> Path:
    return write_long(tmp_path_factory.mktemp("scale") / "big.data", 3000, 2500, 60_000)


def test_long_file_with_thousands_of_users_and_items_opens_quickly(qtbot, make_window, big_long):
    window = make_window()
    window.resize(1200, 800)
    started = time.perf_counter()
    assert window.open_file(big_long)
    window.view.viewport().repaint()  # the grid is drawn, not just the model built
    seconds = time.perf_counter() - started
    assert seconds < 15, f"opening took {seconds:.1f} s"  # generous: ~1 s here; 2 shared cores
    assert (window.model.rowCount(), window.model.columnCount()) == (3000, 2500)
    assert "long layout" in window.statusBar().currentMessage()
    assert "60,000 ratings" in window.counts_label.text()
    # scrolling to the far corner computes that cell's text on demand
    corner = window.model.index(2999, 2499)
    window.view.scrollTo(corner)
    window.view.viewport().repaint()
    assert window.model.data(corner) in {"1.00", "2.00", "3.00", "4.00", "5.00"}
    assert window.model.headerData(2499, H) == "2500"


def test_large_matrix_switches_the_panel_to_the_recommended_recipe(qtbot, make_window, big_long, solo_path):
    window = make_window()  # solo.csv: the lecture's settings
    panel = window.panel
    assert window.training_config().model == "mf"
    panel.field("seed").setText("7")  # the user's change, for MF on solo.csv
    assert window.open_file(big_long)
    spec = window.training_config()
    expected = catalog.recommended_spec(read_ratings(big_long))
    assert spec.model == expected.model and model_class(spec.model).large_data
    assert spec.params == expected.params  # the recipe's own settings: nothing carried over from MF
    assert spec.device == "auto"
    note = panel.note
    assert note.isVisibleTo(window) and "large-data recipe" in note.text() and not panel.note_is_warning()
    # visible and changeable
    assert panel.model_combo.currentData() == spec.model
    panel.device.setCurrentIndex(panel.device.findData("cpu"))
    panel.field("dim").setValue(16)
    assert window.training_config().device == "cpu" and window.training_config().params.dim == 16
    # a small file again: MF with what the user changed for that file, and a note that says so
    assert window.open_file(solo_path)
    spec = window.training_config()
    assert (spec.model, spec.params.dim, spec.params.lr, spec.params.seed, spec.device) == ("mf", 2, 0.1, 7, "cpu")
    assert "Seed 7 (default 43052)" in note.text()
    # and the large file keeps its own changes
    assert window.open_file(big_long)
    spec = window.training_config()
    assert (spec.model, spec.params.dim, spec.device) == (expected.model, 16, "cpu")


def test_a_large_recipe_chosen_by_the_user_is_remembered_for_that_file(qtbot, make_window, big_long, solo_path):
    window = make_window()
    panel = window.panel
    panel.pick_model("mf-large")  # as a user's pick: its own tuned defaults
    assert window.training_config().params == TrainSpec("mf-large").params
    assert panel.note_is_warning() and "large-data recipe" in panel.note.text() and "63 ratings" in panel.note.text()
    panel.field("dim").setValue(12)
    # another file: the defaults for its size, not the choice made for solo.csv
    assert window.open_file(big_long)
    assert window.training_config() == catalog.recommended_spec(read_ratings(big_long)).replace(device="auto")
    # solo.csv again: the choice made for it, still saying that it is a large-data recipe on a small table
    assert window.open_file(solo_path)
    spec = window.training_config()
    assert spec.model == "mf-large" and spec.params.dim == 12 and panel.note_is_warning()


@pytest.mark.parametrize("shape", [(3000, 2500, 60_000), (400, 300, 8_000), (30, 20, 300)])
def test_the_panel_recommends_what_the_engine_recommends(make_window, tmp_path, shape):
    path = write_long(tmp_path / "m.data", *shape)
    window = make_window(path)
    matrix = read_ratings(path)
    large = catalog.is_large(matrix)
    assert window.training_config() == catalog.recommended_spec(matrix).replace(device="auto" if large else "cpu")
    assert ("large-data recipe" in window.panel.note.text()) == large


def test_window_trains_the_large_recipe_with_its_settings(qtbot, make_window, tmp_path):
    path = write_long(tmp_path / "mid.data", 400, 300, 8_000, seed=1)
    window = make_window(path)
    assert model_class(window.training_config().model).large_data
    window.panel.pick_model("mf-large")
    window.panel.field("epochs").setValue(3)
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT) as blocker:
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running())
    outcome = blocker.args[0]
    assert outcome.spec.model == "mf-large" and outcome.spec.device == "auto"
    assert outcome.spec.params == TrainSpec("mf-large").params.replace(epochs=3) and len(outcome.history) == 3
    assert outcome.predictions.shape == (400, 300) and np.isfinite(outcome.predictions).all()


def test_bad_large_recipe_setting_is_refused(make_window, big_long):
    window = make_window(big_long)
    window.panel.pick_model("mf+autorec")
    window.panel.field("blend").setText("1.5")
    assert not window.train()
    assert "weight of mf" in window.last_error and "1.5" in window.last_error and not window.jobs.is_running()
    window._error_box.close()


# -- item names ---------------------------------------------------------------------------


def test_headers_show_names_after_loading_item_names(qtbot, make_window, tmp_path):
    data = write_long(tmp_path / "u.data", 60, 40, 900, seed=2)
    names = write_u_item(tmp_path / "u.item", 45, duplicate=(3, 4))
    window = make_window(data)
    assert window.model.headerData(0, H) == "1"
    with qtbot.waitSignal(window.model.headerDataChanged):
        assert window.item_names.load(names)
    assert window.model.headerData(0, H) == "Film n°1 (1991)"
    assert window.model.headerData(2, H, R.DisplayRole) == "Misérables, Les (1995)"  # latin-1 decoded
    assert "item id 3" in window.model.headerData(2, H, R.ToolTipRole)
    assert window.model.headerData(0, Qt.Orientation.Vertical) == "1"  # users unchanged
    assert window.model.matrix.items[0] == "1"  # the labels stay the ids
    assert "Titles for 40 of 40 items" in window.statusBar().currentMessage()
    # the menu offers it
    assert window.item_names.action in window.file_menu.actions()

    # exports keep the ids unless the user asks for titles
    window.panel.pick_model("baseline")
    window.panel.field("epochs").setValue(2)
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT):
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running())
    ids_out, titles_out = tmp_path / "ids.csv", tmp_path / "titles.csv"
    assert window.export_to(ids_out)
    assert window.export_to(titles_out, titles=True)
    assert read_ratings(ids_out).items == window.model.matrix.items
    back = read_ratings(titles_out)
    assert back.items[0] == "Film n°1 (1991)"
    assert back.items[2] == "Misérables, Les (1995) [3]" and back.items[3] == "Misérables, Les (1995) [4]"
    np.testing.assert_array_equal(back.values, read_ratings(ids_out).values)
    assert not window.is_modified  # loading names is not an edit of the ratings

    # another file: its own ids again
    assert window.open_file(write_long(tmp_path / "other.data", 10, 10, 50, seed=3))
    assert window.model.headerData(0, H) == "1" and window.model.item_titles is None


def test_export_dialog_offers_titles_only_when_loaded(qtbot, window, tmp_path):
    from solorec_gui.ui.export_dialog import ExportDialog

    dialog = ExportDialog(2, False, window, titles_available=window.item_names.loaded)
    box = dialog.titles
    assert not box.isEnabled() and not box.isChecked()
    names = tmp_path / "movies.csv"
    names.write_text(
        "movieId,title,genres\n" + "".join(f'{i},"{i}, The Film",Drama\n' for i in window.model.matrix.items),
        encoding="utf-8",
    )
    # solo.csv's items are names, not ids: the movies.csv above maps them all
    assert window.item_names.load(names)
    dialog2 = ExportDialog(2, False, window, titles_available=window.item_names.loaded)
    box2 = dialog2.titles
    assert box2.isEnabled() and not box2.isChecked()  # ids by default


def test_bad_or_foreign_names_file_changes_nothing(qtbot, make_window, tmp_path):
    data = write_long(tmp_path / "u.data", 30, 20, 300, seed=4)
    window = make_window(data)
    binary = tmp_path / "junk.item"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not window.item_names.load(binary)
    assert "Cannot load item names" in window.statusBar().currentMessage()
    foreign = tmp_path / "foreign.item"
    foreign.write_text("9001|Nothing here|x\n9002|Nor here|y\n", encoding="latin-1")
    assert not window.item_names.load(foreign)
    assert "none of them is an item of this grid" in window.last_error
    assert window.model.item_titles is None and window.model.headerData(0, H) == "1"
    window._error_box.close()


def test_export_labels_are_unique_and_fall_back_to_ids():
    items = ["1", "2", "3", "4", "5"]
    titles = ["A", "A", None, "3", "B\x07"]  # duplicate, missing, equal to another id, unwritable
    labels = export_labels(items, titles)
    assert len(set(labels)) == 5
    assert labels[:2] == ["A [1]", "A [2]"] and labels[4] == "5"


# -- the model on a large matrix ------------------------------------------------------------


def test_qtmodeltester_on_a_large_model_with_titles(qtmodeltester, tmp_path):
    # Qt's tester visits every cell (from C++ into Python): 40 × 3000 keeps it to seconds.
    matrix = read_ratings(write_long(tmp_path / "wide.data", 40, 3000, 20_000, seed=5))
    model = RatingsModel(matrix, QUndoStack())
    model.set_item_titles([f"Title {i}" if k % 3 else None for k, i in enumerate(matrix.items)])
    model.set_predictions(np.full(matrix.shape, 3.0), "test")
    qtmodeltester.check(model, force_py=False)
    assert model.headerData(1, H) == f"Title {matrix.items[1]}" and model.headerData(0, H) == matrix.items[0]


@pytest.mark.slow
@pytest.mark.skipif(not (DATASETS / "ml-100k" / "u.data").exists(), reason="ml-100k not available")
def test_qtmodeltester_on_ml100k(qtmodeltester):
    """Every one of the 1.6 million cells through Qt's model tester (~30 s)."""
    matrix = read_ratings(DATASETS / "ml-100k" / "u.data")
    model = RatingsModel(matrix, QUndoStack())
    qtmodeltester.check(model)


@pytest.mark.skipif(not (DATASETS / "ml-latest-small" / "ratings.csv").exists(), reason="ml-latest-small not available")
def test_ml_latest_small_with_movie_titles(qtbot, make_window):
    window = make_window(DATASETS / "ml-latest-small" / "ratings.csv")
    assert (window.model.rowCount(), window.model.columnCount()) == (610, 9724)
    assert model_class(window.training_config().model).large_data
    assert window.item_names.load(DATASETS / "ml-latest-small" / "movies.csv")
    c = window.model.matrix.items.index("1")
    assert window.model.headerData(c, H) == "Toy Story (1995)"
