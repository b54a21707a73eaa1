"""The job protocol alone, with fake jobs (no torch): signal order, the three outcomes, stop, coalescing,
partial results."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from solorec_gui.core.errors import Cancelled, TrainingError
from solorec_gui.ui.jobs import JobController, Progress


def counting_job(epochs, delay=0.0, stop_log=None, stopped_result=False):
    def job(state):
        done = 0
        for epoch in range(1, epochs + 1):
            if state.should_stop():
                if stop_log is not None:
                    stop_log.append(epoch)
                break
            if delay:
                time.sleep(delay)
            state.epoch(SimpleNamespace(epoch=epoch, epochs=epochs, loss=1.0 / epoch, val_loss=None))
            done = epoch
        if stopped_result:
            return SimpleNamespace(epochs=done, stopped=done < epochs)
        return {"epochs": done}

    return job


@pytest.fixture
def jobs(qtbot):
    r = JobController()
    yield r
    r.shutdown()


def test_signals_in_order_and_every_loss_delivered(qtbot, jobs):
    losses = []
    ended = []
    jobs.progress.connect(lambda p: losses.extend(p.losses))
    with qtbot.waitSignals([jobs.started, jobs.finished, jobs.ended, jobs.idle], order="strict", timeout=10_000):
        jobs.start(counting_job(5000), "training", ended.append)
    assert not jobs.is_running()
    assert losses == [1.0 / e for e in range(1, 5001)]
    assert len(ended) == 1 and ended[0].finished and ended[0].value == {"epochs": 5000}


def test_progress_is_coalesced(qtbot, jobs):
    signals = []
    jobs.progress.connect(signals.append)
    with qtbot.waitSignal(jobs.idle, timeout=10_000):
        jobs.start(counting_job(20_000), "training")
    assert sum(len(p.losses) for p in signals) == 20_000
    assert len(signals) < 2000  # not one queued signal per epoch


def test_engine_error_is_a_failure(qtbot, jobs):
    def job(state):
        raise TrainingError("training diverged: the loss became nan at epoch 2")

    ended = []
    with qtbot.waitSignal(jobs.failed, timeout=10_000) as blocker:
        jobs.start(job, "cross-validation", ended.append)
    assert blocker.args == ["cross-validation", "training diverged: the loss became nan at epoch 2"]
    assert ended[0].failed and not ended[0].cancelled
    qtbot.waitUntil(lambda: not jobs.is_running())


def test_bug_in_job_is_a_failure_not_a_crash(qtbot, jobs):
    def job(state):
        raise ZeroDivisionError("oops")

    with qtbot.waitSignal(jobs.failed, timeout=10_000) as blocker:
        jobs.start(job, "training")
    assert "ZeroDivisionError" in blocker.args[1]


def test_cancelled_is_its_own_outcome(qtbot, jobs):
    """An evaluation stopped by the user raises Cancelled: reported as cancelled, never as a failure."""

    def job(state):
        while not state.should_stop():
            time.sleep(0.001)
        raise Cancelled()

    ended, failed = [], []
    jobs.failed.connect(lambda *a: failed.append(a))
    jobs.start(job, "ensemble", ended.append)
    with qtbot.waitSignal(jobs.cancelled, timeout=10_000) as blocker:
        jobs.cancel()
    assert blocker.args == ["ensemble", None]
    assert ended[0].cancelled and not failed


def test_stop_is_honoured_at_the_next_epoch(qtbot, jobs):
    stop_log = []
    seen = []
    jobs.progress.connect(lambda p: seen.append(p.epoch))
    with qtbot.waitSignal(jobs.progress, timeout=10_000):
        jobs.start(counting_job(10**9, delay=0.001, stop_log=stop_log, stopped_result=True), "training")
    with qtbot.waitSignal(jobs.cancelled, timeout=10_000) as blocker:
        jobs.stop()
    kind, partial = blocker.args
    assert kind == "training" and partial.stopped and partial.epochs < 10**9 and len(stop_log) == 1


def test_a_result_that_was_not_stopped_is_finished_even_after_a_late_stop(qtbot, jobs):
    def job(state):
        state.should_stop()
        time.sleep(0.05)
        return SimpleNamespace(stopped=False)

    jobs.start(job, "training")
    jobs.cancel()  # too late: the job had already done its work
    with qtbot.waitSignal(jobs.finished, timeout=10_000):
        pass


def test_partial_results_and_status(qtbot, jobs):
    partial, status = [], []
    jobs.partial.connect(partial.append)
    jobs.status.connect(status.append)

    def job(state):
        state.set_status("fold 1 of 2")
        if state.partial_wanted:
            state.set_partial_result(("map", 1))
        return 1

    with qtbot.waitSignal(jobs.idle, timeout=10_000):
        jobs.start(job, "training")
    assert partial == [("map", 1)] and status == ["fold 1 of 2"]
    jobs.partial_wanted = False
    partial.clear()
    with qtbot.waitSignal(jobs.idle, timeout=10_000):
        jobs.start(job, "training")
    assert partial == []


def test_discard_drops_the_result(qtbot, jobs):
    ended = []
    jobs.ended.connect(ended.append)
    jobs.start(counting_job(10**9, delay=0.001), "training", ended.append)
    assert jobs.discard()
    qtbot.waitUntil(lambda: not jobs.is_running(), timeout=10_000)
    qtbot.wait(20)
    assert ended == []


def test_one_job_at_a_time(qtbot, jobs):
    jobs.start(counting_job(10**9, delay=0.001), "training")
    with pytest.raises(RuntimeError):
        jobs.start(counting_job(1), "training")
    assert jobs.shutdown() and not jobs.is_running()


def test_phases_reach_the_progress(qtbot, jobs):
    def job(state):
        for e in range(1, 61):
            phase = 0 if e <= 25 else 1
            state.epoch(SimpleNamespace(epoch=e, epochs=60, loss=1.0, val_loss=None, phase=("MF", "AutoRec")[phase],
                                        phase_index=phase, phases=2))
        return 1

    seen = []
    jobs.progress.connect(seen.append)
    with qtbot.waitSignal(jobs.idle, timeout=10_000):
        jobs.start(job, "training")
    last = seen[-1]
    assert (last.epoch, last.epochs, last.phase, last.phases) == (60, 60, "AutoRec", 2)
    assert sum(p.phase_of.count(0) for p in seen) == 25 and last.phase_names == {0: "MF", 1: "AutoRec"}


def test_seconds_left_estimate():
    p = Progress(epoch=11, epochs=101, epochs_done=[11], losses=[0.1], val_losses=[None], elapsed=2.0, epoch_elapsed=1.0)
    assert p.seconds_left == pytest.approx(9.0)
    assert Progress(1, 10, [1], [0.1], [None], 0.1, 0.0).seconds_left is None
