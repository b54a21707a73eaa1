"""Issue 9: each model keeps its own settings; Restore defaults; a file opens with the defaults for its
size unless the user changed them for that file; the carried-over-settings scenario; worse than the mean."""

from __future__ import annotations

import json

import numpy as np
import pytest
from insight_helpers import configure, train_and_wait
from PySide6.QtCore import Qt
from test_scale import write_long

from solorec_gui.core import catalog
from solorec_gui.core.data import read_ratings
from solorec_gui.core.models import TrainSpec, model_class, model_names
from solorec_gui.ui import settings as ui_settings
from solorec_gui.ui.model_settings import ModelSettings, file_key

R = Qt.ItemDataRole
LECTURE = TrainSpec("mf")  # dim 2, 100 epochs, lr 0.1, full batch, seed 43052


@pytest.fixture(scope="module")
def large_file(tmp_path_factory):
    """ml-100k u.data-like: 943 users × 1682 items, more than 5,000 ratings (the large-data recipe)."""
    return write_long(tmp_path_factory.mktemp("large") / "u.data", 943, 1682, 6_000, seed=9)


def test_each_model_keeps_its_own_settings(window):
    panel = window.panel
    assert window.training_config() == LECTURE
    panel.pick_model("nn")
    assert window.training_config().params == model_class("nn").Params()  # NN's own: 1000 epochs, 15,15
    panel.field("epochs").setValue(500)
    panel.pick_model("mf")
    assert window.training_config().params.epochs == 100  # NN → MF does not keep epochs 1000 (or 500)
    panel.field("dim").setValue(3)
    panel.pick_model("nn")
    spec = window.training_config()
    assert spec.params.epochs == 500 and spec.params.dim == 2  # MF's dim 3 stays MF's
    panel.pick_model("mf")
    assert window.training_config().params.dim == 3


def test_restore_defaults_resets_only_the_shown_model(qtbot, make_window, window, solo_path):
    panel = window.panel
    configure(window, "nn", hidden=[8, 4], epochs=300)
    configure(window, "mf", dim=3, lr=0.05)
    assert "Embedding dim 3 (default 2)" in panel.note.text() and "Restore defaults" in panel.note.text()
    panel.restore_button.click()
    assert window.training_config() == LECTURE
    assert "Its default settings" in panel.note.text()
    panel.pick_model("nn")
    assert window.training_config().params.hidden == (8, 4)  # NN keeps its changes
    panel.restore_button.click()
    assert window.training_config().params == model_class("nn").Params()
    configure(window, "nn", epochs=300)
    window.close()
    # remembered for solo.csv: the chosen model and each model's own settings
    other = make_window(solo_path)
    assert other.training_config().model == "nn" and other.training_config().params.epochs == 300
    other.panel.pick_model("mf")
    assert other.training_config() == LECTURE


def test_every_registered_model_has_a_form_that_round_trips(window):
    """The form is generated from each model's Params: no model is written into the window's code."""
    panel = window.panel
    assert [panel.model_combo.itemData(i) for i in range(panel.model_combo.count())] == list(model_names())
    for name in model_names():
        panel.pick_model(name)
        assert window.training_config().params == model_class(name).Params()


def test_garbage_in_the_stored_settings_never_crashes(make_window, solo_path):
    store = ui_settings.qsettings()
    key = file_key(solo_path)
    store.setValue(f"files/{key}/model", "a-model-that-was-removed")
    store.setValue(f"files/{key}/params/mf", "{not json")
    store.setValue(f"files/{key}/params/nn", json.dumps({"epochs": -5, "hidden": [8, 4], "from_an_old_version": 1}))
    store.setValue(f"files/{key}/params/baseline", json.dumps([1, 2, 3]))
    store.setValue(f"files/{key}/device", "quantum")
    store.sync()
    window = make_window(solo_path)
    assert window.training_config() == LECTURE  # unknown model: the recommendation; bad JSON: defaults
    window.panel.pick_model("nn")
    params = window.training_config().params
    assert params.hidden == (8, 4) and params.epochs == 1000  # the valid value kept, the bad one defaulted
    window.panel.pick_model("baseline")
    assert window.training_config().params == model_class("baseline").Params()
    assert ModelSettings(solo_path).device() is None


