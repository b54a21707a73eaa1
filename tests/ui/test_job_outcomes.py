"""One job protocol for every kind of job: a stop is "Stopped", a failure is a failure, for training,
validation, cross-validation, comparison and ensembles; the blend's two phases in the progress and the plot."""

from __future__ import annotations

import numpy as np
import pytest
from insight_helpers import TIMEOUT, configure, train_and_wait, wait_idle
from test_scale import write_long

from solorec_gui.core.models import model_class
from solorec_gui.ui.jobs import kind_title

KINDS = ["training", "validation", "cross-validation", "comparison", "ensemble"]


def start(window, kind: str) -> None:
    """Start a job of ``kind`` with the panel as it is."""
    options = window.panel.validation
    evaluation = window.insight.evaluation
    if kind == "training":
        options.set_options()
        assert window.train()
    elif kind == "validation":
        options.set_options(holdout_percent=10)
        assert window.train()
    elif kind == "ensemble":
        options.set_options(ensemble=3)
        assert window.train()
    elif kind == "cross-validation":
        options.set_options()
        evaluation.folds.setValue(3)
        evaluation.crossval_button.click()
    else:
        options.set_options()
        evaluation.folds.setValue(2)
        evaluation.set_default_models(["mf", "baseline"])
        evaluation.compare_button.click()
    assert window.jobs.is_running() and window.jobs.kind == kind


def outcomes(window):
    seen = {"finished": [], "cancelled": [], "failed": [], "training_failed": []}
    window.jobs.finished.connect(lambda kind, value: seen["finished"].append(kind))
    window.jobs.cancelled.connect(lambda kind, value: seen["cancelled"].append(kind))
    window.jobs.failed.connect(lambda kind, message: seen["failed"].append(kind))
    window.trainingFailed.connect(seen["training_failed"].append)
    return seen


@pytest.mark.parametrize("kind", KINDS)
def test_esc_shows_stopped_never_a_failure(qtbot, window, kind):
    configure(window, "mf", epochs=1_000_000)
    seen = outcomes(window)
    with qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT):
        start(window, kind)
    with qtbot.waitSignal(window.jobs.idle, timeout=TIMEOUT):
        window.stop_action.trigger()  # Esc
    wait_idle(qtbot, window)
    assert seen["cancelled"] == [kind] and not seen["failed"] and not seen["finished"]
    assert not seen["training_failed"]
    label = window.panel.progress_label.text()
    assert label.startswith("Stopped"), label
    assert "failed" not in label.lower()
    assert "Stopped" in window.statusBar().currentMessage()
    assert window._error_box is None  # no warning, certainly none titled "Training failed"
    if kind in ("training", "validation"):
        assert window.last_outcome.stopped and "stopped early" in window.model.prediction_note
    else:
        assert window.model.predictions is None  # nothing half-done is shown as a result
    assert window.panel.train_button.isEnabled() and not window.stop_action.isEnabled()


@pytest.mark.parametrize("kind", KINDS)
def test_a_failure_shows_a_failure(qtbot, window, kind):
    configure(window, "mf", epochs=50, lr=1e6)  # the sigmoid saturates: the engine refuses the diverged run
    seen = outcomes(window)
    with qtbot.waitSignal(window.jobs.idle, timeout=TIMEOUT):
        start(window, kind)
    wait_idle(qtbot, window)
    assert seen["failed"] == [kind] and not seen["cancelled"] and not seen["finished"]
    title = f"{kind_title(kind)} failed"
    box = window._error_box
    assert box is not None and box.isVisible() and box.windowTitle() == title
    assert "diverged" in box.text()
    assert window.panel.progress_label.text().startswith(title)
    assert window.model.predictions is None
    assert bool(seen["training_failed"]) == (kind in ("training", "validation", "ensemble"))
    box.close()


def test_esc_during_an_ensemble_is_not_training_failed(qtbot, window):
    """The issue's case in words: Esc during an ensemble opens no warning titled "Training failed"."""
    configure(window, "mf", epochs=1_000_000)
    with qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT):
        start(window, "ensemble")
    with qtbot.waitSignal(window.jobs.cancelled, timeout=TIMEOUT):
        window.stop()
    wait_idle(qtbot, window)
    assert window._error_box is None or window._error_box.windowTitle() != "Training failed"
    assert "ensemble" in window.panel.progress_label.text().lower()
    # and F5 works again afterwards
    configure(window, "mf", epochs=20)
    window.panel.validation.set_options()
    assert train_and_wait(qtbot, window).members == 1


