"""Shared helpers for the window tests: set the panel, train and wait."""

from __future__ import annotations

from solorec_gui.core.errors import ConfigError
from solorec_gui.core.models import TrainSpec

TIMEOUT = 120_000


def configure(window, model: str | None = None, **values):
    """Show ``model`` (default MF) with its own defaults, then type ``values`` into its form
    (names the model does not have are ignored). Returns the settings as a dict (``model`` + params)."""
    panel = window.panel
    panel.set_spec(TrainSpec(model or "mf", device=panel.device.currentData() or "cpu"))
    panel.set_values(**values)
    try:
        spec = panel.spec()
    except ConfigError:
        return None  # a setting the engine refuses (the test checks the refusal)
    return {"model": spec.model, **spec.params.to_dict()}


def train_and_wait(qtbot, window):
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT) as blocker:
        assert window.train()
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    return blocker.args[0]


def wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    qtbot.wait(10)  # let the queued finished/idle slots run
