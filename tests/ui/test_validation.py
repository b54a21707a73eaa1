"""Validation in the window: the live validation curve, early stopping, k-fold, compare, ensembles."""

from __future__ import annotations

import numpy as np
import pytest
from insight_helpers import TIMEOUT, train_and_wait, wait_idle
from PySide6.QtCore import Qt

from solorec_gui.core.data import export_completed, read_ratings
from solorec_gui.core.eval import compare, ensemble_fit, errors_on, evaluate, holdout_split, verdict
from solorec_gui.core.fit import fit
from solorec_gui.core.models import TrainSpec

R = Qt.ItemDataRole


def test_validation_curve_equals_engine_val_history(qtbot, window, fast_config):
    fast_config(epochs=60)
    window.panel.validation.set_options(holdout_percent=10)
    outcome = train_and_wait(qtbot, window)

    x, y = window.loss_plot.drawn_data("valid")
    assert len(outcome.val_history) == 60
    assert np.array_equal(x, np.arange(1, 61)) and np.allclose(y, outcome.val_history)
    assert window.loss_plot.plot_widget.getPlotItem().legend is not None

    # the same split and run through the engine directly
    matrix = read_ratings(window.path)
    train_mask, valid_mask = holdout_split(matrix, 0.10, 43052)
    assert valid_mask.sum() == 6  # 10 % of 63 known ratings
    assert np.array_equal(outcome.valid_mask, valid_mask)
    engine = fit(matrix, TrainSpec().with_params(epochs=60), train_mask=train_mask, valid_mask=valid_mask)
    assert np.allclose(outcome.val_history, engine.val_history)
    assert np.allclose(outcome.history, engine.history)

    # train/validation RMSE and MAE shown at the end
    tr = errors_on(engine, matrix, train_mask)
    va = errors_on(engine, matrix, valid_mask)
    text = window.panel.validation.result.text()
    assert f"Train RMSE {tr[0]:.3f} · MAE {tr[1]:.3f} ({tr[2]} ratings)" in text
    assert f"Validation RMSE {va[0]:.3f} · MAE {va[1]:.3f} (6 held out)" in text
    # without early stopping the marker shows the lowest validation loss
    assert window.loss_plot.marked_epoch == int(np.argmin(engine.val_history)) + 1


def test_validation_curve_streams_while_training(qtbot, window, fast_config):
    fast_config(epochs=3000)
    window.panel.validation.set_options(holdout_percent=20)
    seen = []
    window.jobs.progress.connect(lambda p: seen.append(len(window.loss_plot.y_data("valid"))))
    outcome = train_and_wait(qtbot, window)
    assert any(0 < n < 3000 for n in seen)  # the curve grew during the run, not only at the end
    assert np.allclose(window.loss_plot.y_data("valid"), outcome.val_history)


def test_early_stopping_marks_best_epoch(qtbot, window, fast_config):
    fast_config(model="nn", epochs=1000)
    window.panel.validation.set_options(holdout_percent=10, patience=20)
    outcome = train_and_wait(qtbot, window)

    matrix = read_ratings(window.path)
    train_mask, valid_mask = holdout_split(matrix, 0.10, 43052)
    engine = fit(matrix, TrainSpec("nn", patience=20).with_params(epochs=1000), train_mask=train_mask, valid_mask=valid_mask)
    assert len(outcome.history) == len(engine.history) < 1000  # it stopped early
    assert outcome.best_epoch == engine.best_epoch
    assert window.loss_plot.marked_epoch == engine.best_epoch
    assert np.argmin(outcome.val_history) + 1 == engine.best_epoch
    assert f"Early stopping kept epoch {engine.best_epoch} of {len(engine.history)}" in window.panel.validation.result.text()
    assert np.allclose(outcome.predictions, engine.predict_matrix())


def test_plain_training_hides_the_validation_curve(qtbot, window, fast_config):
    fast_config(epochs=20)
    outcome = train_and_wait(qtbot, window)
    assert outcome.val_history == []
    assert not window.loss_plot._curves["valid"][0].isVisible()
    assert window.loss_plot.marked_epoch is None


def test_crossval_table_matches_engine(qtbot, window, fast_config):
    config = fast_config(epochs=40)
    panel = window.insight.evaluation
    panel.folds.setValue(3)
    with qtbot.waitSignal(window.jobs.finished, timeout=TIMEOUT):
        panel.crossval_button.click()
    wait_idle(qtbot, window)
    engine = evaluate(read_ratings(window.path), TrainSpec().with_params(epochs=40, seed=config["seed"]), folds=3)
    table = panel.table
    assert table.rowCount() == 4
    for k, fold in enumerate(engine.folds):
        assert table.item(k, 1).text() == f"{fold.rmse:.4f}"
        assert table.item(k, 2).text() == f"{fold.mae:.4f}"
        assert int(table.item(k, 5).text()) == fold.n_test
    assert table.item(3, 1).text() == f"{engine.rmse_mean:.4f} ± {engine.rmse_sd:.4f}"
    assert table.item(3, 2).text() == f"{engine.mae_mean:.4f} ± {engine.mae_sd:.4f}"
    assert panel.crossval_button.isEnabled()


def test_crossval_can_be_cancelled(qtbot, window, fast_config):
    fast_config(epochs=1_000_000)
    panel = window.insight.evaluation
    with qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT):
        panel.crossval_button.click()
    assert not panel.crossval_button.isEnabled()
    assert window.panel.progress.maximum() == 5 * 1_000_000
    with qtbot.waitSignal(window.jobs.cancelled, timeout=TIMEOUT):
        window.stop()
    wait_idle(qtbot, window)
    assert "stopped" in panel.summary.text()
    assert window.panel.progress_label.text().startswith("Stopped") and window._error_box is None
    assert panel.table.rowCount() == 0
    assert panel.crossval_button.isEnabled()