@pytest.fixture(scope="module")
def mid_file(tmp_path_factory):
    """400 users × 300 items, 8,000 ratings: large data (the large-data recipe is shown)."""
    return write_long(tmp_path_factory.mktemp("blend") / "mid.data", 400, 300, 8_000, seed=1)


def test_the_blend_runs_to_its_real_total_with_both_phases(qtbot, make_window, mid_file):
    window = make_window(mid_file)
    assert window.training_config().model == "blend-bpmf"  # the large-data default; this test is about mf+autorec
    window.panel.pick_model("mf+autorec")
    assert window.training_config().model == "mf+autorec"
    params = window.training_config().params
    mf_epochs, ar_epochs = params.mf.epochs, params.autorec.epochs
    total = mf_epochs + ar_epochs
    assert total == 60  # with the defaults
    maxima, labels, phases = [], [], set()

    def seen(progress):
        maxima.append(progress.epochs)
        labels.append(window.panel.progress_label.text())
        phases.update(progress.phase_of)

    window.jobs.progress.connect(seen)
    assert window.train()
    assert window.panel.progress.maximum() == 60  # the real total from the start
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT) as blocker:
        pass
    wait_idle(qtbot, window)
    outcome = blocker.args[0]
    assert len(outcome.history) == 60 and set(maxima) == {60} and phases == {0, 1}
    assert window.panel.progress.value() == window.panel.progress.maximum() == 60
    assert any("MF for large data" in t for t in labels) and any("I-AutoRec" in t for t in labels)
    # the loss plot: one curve per phase, named, and a separator between them (no spliced curve)
    curves = window.loss_plot.phase_curves()
    assert [name for name, _, _ in curves] == [
        f"training loss: {model_class('mf-large').display_name}",
        f"training loss: {model_class('autorec').display_name}",
    ]
    (_, x1, y1), (_, x2, y2) = curves
    assert np.array_equal(x1, np.arange(1, mf_epochs + 1)) and np.array_equal(x2, np.arange(mf_epochs + 1, 61))
    assert np.allclose(np.concatenate([y1, y2]), outcome.history)
    assert window.loss_plot.separator_epochs() == [mf_epochs + 0.5]
    # the final status names both phases' losses
    status = window.panel.progress_label.text()
    spans = outcome.phases
    assert status.startswith("Trained")
    for span in spans:
        assert f"{span.name} final loss {outcome.history[span.stop - 1]:.5g}" in status


def test_one_phase_models_have_one_curve_and_no_separator(qtbot, window):
    configure(window, "mf", epochs=30)
    train_and_wait(qtbot, window)
    curves = window.loss_plot.phase_curves()
    assert [name for name, _, _ in curves] == ["training loss"]
    assert window.loss_plot.separator_epochs() == []


def test_a_long_epoch_streams_its_running_loss_to_the_plot_and_the_label(qtbot, make_window, mid_file, monkeypatch):
    """25 M ratings take ~35 s an epoch: within it the curve gains points at epoch − 1 + fraction (the running
    mean of the batches' losses) and the label says how far the epoch is. Here every batch is reported."""
    import solorec_gui.core.fit as fit_module

    monkeypatch.setattr(fit_module, "BATCH_REPORT_SECONDS", 0.0)
    window = make_window(mid_file)
    configure(window, "mf-large", batch_size=2000, epochs=3)
    seen = []

    def look(report):  # connected after the trainer's slot: sees the window as the report left it
        seen.append((report.epoch, report.fraction, window.panel.progress_label.text(), window.loss_plot.x_data()))

    window.jobs.batch.connect(look)
    outcome = train_and_wait(qtbot, window)
    assert not outcome.stopped and len(outcome.history) == 3
    assert [(e, round(f, 2)) for e, f, _, _ in seen] == [(e, f) for e in (1, 2, 3) for f in (0.25, 0.5, 0.75)]
    for epoch, fraction, label, xs in seen:
        assert xs[-1] == pytest.approx(epoch - 1 + fraction)  # the newest point: within the epoch
        assert np.all(np.diff(xs) > 0)  # in order: epochs and fractions never interleave backwards
        assert f"{fraction * 100:.0f} %" in label and "3" in label
    # At the end the curve is the epochs' history again.
    assert window.loss_plot.phase_curves()[0][1].tolist() == [1.0, 2.0, 3.0]
