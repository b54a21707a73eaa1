"""The table model alone: Qt's model checks, validation, undo, copy/paste, large data."""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from solorec_gui.core.data import read_ratings
from solorec_gui.core.errors import InputError
from solorec_gui.ui.ratings_model import RatingsModel

ML100K = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets")) / "ml-100k" / "u.data"

R = Qt.ItemDataRole


@pytest.fixture
def solo(solo_path):
    return read_ratings(solo_path)


@pytest.fixture
def model(solo, qapp):
    return RatingsModel(solo, QUndoStack())


def test_qt_model_checks(model, qtmodeltester):
    qtmodeltester.check(model)
    model.set_predictions(np.full(model.matrix.shape, 2.5), "test")
    qtmodeltester.check(model)


def test_korean_headers_and_values(model, solo):
    assert model.rowCount() == 9 and model.columnCount() == 8
    assert model.headerData(0, Qt.Orientation.Horizontal) == "영식(IN)"
    assert model.headerData(8, Qt.Orientation.Vertical) == "하니(I)"
    assert model.data(model.index(0, 1)) == "4.02"
    assert model.data(model.index(0, 0)) == ""  # 옥순 × 영식 is missing
    assert model.data(model.index(0, 0), R.BackgroundRole) is not None
    assert model.data(model.index(0, 1), R.BackgroundRole) is None


def test_setdata_validates_and_undoes(model, qtbot):
    idx = model.index(0, 1)
    with qtbot.waitSignal(model.editRejected) as blocker:
        assert not model.setData(idx, "abc")
    assert "not a number" in blocker.args[0]
    with qtbot.waitSignal(model.editRejected) as blocker:
        assert not model.setData(idx, "7")
    assert "outside the scale" in blocker.args[0]
    assert model.matrix.values[0, 1] == 4.02
    assert model.setData(idx, "3,5")  # decimal comma accepted
    assert model.matrix.values[0, 1] == 3.5
    model._undo.undo()
    assert model.matrix.values[0, 1] == 4.02
    model._undo.redo()
    assert model.matrix.values[0, 1] == 3.5
    assert model.setData(idx, "")  # empty = make missing
    assert math.isnan(model.matrix.values[0, 1])


def test_paste_block_is_atomic(model):
    with pytest.raises(InputError, match="pasted row 2, column 1"):
        model.paste_text("1\t2\nx\t3\n", 0, 0)
    assert math.isnan(model.matrix.values[0, 0])  # nothing changed
    message = model.paste_text("1\t2\r\n3\t\r\n", 0, 0)
    assert message == "Pasted 4 cells"
    assert model.matrix.values[0, 0] == 1 and model.matrix.values[0, 1] == 2
    assert model.matrix.values[1, 0] == 3 and math.isnan(model.matrix.values[1, 1])
    model._undo.undo()
    assert math.isnan(model.matrix.values[0, 0]) and model.matrix.values[1, 1] == 3.99
    assert "left out" in model.paste_text("1\t1\t1", 0, 7)


def test_copy_text_round_trips(model):
    text = model.copy_text(0, 0, 1, 2)
    assert text == "\t4.02\t3.45\n3.93\t3.99\t3.63\n"


def test_predictions_styled(model):
    model.set_predictions(np.full(model.matrix.shape, 2.345), "Model: MF; trained now")
    missing = model.index(0, 0)
    assert model.data(missing) == "2.35"
    assert model.data(missing, R.FontRole).italic()
    assert "Model: MF" in model.data(missing, R.ToolTipRole)
    assert model.data(model.index(0, 1), R.FontRole) is None
    model.set_stale(True)
    assert "Stale" in model.data(missing, R.ToolTipRole)
    assert model.data(missing, R.EditRole) == ""  # a prediction is never edited as a rating


@pytest.mark.skipif(not ML100K.exists(), reason="ml-100k not available")
def test_movielens_scale_model(qtmodeltester):
    matrix = read_ratings(ML100K)
    model = RatingsModel(matrix, QUndoStack())
    assert (model.rowCount(), model.columnCount()) == (943, 1682)
    # data() is computed on demand: sample cells across the whole matrix
    for r, c in [(0, 0), (942, 1681), (500, 800)]:
        model.data(model.index(r, c))
        model.data(model.index(r, c), R.BackgroundRole)
    model.set_predictions(np.full(matrix.shape, 3.0), "x")
    assert model.data(model.index(942, 1681)) in ("3.00", "") or model.data(model.index(942, 1681))
