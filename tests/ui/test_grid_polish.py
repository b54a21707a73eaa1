"""Grid polish: Enter moves down, pasted/undone/redone cells selected, Fit columns at any size,
the ensemble spread's legend entry, clipping at small window sizes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from solorec_gui.core.data import RatingMatrix
from solorec_gui.ui.main_window import MainWindow


def _matrix(n_users=6, n_items=5, seed=0):
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(n_users, n_items)).astype(float)
    values[0, 0] = np.nan
    return RatingMatrix(users=[f"u{k}" for k in range(n_users)], items=[f"i{k}" for k in range(n_items)], values=values)


@pytest.fixture
def window(qtbot):
    from PySide6.QtWidgets import QMessageBox

    w = MainWindow(_matrix())
    w.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _selected(w):
    return sorted((i.row(), i.column()) for i in w.view.selectionModel().selectedIndexes())


def test_enter_moves_down(window, qtbot):
    view = window.view
    view.setCurrentIndex(window.model.index(1, 2))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 2)


def test_enter_in_the_editor_moves_down(window):
    """The delegate's Enter closes the editor with SubmitModelCache: the view then moves down."""
    from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

    view = window.view
    view.setCurrentIndex(window.model.index(1, 1))
    view.closeEditor(QLineEdit(), QAbstractItemDelegate.EndEditHint.SubmitModelCache)
    assert view.currentIndex().row() == 2
    view.closeEditor(QLineEdit(), QAbstractItemDelegate.EndEditHint.NoHint)  # focus out: stays
    assert view.currentIndex().row() == 2


def test_pasted_block_is_selected_and_undo_redo_select_the_changed_cells(window):
    assert window.grid.paste("1\t2\n3\t4", 2, 1)
    block = [(2, 1), (2, 2), (3, 1), (3, 2)]
    assert _selected(window) == block
    window.view.clearSelection()
    window.undo_stack.undo()
    assert _selected(window) == block
    window.view.clearSelection()
    window.undo_stack.redo()
    assert _selected(window) == block


def test_fit_columns_at_any_size(qtbot):
    w = MainWindow(_matrix(3, 600))
    qtbot.addWidget(w)
    assert w.grid.fit_columns()
    header = w.view.horizontalHeader()
    assert all(56 <= header.sectionSize(c) <= 320 for c in range(0, 600, 50))


def test_fit_columns_says_why_not_for_a_huge_table(window, monkeypatch):
    from solorec_gui.ui import grid_view

    monkeypatch.setattr(grid_view, "MAX_FIT_COLUMNS", 3)
    monkeypatch.setattr(window.document.model, "columnCount", lambda *a: 250)
    assert not window.grid.fit_columns()
    assert "too many" in window.statusBar().currentMessage()


def test_ensemble_spread_has_its_own_colour_and_legend_entry(window, qtbot):
    from solorec_gui.ui import trainer

    assert trainer.SPREAD_COLOR.lower() not in ("#e07b00", "#fbf0e1", "#9a5b00")
    swatch, label = window.grid.spread_legend
    assert label.text() == "ensemble spread" and swatch.isHidden()
    window.panel.ensemble_box.setChecked(True) if hasattr(window.panel, "ensemble_box") else None


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_no_clipped_widgets_at_small_sizes(window, qtbot, size):
    """Every visible widget gets at least its minimum size (nothing squeezed below it)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window.resize(*size)
    qtbot.wait(50)
    assert window.width() <= size[0] + 1 and window.height() <= size[1] + 1
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisible() and widget.window() is window and not widget.text().startswith("<"):
            hint = widget.minimumSizeHint()
            assert widget.width() >= min(hint.width(), 40) - 1, (widget.text(), widget.width(), hint.width())


def test_item_titles_are_remembered_with_the_file(qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    data = tmp_path / "ratings.csv"
    data.write_text(",1,2,3\nu1,5,,3\nu2,4,2,\n", encoding="utf-8")
    names = tmp_path / "u.item"
    names.write_text("1|Toy Story (1995)|x\n2|GoldenEye (1995)|x\n3|Four Rooms (1995)|x\n", encoding="latin-1")
    w = MainWindow()
    w.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    assert w.open_file(data)
    assert w.item_names.load(names)
    w2 = MainWindow()
    w2.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w2)
    w.close()
    assert w2.open_file(data)
    qtbot.waitUntil(lambda: w2.item_names.loaded, timeout=5000)
    header = w2.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert "Toy Story" in str(header)


def test_long_titles_are_elided_at_the_end_with_the_full_title_in_the_tooltip(window):
    header = window.view.horizontalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    long = "A very long movie title that does not fit into a column (1995)"
    window.model.set_item_titles([long] + [None] * (window.model.columnCount() - 1))
    tip = window.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(long)


def test_result_lines_wrap(window):
    from PySide6.QtWidgets import QLabel

    for label in (window.loss_plot.caption, window.panel.progress_label, window.panel.note,
                  window.panel.validation.result, window.insight.map.caption):
        assert isinstance(label, QLabel) and label.wordWrap()
