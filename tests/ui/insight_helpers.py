"""Shared helpers for the issue-4 window tests (validation, map, recommendations, model files)."""

from __future__ import annotations

TIMEOUT = 120_000


def train_and_wait(qtbot, window):
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT) as blocker:
        assert window.train()
    qtbot.waitUntil(lambda: not window.runner.is_running(), timeout=TIMEOUT)
    return blocker.args[0]


def wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.runner.is_running(), timeout=TIMEOUT)
    qtbot.wait(10)  # let the queued finished/idle slots run