def test_compare_table_and_difference_view(qtbot, window, fast_config, tmp_path):
    """Each model is compared with its own settings (here MF's 30 epochs; NN and the baseline keep theirs)."""
    config = fast_config(epochs=30)
    train_and_wait(qtbot, window)
    panel = window.insight.evaluation
    panel.folds.setValue(2)
    panel.set_default_models(["mf", "nn", "baseline"])
    with qtbot.waitSignal(window.jobs.finished, timeout=TIMEOUT):
        panel.compare_button.click()
    wait_idle(qtbot, window)
    matrix = read_ratings(window.path)
    specs = {"mf": TrainSpec().with_params(epochs=30), "nn": TrainSpec("nn"), "baseline": TrainSpec("baseline")}
    rows = compare(matrix, specs, folds=2, seed=config["seed"])
    assert panel.table.rowCount() == 3
    for k, row in enumerate(rows):
        assert panel.table.item(k, 1).text() == specs[row.model].summary() == row.settings  # its own settings
        assert panel.table.item(k, 2).text() == f"{row.rmse:.4f} ± {row.rmse_sd:.4f}"
        assert panel.table.item(k, 3).text() == f"{row.mae:.4f} ± {row.mae_sd:.4f}"
    assert "1000 epochs" in panel.table.item(1, 1).text() and "30 epochs" in panel.table.item(0, 1).text()
    # a winner is named only when the engine's verdict names one (lead larger than the spread)
    assert ("Winner: " in panel.summary.text()) == (verdict(rows).winner is not None)
    assert ("No clear winner" in panel.summary.text()) == (verdict(rows).winner is None)
    # the loss tab shows the grid's model again afterwards
    assert len(window.loss_plot.y_data()) == 30

    assert panel.diff_box.isEnabled()
    trained = window.model.predictions.copy()
    panel.diff_box.setChecked(True)
    model = window.model
    missing = np.argwhere(np.isnan(model.matrix.values))
    levels = [model.shade_level(int(r), int(c)) for r, c in missing]
    assert min(levels) >= 0 and max(levels) == 7  # the largest difference is the darkest
    assert model.shade_level(0, 1) == -1  # known cells are not shaded
    r, c = missing[int(np.argmax(levels))]
    tip = model.data(model.index(int(r), int(c)), R.ToolTipRole)
    assert "MF" in tip and "NN" in tip and "|difference|" in tip
    assert "MF vs NN" in panel.diff_label.text()
    # the text and the grid show the same predictions: MF's from the comparison, while the shading is on
    compared = panel.last_compare.predictions
    shown = model.data(model.index(int(r), int(c)))
    assert shown == f"{compared['mf'][r, c]:.2f}"
    assert f"MF {shown}, NN {compared['nn'][r, c]:.2f}" in panel.diff_label.text()
    assert window.grid.overlay_banner.isVisibleTo(window)
    # Export writes the document's own (trained) predictions, never the comparison's shown for a while
    assert window.export_to(tmp_path / "during.csv")
    export_completed(window.model.matrix, trained, tmp_path / "trained.csv")
    assert (tmp_path / "during.csv").read_bytes() == (tmp_path / "trained.csv").read_bytes()
    panel.diff_box.setChecked(False)
    assert all(model.shade_level(int(r), int(c)) == -1 for r, c in missing)
    np.testing.assert_array_equal(model.predictions, trained)  # back to the trained model's predictions
    assert not window.grid.overlay_banner.isVisibleTo(window)


def test_ensemble_shows_mean_and_spread(qtbot, window, fast_config):
    fast_config(epochs=40)
    window.panel.validation.set_options(ensemble=3)
    outcome = train_and_wait(qtbot, window)
    mean, std, results = ensemble_fit(read_ratings(window.path), TrainSpec().with_params(epochs=40), 3)
    assert outcome.members == 3
    assert np.allclose(window.model.predictions, mean)
    assert np.allclose(outcome.spread, std)
    model = window.model
    missing = np.argwhere(np.isnan(model.matrix.values))
    spreads = [std[r, c] for r, c in missing]
    r, c = missing[int(np.argmax(spreads))]
    assert model.shade_level(int(r), int(c)) == 7
    tip = model.data(model.index(int(r), int(c)), R.ToolTipRole)
    assert f"spread (sd) {std[r, c]:.3f}" in tip and f"mean {mean[r, c]:.3f}" in tip
    assert model.data(model.index(int(r), int(c))) == f"{mean[r, c]:.2f}"
    assert "Ensemble of 3 seeds" in window.panel.validation.result.text()
    assert len(outcome.history) == 40  # the members' mean loss per epoch


def test_ensemble_cannot_be_saved_as_one_model(qtbot, window, fast_config, tmp_path):
    fast_config(epochs=10)
    window.panel.validation.set_options(ensemble=2)
    train_and_wait(qtbot, window)
    assert not window.model_files.save_model_to(tmp_path / "m.solorec.pt")
    assert "ensemble" in window.last_error
    assert not (tmp_path / "m.solorec.pt").exists()


@pytest.mark.parametrize("percent", [1, 50])
def test_holdout_extremes_hold_out_at_least_one(qtbot, window, fast_config, percent):
    fast_config(epochs=5)
    window.panel.validation.set_options(holdout_percent=percent)
    outcome = train_and_wait(qtbot, window)
    assert outcome.valid_errors[2] == max(1, round(63 * percent / 100))
