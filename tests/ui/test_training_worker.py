"""The worker/runner alone, with fake jobs (no torch): signal order, errors, stop, coalescing."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from solorec_gui.core.errors import TrainingError
from solorec_gui.ui.training_worker import TrainingRunner


def counting_job(epochs, delay=0.0, stop_log=None):
    def job(on_epoch, should_stop):
        done = 0
        for epoch in range(1, epochs + 1):
            if should_stop():
                if stop_log is not None:
                    stop_log.append(epoch)
                break
            if delay:
                time.sleep(delay)
            on_epoch(SimpleNamespace(epoch=epoch, epochs=epochs, loss=1.0 / epoch, val_loss=None))
            done = epoch
        return {"epochs": done}

    return job


@pytest.fixture
def runner(qtbot):
    r = TrainingRunner()
    yield r
    r.shutdown()


def test_signals_in_order_and_every_loss_delivered(qtbot, runner):
    losses = []
    runner.progress.connect(lambda p: losses.extend(p.losses))
    with qtbot.waitSignals([runner.started, runner.finished, runner.idle], order="strict", timeout=10_000):
        runner.start(counting_job(5000))
    assert not runner.is_running()
    assert losses == [1.0 / e for e in range(1, 5001)]


def test_progress_is_coalesced(qtbot, runner):
    signals = []
    runner.progress.connect(signals.append)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.start(counting_job(20_000))
    assert sum(len(p.losses) for p in signals) == 20_000
    assert len(signals) < 2000  # not one queued signal per epoch


def test_engine_error_becomes_failed(qtbot, runner):
    def job(on_epoch, should_stop):
        raise TrainingError("training diverged: the loss became nan at epoch 2")

    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(job)
    assert blocker.args == ["training diverged: the loss became nan at epoch 2"]
    qtbot.waitUntil(lambda: not runner.is_running())


def test_bug_in_job_becomes_failed_not_a_crash(qtbot, runner):
    def job(on_epoch, should_stop):
        raise ZeroDivisionError("oops")

    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(job)
    assert "ZeroDivisionError" in blocker.args[0]


def test_stop_is_honoured_at_the_next_epoch(qtbot, runner):
    stop_log = []
    seen = []
    runner.progress.connect(lambda p: seen.append(p.epoch))
    with qtbot.waitSignal(runner.progress, timeout=10_000):
        runner.start(counting_job(10**9, delay=0.001, stop_log=stop_log))
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        runner.stop()
    assert blocker.args[0]["epochs"] < 10**9 and len(stop_log) == 1


def test_one_job_at_a_time(qtbot, runner):
    runner.start(counting_job(10**9, delay=0.001))
    with pytest.raises(RuntimeError):
        runner.start(counting_job(1))
    assert runner.shutdown() and not runner.is_running()


def test_seconds_left_estimate():
    from solorec_gui.ui.training_worker import Progress

    p = Progress(epoch=11, epochs=101, epochs_done=[11], losses=[0.1], val_losses=[None], elapsed=2.0, epoch_elapsed=1.0)
    assert p.seconds_left == pytest.approx(9.0)
    assert Progress(1, 10, [1], [0.1], [None], 0.1, 0.0).seconds_left is None
