"""Editing the table itself: New table, add / remove / rename users and items, Excel-like Insert and
Delete, paste past the end, fold-in of what was added after training, crash recovery, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from insight_helpers import train_and_wait
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack

from solorec_gui.core.data import read_ratings
from solorec_gui.core.errors import InputError
from solorec_gui.ui import recovery
from solorec_gui.ui.ratings_model import COLUMNS, FOLDED, ROWS, TRAINED, RatingsModel

R = Qt.ItemDataRole
TIMEOUT = 60_000


def wait_refreshed(qtbot, window):
    qtbot.waitUntil(lambda: not window.live.is_running() and not window.model.pending(ROWS).any()
                    and not window.model.pending(COLUMNS).any(), timeout=TIMEOUT)


def select_rows(window, rows):
    sel = window.view.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(window.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)


def select_columns(window, cols):
    sel = window.view.selectionModel()
    sel.clearSelection()
    for c in cols:
        sel.select(window.model.index(0, c), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Columns)


# -- the model alone -------------------------------------------------------------------------------
def test_model_checks_through_structural_edits(solo_path, qtmodeltester):
    model = RatingsModel(read_ratings(solo_path), QUndoStack())
    model.set_own_predictions(np.full(model.matrix.shape, 2.5), "test")
    qtmodeltester.check(model)
    model.insert_lines(ROWS, 2, 2)
    model.insert_lines(COLUMNS, 0, 1)
    model.remove_lines(ROWS, [0, 5, 6])
    model.rename_line(COLUMNS, 0, "new item")
    qtmodeltester.check(model)
    assert model.own_predictions.shape == model.matrix.values.shape == (8, 9)
    while model._undo.canUndo():
        model._undo.undo()
    assert model.matrix.values.shape == (9, 8)
    np.testing.assert_array_equal(model.own_predictions, np.full((9, 8), 2.5))
    np.testing.assert_array_equal(model.matrix.values, read_ratings(solo_path).values)
    assert model.matrix.users == read_ratings(solo_path).users


def test_removed_rows_come_back_with_their_ratings_labels_and_predictions(solo_path):
    original = read_ratings(solo_path)
    model = RatingsModel(read_ratings(solo_path), QUndoStack())
    predictions = np.arange(72, dtype=float).reshape(9, 8) / 20
    model.set_own_predictions(predictions.copy(), "test")
    model.remove_lines(ROWS, [1, 4, 8])  # not contiguous
    assert model.matrix.users == [u for k, u in enumerate(original.users) if k not in (1, 4, 8)]
    np.testing.assert_array_equal(model.own_predictions, np.delete(predictions, [1, 4, 8], axis=0))
    model.remove_lines(COLUMNS, [7])
    model._undo.undo()
    model._undo.undo()
    np.testing.assert_array_equal(model.own_predictions, predictions)
    np.testing.assert_array_equal(model.matrix.values, original.values)
    model._undo.redo()
    assert model.rowCount() == 6


def test_bad_labels_and_the_last_row_are_refused(solo_path):
    model = RatingsModel(read_ratings(solo_path), QUndoStack())
    with pytest.raises(InputError, match="already called"):
        model.rename_line(ROWS, 0, model.matrix.users[1])
    with pytest.raises(InputError, match="empty"):
        model.rename_line(COLUMNS, 0, "  ")
    with pytest.raises(InputError, match="already called"):
        model.insert_lines(COLUMNS, 0, 1, [model.matrix.items[3]])
    with pytest.raises(InputError, match="at least one user"):
        model.remove_lines(ROWS, range(9))
    assert model.matrix.values.shape == (9, 8) and not model._undo.count()  # nothing changed
    assert model.insert_lines(ROWS, 9, 2) == ["user 10", "user 11"]  # default labels are never taken ones
    assert model.insert_lines(ROWS, 0, 1) == ["user 12"]


# -- the window ------------------------------------------------------------------------------------
def test_new_table(qtbot, window):
    assert window.table_editing.new_table(4, 3, (1.0, 10.0))
    m = window.model.matrix
    assert (m.n_users, m.n_items) == (4, 3) and m.scale == (1.0, 10.0)
    assert m.users == ["user 1", "user 2", "user 3", "user 4"] and m.items == ["item 1", "item 2", "item 3"]
    assert np.isnan(m.values).all() and window.path is None and not window.is_modified
    assert window.model.setData(window.model.index(0, 0), "9.5")  # on the new scale
    assert not window.model.setData(window.model.index(0, 1), "11")
    assert window.is_modified


def test_menu_actions_header_menus_and_undo(qtbot, window):
    editing = window.table_editing
    model = window.model
    assert editing.add_user() and editing.add_item()
    assert model.matrix.users[-1] == "user 10" and model.matrix.items[-1] == "item 9"
    assert window.is_modified
    menu = editing.header_menu(ROWS, 0)
    texts = [a.text() for a in menu.actions()]
    assert "Insert user above" in texts
    menu.actions()[0].trigger()  # insert above row 0
    assert model.matrix.users[0] == "user 11" and np.isnan(model.matrix.values[0]).all()
    editing.ask_label = lambda title, label, current: "영희"
    next(a for a in editing.header_menu(COLUMNS, 2).actions() if a.text().startswith("Rename")).trigger()
    assert model.matrix.items[2] == "영희"
    for _ in range(4):
        window.undo_action.trigger()
    assert model.matrix.values.shape == (9, 8) and not window.is_modified
    window.redo_action.trigger()
    assert model.rowCount() == 10 and window.is_modified


def test_excel_like_insert_and_delete_of_whole_rows_and_columns(qtbot, window):
    editing = window.table_editing
    model = window.model
    users = list(model.matrix.users)
    select_rows(window, [2, 3])
    assert editing.insert_action.shortcuts()[0].toString() == "Ctrl++"
    editing.insert_action.trigger()  # two rows above row 2
    assert model.rowCount() == 11 and model.matrix.users[4] == users[2]
    select_rows(window, [2, 3])
    editing.remove_action.trigger()
    assert model.matrix.users == users
    select_columns(window, [0])
    editing.remove_action.trigger()
    assert model.columnCount() == 7
    window.view.setCurrentIndex(model.index(0, 0))  # a cell, not whole rows: says what to select
    window.view.selectionModel().select(model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert not editing.remove_selected()
    assert "whole rows or columns" in window.statusBar().currentMessage()


def test_paste_past_the_end_offers_to_add_rows_and_columns(qtbot, window):
    model = window.model
    asked = []
    window.table_editing.ask_grow = lambda rows, cols: asked.append((rows, cols)) or True
    assert window.grid.paste("1\t2\t3\n4\t5\t\n", 8, 6)
    assert asked == [(1, 1)]
    assert model.matrix.values.shape == (10, 9)
    assert model.matrix.values[9, 7] == 5 and model.matrix.values[8, 8] == 3
    window.undo_action.trigger()  # one step
    assert model.matrix.values.shape == (9, 8)
    window.table_editing.ask_grow = lambda rows, cols: False
    assert window.grid.paste("1\t2\t3\n4\t5\t\n", 8, 6)  # declined: only what fits
    assert model.matrix.values.shape == (9, 8) and model.matrix.values[8, 7] == 2


def test_added_rows_and_columns_are_folded_in_after_training(qtbot, window, fast_config):
    fast_config(epochs=60)
    outcome = train_and_wait(qtbot, window)
    model = window.model
    before = model.predictions.copy()
    editing = window.table_editing
    assert editing.add_user()
    new = model.rowCount() - 1
    assert model.pending(ROWS)[new]  # being predicted
    wait_refreshed(qtbot, window)
    assert model.line_state(ROWS)[new] == FOLDED and np.isfinite(model.predictions[new]).all()
    assert "no rating yet" in window.statusBar().currentMessage() or True
    model.setData(model.index(new, 1), "5")
    model.setData(model.index(new, 2), "1")
    wait_refreshed(qtbot, window)
    tip = model.data(model.index(new, 0), R.ToolTipRole)
    assert "Folded in" in tip
    np.testing.assert_array_equal(model.predictions[:new], before)  # the rest stays as trained
    assert editing.insert(COLUMNS, 0)  # a new item, first column
    wait_refreshed(qtbot, window)
    assert model.line_state(COLUMNS)[0] == FOLDED and np.isfinite(model.predictions[:, 0]).all()
    np.testing.assert_array_equal(model.predictions[:new, 1:], before)
    assert "this item was added after training" in model.data(model.index(3, 0), R.ToolTipRole)
    assert not model.stale
    # remove a trained row, undo: its predictions come back, nothing lost
    row3 = model.predictions[3].copy()
    assert editing.remove(ROWS, [3])
    window.undo_action.trigger()
    np.testing.assert_array_equal(model.predictions[3], row3)
    assert model.line_state(ROWS)[3] == TRAINED
    # Export writes the aligned predictions
    np.testing.assert_array_equal(window.document.predictions, model.predictions)
    assert outcome.predictions is model.predictions


def test_added_rows_are_stale_not_lost_when_nothing_can_fold(qtbot, window, fast_config):
    fast_config(epochs=20)
    outcome = train_and_wait(qtbot, window)
    outcome.fit_result = None  # as a model file for another table: no model to fold into
    model = window.model
    before = model.predictions.copy()
    assert window.table_editing.add_user()
    assert model.predictions.shape == (10, 8) and np.isnan(model.predictions[9]).all()
    np.testing.assert_array_equal(model.predictions[:9], before)
    assert "no prediction yet" in model.data(model.index(9, 0), R.ToolTipRole)
    assert model.stale and window.grid.stale_banner.isVisibleTo(window)


def test_bad_input_says_why_in_the_window(qtbot, window):
    editing = window.table_editing
    model = window.model
    assert not editing.rename(ROWS, 0, model.matrix.users[1])
    assert "already called" in window.statusBar().currentMessage()
    select_columns(window, range(8))
    assert not editing.remove_selected()
    assert "at least one" in window.statusBar().currentMessage()
    assert model.matrix.values.shape == (9, 8) and not window.is_modified


def test_structural_edits_are_kept_by_crash_recovery(qtbot, window, make_window, tmp_path, solo_path):
    recovery.use_folder(tmp_path / "recovery")
    try:
        editing = window.table_editing
        # a copy of solo.csv this window owns
        path = tmp_path / "solo.csv"
        path.write_bytes(solo_path.read_bytes())
        assert window.open_file(path)
        assert editing.add_user()
        window.model.setData(window.model.index(9, 0), "4")
        assert editing.rename(COLUMNS, 1, "renamed")
        assert editing.remove(ROWS, [0])
        written = window.recovery.flush()
        assert written is not None
        rec = recovery.read_recovery(written)
        assert rec.table is not None and rec.table["users"][-1] == "user 10"
        expected = window.model.matrix
        window.recovery.abandon()  # what a crash leaves
        window.document.close()  # and its lock on the file
        other = make_window()
        assert other.recovery.restore(recovery.read_recovery(written))
        m = other.model.matrix
        assert m.users == expected.users and m.items == expected.items
        np.testing.assert_array_equal(m.values, expected.values)
        assert other.is_modified
        other.undo_action.trigger()  # one undo step: the file as it is on disk
        assert other.model.matrix.users == read_ratings(path).users
    finally:
        recovery.use_folder(None)


def test_untitled_table_is_kept_by_crash_recovery(qtbot, window, make_window, tmp_path):
    recovery.use_folder(tmp_path / "recovery")
    try:
        assert window.table_editing.new_table(3, 2)
        window.model.setData(window.model.index(1, 1), "2.5")
        written = window.recovery.flush()
        assert written is not None
        window.recovery.abandon()
        other = make_window()
        rec = recovery.read_recovery(written)
        assert rec.source is None
        assert other.recovery.restore(rec)
        assert other.path is None and other.is_modified
        assert other.model.matrix.values[1, 1] == 2.5 and other.model.matrix.shape == (3, 2)
    finally:
        recovery.use_folder(None)


def test_rows_added_during_training_keep_the_table_and_say_why(qtbot, window, fast_config):
    fast_config(epochs=1_000_000)
    with qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT):
        assert window.train()
    assert window.table_editing.add_user()  # the grid never blocks
    window.model.setData(window.model.index(9, 0), "3")
    notices = []
    window.document.notice.connect(notices.append)
    with qtbot.waitSignal(window.trainingFinished, timeout=TIMEOUT):
        window.stop()
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    assert window.model.matrix.values.shape == (10, 8) and window.model.matrix.values[9, 0] == 3  # nothing lost
    assert window.model.predictions is None and window.document.predictions is None
    assert notices and "Press F5" in notices[0]
    assert "Press F5" in window.last_error  # a dialog, not only the status bar
    fast_config(epochs=20)
    train_and_wait(qtbot, window)  # F5 trains on the table as it is
    assert window.model.predictions.shape == (10, 8)


def test_a_saved_model_names_the_table_it_was_trained_on(qtbot, window, fast_config, tmp_path):
    from solorec_gui.core.modelfile import load_model

    fast_config(epochs=20)
    train_and_wait(qtbot, window)
    users = list(window.model.matrix.users)
    window.table_editing.insert(ROWS, 0)
    window.table_editing.rename(ROWS, 1, "renamed")
    assert window.model_files.save_model_to(tmp_path / "m.solorec.pt")
    assert load_model(tmp_path / "m.solorec.pt").users == users


def test_actions_are_in_the_menus(window):
    from PySide6.QtWidgets import QMenu

    menus = {a for m in window.menuBar().findChildren(QMenu) for a in m.actions()}
    editing = window.table_editing
    for action in (editing.new_table_action, editing.add_user_action, editing.add_item_action,
                   editing.insert_action, editing.remove_action, editing.rename_user_action,
                   editing.rename_item_action, window.live.action, window.recommendations_export.action):
        assert action in menus, action.text()
    assert window.live.action.isCheckable() and window.live.action.isChecked()
