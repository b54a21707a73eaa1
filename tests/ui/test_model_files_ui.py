"""File menu: Save model…, Load model… (predict without retraining) and Export long CSV…."""

from __future__ import annotations

import numpy as np
from insight_helpers import train_and_wait
from PySide6.QtCore import Qt

from solorec_gui.core.data import export_completed, read_ratings
from solorec_gui.core.fit import fit
from solorec_gui.core.modelfile import save_model
from solorec_gui.core.models import TrainSpec

R = Qt.ItemDataRole


def _state(window):
    model = window.model
    return (
        None if model.predictions is None else model.predictions.copy(),
        model.prediction_note,
        model.matrix.values.copy(),
        window.windowTitle(),
        window.undo_stack.index(),
        window.last_outcome,
        model.stale,
    )


def _same(a, b):
    pa, pb = a[0], b[0]
    assert (pa is None) == (pb is None)
    if pa is not None:
        assert np.array_equal(pa, pb)
    assert a[1:2] == b[1:2]
    assert np.array_equal(a[2], b[2], equal_nan=True)
    assert a[3:] == b[3:]


def test_menu_has_the_actions(window):
    texts = [a.text().replace("&", "") for a in window.file_menu.actions()]
    for name in ("Save model…", "Load model…", "Export long CSV…"):
        assert name in texts
    assert texts.index("Load model…") < texts.index("Quit")


def test_save_then_load_gives_identical_predictions(qtbot, make_window, fast_config, window, tmp_path):
    fast_config(model="nn", epochs=40)
    outcome = train_and_wait(qtbot, window)
    path = tmp_path / "solo-nn.solorec.pt"
    assert window.model_files.save_model_to(path)
    trained = window.model.predictions.copy()

    fresh = make_window()  # another window, nothing trained
    assert fresh.model.predictions is None
    assert fresh.model_files.load_model_from(path)
    assert np.array_equal(fresh.model.predictions, trained)
    assert "loaded from solo-nn.solorec.pt" in fresh.model.prediction_note
    # the panels treat it like a finished training: loss history, map, recommendations, explanations
    assert np.allclose(fresh.loss_plot.y_data(), outcome.history)
    assert np.allclose(fresh.insight.map.points()[0], window.insight.map.points()[0])
    for w in (fresh, window):
        w.view.setCurrentIndex(w.model.index(4, 1))
    assert fresh.insight.recommend.user_list() == window.insight.recommend.user_list() != []
    assert "users with similar embeddings" in fresh.model.data(fresh.model.index(0, 0), R.ToolTipRole)
    # and editing afterwards marks the loaded predictions stale, like a training's (live what-if off)
    fresh.live.set_enabled(False)
    fresh.model.setData(fresh.model.index(0, 1), "1")
    assert fresh.model.stale


def test_load_reproduces_the_engine_run(qtbot, window, tmp_path):
    matrix = read_ratings(window.path)
    result = fit(matrix, TrainSpec().with_params(epochs=30))
    save_model(tmp_path / "m.solorec.pt", result, matrix)
    assert window.model_files.load_model_from(tmp_path / "m.solorec.pt")
    assert np.array_equal(window.model.predictions, result.predict_matrix())


def test_bad_model_file_leaves_the_document_unchanged(qtbot, window, fast_config, tmp_path):
    fast_config(epochs=20)
    train_and_wait(qtbot, window)
    window.model.setData(window.model.index(0, 1), "3")  # an unsaved edit
    before = _state(window)
    bad = tmp_path / "bad.solorec.pt"
    bad.write_bytes(b"PK\x03\x04 this is no model" * 10)
    assert not window.model_files.load_model_from(bad)
    _same(before, _state(window))
    assert "not a usable SoloRec model file" in window.last_error
    assert "Nothing was changed" in window.last_error


def test_mismatching_model_is_refused(qtbot, window, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(",a,b\nx,1,\ny,,2\n", encoding="utf-8")
    matrix = read_ratings(other)
    save_model(tmp_path / "other.solorec.pt", fit(matrix, TrainSpec().with_params(epochs=5)), matrix)
    before = _state(window)
    assert not window.model_files.load_model_from(tmp_path / "other.solorec.pt")
    _same(before, _state(window))
    assert "does not match" in window.last_error


def test_missing_model_file(window, tmp_path):
    before = _state(window)
    assert not window.model_files.load_model_from(tmp_path / "nope.solorec.pt")
    _same(before, _state(window))
    assert "no such file" in window.last_error


def test_save_without_training_explains(window, tmp_path):
    assert not window.model_files.save_model_to(tmp_path / "m.solorec.pt")
    assert "Train a model first" in window.last_error


def test_export_long_csv_matches_engine(qtbot, window, fast_config, tmp_path):
    fast_config(epochs=20)
    train_and_wait(qtbot, window)
    ours, engine = tmp_path / "ours.csv", tmp_path / "engine.csv"
    assert window.model_files.export_long_to(ours)
    export_completed(window.model.matrix, window.model.predictions, engine, decimals=2, layout="long")
    assert ours.read_bytes() == engine.read_bytes()
    header = ours.read_text(encoding="utf-8").splitlines()[0]
    assert header == "user,item,rating,is_predicted"