def test_carried_over_settings_scenario(qtbot, make_window, large_file, solo_path):
    """Issue 9's scenario: a large file, quit, then solo.csv."""
    # 1. A large file: the panel switches to the large-data recipe and says so.
    first = make_window(large_file)
    matrix = read_ratings(large_file)
    assert catalog.is_large(matrix)
    spec = first.training_config()
    assert spec.model == catalog.recommended_model(matrix) and model_class(spec.model).large_data
    assert spec.params == model_class(spec.model).Params()
    assert "large-data recipe" in first.panel.note.text() and "6,000 ratings" in first.panel.note.text()
    # Choosing MF after the large recipe shows MF's own settings, and says MF is meant for small tables.
    first.panel.pick_model("mf")
    assert first.training_config().params == LECTURE.params
    assert first.panel.note_is_warning() and "small-table recipe" in first.panel.note.text()
    first.panel.pick_model(spec.model)
    first.close()  # quit

    # 2. Start again on solo.csv: the lecture's MF defaults (dim 2, 100 epochs, lr 0.1, full batch).
    second = make_window(solo_path)
    spec = second.training_config()
    p = spec.params
    assert (spec.model, p.dim, p.epochs, p.lr, p.batch_size) == ("mf", 2, 100, 0.1, 0)
    note = second.panel.note.text()
    assert "the lecture's MF" in note and "Its default settings" in note and not second.panel.note_is_warning()

    # 3. F5 with the settings the old window carried over must not be reported as a normal success.
    configure(second, "mf", dim=64, epochs=25, lr=0.01, batch_size=8192)
    failed = []
    second.trainingFailed.connect(failed.append)
    outcome = train_and_wait(qtbot, second)
    assert outcome.warning and "worse than predicting every rating with the mean" in outcome.warning
    status = second.panel.progress_label.text()
    assert status.startswith("Not trustworthy") and not status.startswith("Trained")
    assert "worse than predicting every rating with the mean" in status
    box = second._error_box
    assert box is not None and box.isVisible() and box.windowTitle() == "Not trustworthy: worse than the mean"
    assert second.grid.warning_banner.isVisibleTo(second)
    m = second.model.matrix
    r, c = m.users.index("하니(I)"), m.items.index("영호(IS)")
    assert second.model.predictions[r, c] < 0.1  # the nonsense the old window showed as a success
    assert "Not trustworthy" in second.model.data(second.model.index(r, c), R.ToolTipRole)
    assert not failed
    box.close()

    # 4. Restore defaults: the lecture's result again, a normal success without warning.
    second.panel.restore_button.click()
    outcome = train_and_wait(qtbot, second)
    assert outcome.warning is None and second.panel.progress_label.text().startswith("Trained MF")
    assert not second.grid.warning_banner.isVisibleTo(second)
    assert second.model.predictions[r, c] > 4  # the lecture's 4.90


def test_the_large_recipe_on_a_small_table_is_said_in_the_panel(window):
    for name in model_names():
        window.panel.pick_model(name)
        assert window.panel.note_is_warning() == model_class(name).large_data, name


def test_device_follows_the_files_size_unless_changed(make_window, large_file, solo_path):
    window = make_window(large_file)
    assert window.training_config().device == "auto"
    assert window.open_file(solo_path)
    assert window.training_config().device == "cpu"


def test_training_a_large_recipe_on_a_small_table_says_so_before_and_after(qtbot, window):
    window.panel.pick_model("mf-large")
    window.panel.field("epochs").setValue(3)
    assert window.panel.note_is_warning()
    outcome = train_and_wait(qtbot, window)
    assert outcome.spec.model == "mf-large" and np.isfinite(outcome.predictions).all()
    assert window.panel.note_is_warning()  # still said after the run


def test_rankers_fill_the_recommendations_not_the_grid(qtbot, window):
    """A registered model that ranks items but predicts no ratings (``rates = False``) never fills the grid."""
    rankers = [n for n in model_names() if not model_class(n).rates]
    if not rankers:
        pytest.skip("no ranker registered")
    assert not set(rankers) & set(window.insight.evaluation.model_boxes)  # no RMSE: not compared
    for name in rankers:
        window.panel.pick_model(name)
        assert "does not fill the grid" in window.panel.note.text()
        outcome = train_and_wait(qtbot, window)
        assert outcome.spec.model == name
        assert window.model.predictions is None and window.last_outcome is outcome
        assert "Recommend tab" in window.panel.progress_label.text()
        window.insight.recommend.select_user(0)
        assert window.insight.recommend.user_list()  # its top-N list
        assert not window.insight.run_crossval(3)  # held-out RMSE needs ratings
        window._error_box.close()


def test_save_as_takes_the_shown_settings_to_the_new_file(qtbot, make_window, solo_path, tmp_path):
    window = make_window(solo_path)
    configure(window, "mf", dim=5)
    target = tmp_path / "mine.csv"
    assert window.save_to(target)
    assert window.training_config().params.dim == 5
    assert ModelSettings(target).params("mf").dim == 5
