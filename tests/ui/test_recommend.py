"""Recommendations and explanations: top-N lists equal the engine's; tooltips carry the MF parts."""

from __future__ import annotations

import numpy as np
from insight_helpers import train_and_wait
from PySide6.QtCore import Qt

from solorec_gui.core.analysis import explain_cell, top_n_for_user, top_users_for_item

R = Qt.ItemDataRole


def test_top_n_lists_equal_engine(qtbot, window, fast_config):
    fast_config(epochs=50)
    train_and_wait(qtbot, window)
    panel = window.insight.recommend
    panel.n.setValue(3)
    matrix, predictions = window.model.matrix, window.model.predictions
    # following the grid's current cell: its row is the user, its column the item
    window.view.setCurrentIndex(window.model.index(8, 2))  # 하니(I) × 영호(IS)
    assert panel.current_user() == 8 and panel.current_item() == 2
    expected_items = top_n_for_user(matrix, predictions, 8, 3)
    assert [label for label, _ in panel.user_list()] == [r.label for r in expected_items]
    assert [value for _, value in panel.user_list()] == [round(r.prediction, 2) for r in expected_items]
    expected_users = top_users_for_item(matrix, predictions, 2, 3)
    assert [label for label, _ in panel.item_list()] == [r.label for r in expected_users]
    # the ranking is best first
    values = [v for _, v in panel.item_list()]
    assert values == sorted(values, reverse=True)


def test_all_unrated_items_for_every_user(qtbot, window, fast_config):
    fast_config(epochs=20)
    train_and_wait(qtbot, window)
    panel = window.insight.recommend
    panel.n.setValue(100)
    matrix, predictions = window.model.matrix, window.model.predictions
    for u in range(matrix.n_users):
        panel.select_user(u)
        assert [label for label, _ in panel.user_list()] == [r.label for r in top_n_for_user(matrix, predictions, u, None)]


def test_double_click_goes_to_the_cell(qtbot, window, fast_config):
    fast_config(epochs=20)
    train_and_wait(qtbot, window)
    panel = window.insight.recommend
    panel.select_item(0)
    first_user = panel.users_table.item(0, 1).text()
    panel.users_table.cellDoubleClicked.emit(0, 1)
    current = window.view.currentIndex()
    assert window.model.matrix.users[current.row()] == first_user and current.column() == 0


def test_nothing_before_training(window):
    panel = window.insight.recommend
    panel.select_user(0)
    assert panel.user_list() == []
    assert "Train a model" in panel.note.text()


def test_mf_tooltip_explains_the_parts(qtbot, window):
    outcome = train_and_wait(qtbot, window)  # the lecture's MF
    model = window.model
    for r, c in np.argwhere(np.isnan(model.matrix.values)):
        tip = model.data(model.index(int(r), int(c)), R.ToolTipRole)
        info = explain_cell(outcome.fit_result, model.matrix, int(r), int(c))
        assert "score = b_u + b_i + u·v" in tip
        assert f"{info['b_u']:+.3f} {info['b_i']:+.3f} {info['dot']:+.3f} = {info['score']:+.3f}" in tip
        assert f"prediction = 5·σ(score) = {info['sigmoid']:.3f}" in tip
        assert f"predicted {model.predictions[r, c]:.4f}" in tip  # the value in the grid, before the why
    # known cells are not explained as predictions
    assert "score" not in model.data(model.index(0, 1), R.ToolTipRole)


def test_nn_tooltip_names_nearest_neighbours(qtbot, window, fast_config):
    fast_config(model="nn", epochs=50)
    outcome = train_and_wait(qtbot, window)
    model = window.model
    tip = model.data(model.index(0, 0), R.ToolTipRole)
    info = explain_cell(outcome.fit_result, model.matrix, 0, 0)
    assert "users with similar embeddings" in tip and "items with similar embeddings" in tip
    assert info["nearest_users"][0][0] in tip
