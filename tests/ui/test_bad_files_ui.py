"""Every malformed file of the corpus, opened in the window: a dialog with the engine's
message (and line/column), and the open document stays open and unchanged."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from solorec_gui.core.data import read_ratings
from solorec_gui.core.errors import InputError

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
EXPECTED = tomllib.loads((BAD / "EXPECTED.toml").read_text(encoding="utf-8"))


def state(window):
    """Everything a refused open must leave as it was."""
    m = window.model.matrix
    return (
        window.path,
        window.windowTitle(),
        window.is_modified,
        window.undo_stack.count(),
        window.undo_stack.index(),
        list(m.users),
        list(m.items),
        m.values.copy(),
        None if window.model.predictions is None else window.model.predictions.copy(),
        window.model.rowCount(),
        window.model.columnCount(),
    )


def assert_same(before, after):
    for a, b in zip(before, after):
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b)
        else:
            assert a == b


def test_corpus_is_there():
    assert len(EXPECTED) >= 30
    assert all((BAD / name).exists() for name in EXPECTED)


def test_every_bad_file_gives_a_dialog_and_keeps_the_document(qtbot, window):
    # A document with an unsaved edit and shown predictions: the worst moment to lose it.
    assert window.model.setData(window.model.index(0, 1), "3.5")
    window.model.set_predictions(np.full(window.model.matrix.shape, 2.5), "test predictions")
    failures = []
    for name, expected in EXPECTED.items():
        path = BAD / name
        with pytest.raises(InputError) as engine:  # the engine's own message is the reference
            read_ratings(path)
        before = state(window)
        window.last_error = None
        opened = window.open_file(path)
        box = window._error_box
        problems = []
        if opened:
            problems.append("opened")
        if window.last_error != str(engine.value):
            problems.append(f"message {window.last_error!r} is not the engine's {str(engine.value)!r}")
        if expected["message"] not in (window.last_error or ""):
            problems.append(f"message lacks {expected['message']!r}")
        for key in ("line", "column"):
            if key in expected and f"{key} {expected[key]}" not in (window.last_error or ""):
                problems.append(f"message lacks '{key} {expected[key]}'")
        if box is None or not box.isVisible() or str(engine.value) not in box.text():
            problems.append("no visible dialog with the message")
        elif box.windowTitle() != "Cannot open the file":
            problems.append(f"dialog title {box.windowTitle()!r}")
        try:
            assert_same(before, state(window))
        except AssertionError as exc:
            problems.append(f"document changed: {exc}")
        if problems:
            failures.append(f"{name}: {'; '.join(problems)}")
        if box is not None:
            box.close()
    assert not failures, "\n".join(failures)
    # still fully usable: the edit is there and undoable
    assert window.model.matrix.values[0, 1] == 3.5
    window.undo_stack.undo()
    assert window.model.matrix.values[0, 1] != 3.5


def test_a_folder_and_a_missing_file_are_refused_the_same_way(window, tmp_path):
    before = state(window)
    for path, fragment in ((tmp_path, "folder"), (tmp_path / "gone.csv", "no such file")):
        assert not window.open_file(path)
        assert fragment in window.last_error and window._error_box.isVisible()
        assert_same(before, state(window))
    window._error_box.close()


def test_bad_file_during_training_leaves_the_training_alone(qtbot, window, fast_config):
    fast_config(epochs=1_000_000)
    with qtbot.waitSignal(window.jobs.progress, timeout=120_000):
        assert window.train()
    assert not window.open_file(BAD / "non_numeric.csv")
    assert window.jobs.is_running() and not window.jobs.stop_requested()
    with qtbot.waitSignal(window.trainingFinished, timeout=120_000):
        window.stop()
    qtbot.waitUntil(lambda: not window.jobs.is_running())
    assert window.model.predictions is not None  # the run's results belong to this document
    window._error_box.close()
