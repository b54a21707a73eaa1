"""The document: one owner per file (QLockFile), read-only or a copy for a second window, and its texts
(status, notes, legends) cleared when another file is opened."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest
from insight_helpers import TIMEOUT, configure, train_and_wait, wait_idle

from solorec_gui.core.data import read_ratings
from solorec_gui.core.eval import CompareRow, verdict
from solorec_gui.ui.document import DocumentLock


@pytest.fixture
def doc(tmp_path, solo_path):
    path = tmp_path / "ratings.csv"
    shutil.copy(solo_path, path)
    return path


def lock_file(path):
    return path.with_name(f".{path.name}.solorec-lock")


def test_the_open_file_is_locked_while_open(make_window, doc):
    window = make_window(doc)
    assert window.document.lock is not None and window.document.lock.held
    assert lock_file(doc).exists()
    assert str(os.getpid()) in lock_file(doc).read_text(encoding="utf-8")
    window.close()
    assert not lock_file(doc).exists()


def test_files_save_never_writes_are_not_locked(window, tmp_path):
    """The bundled example and long-format files are never saved in place: nothing to own."""
    assert window.document.lock is None
    long = tmp_path / "u.data"
    long.write_text("1\t1\t5\t0\n2\t2\t3\t0\n", encoding="ascii")
    assert window.open_file(long)
    assert window.document.lock is None and not lock_file(long).exists()


def test_a_second_window_opens_it_read_only(qtbot, make_window, doc):
    first = make_window(doc)
    second = make_window()
    asked = []
    second.ask_locked = lambda path, owner: asked.append((path, owner)) or "read-only"
    assert second.open_file(doc)
    assert asked and asked[0][0] == doc.resolve() and f"process {os.getpid()}" in asked[0][1]
    assert second.document.read_only and second.windowTitle() == "SoloRec — ratings.csv [read-only]"
    assert second.grid.read_only_banner.isVisibleTo(second)
    # no edit, paste or delete reaches the ratings
    before = doc.read_bytes()
    assert not second.model.setData(second.model.index(0, 1), "1")
    assert "read-only" in second.statusBar().currentMessage()
    assert not second.grid.paste("1\t2", 0, 0)
    second.grid.select_block(0, 1, 0, 1)
    second.grid.delete_selection()
    assert second.model.matrix.values[0, 1] == 4.02 and not second.is_modified
    # Save cannot write over the owner's file; training still works
    assert not second.document.save_in_place
    assert not second.save_to(doc)
    assert "is open in" in second.last_error and doc.read_bytes() == before
    second._error_box.close()
    configure(second, "mf", epochs=10)
    train_and_wait(qtbot, second)
    assert second.model.predictions is not None
    # the owner saves as usual
    assert first.model.setData(first.model.index(0, 1), "3")
    assert first.save() and read_ratings(doc).values[0, 1] == 3


def test_a_second_window_opens_it_as_a_copy(make_window, doc, tmp_path):
    first = make_window(doc)
    second = make_window()
    second.ask_locked = lambda path, owner: "copy"
    assert second.open_file(doc)
    assert second.document.path is None and not second.document.read_only
    assert second.windowTitle() == "SoloRec — copy of ratings.csv"
    assert second.model.setData(second.model.index(0, 1), "2")  # a copy is editable
    assert not second.save_to(doc)  # … but never saved over the owner's file
    assert "is open in" in second.last_error
    second._error_box.close()
    mine = tmp_path / "mine.csv"
    assert second.save_to(mine)
    assert second.document.path == mine.resolve() and second.document.lock.held
    assert read_ratings(mine).values[0, 1] == 2 and read_ratings(doc).values[0, 1] == 4.02
    assert first.document.lock.held


def test_cancel_keeps_the_current_document(make_window, doc, solo_path):
    make_window(doc)
    second = make_window()
    second.ask_locked = lambda path, owner: "cancel"
    assert not second.open_file(doc)
    assert second.path == solo_path.resolve()


def test_after_the_owner_closes_the_file_opens_normally(make_window, doc):
    first = make_window(doc)
    first.close()
    second = make_window()
    second.ask_locked = lambda path, owner: pytest.fail("the file is not owned any more")
    assert second.open_file(doc) and second.document.lock.held and not second.document.read_only


def test_a_lock_left_by_a_crashed_soloRec_is_taken_over(make_window, doc):
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    lock_file(doc).write_text(f"{proc.pid}\npython3\n{socket.gethostname()}\n", encoding="utf-8")
    window = make_window()
    window.ask_locked = lambda path, owner: pytest.fail("a dead owner's lock is stale")
    assert window.open_file(doc) and window.document.lock.held
    assert str(os.getpid()) in lock_file(doc).read_text(encoding="utf-8")


def test_reopening_its_own_file_keeps_the_lock(make_window, doc):
    window = make_window(doc)
    window.ask_locked = lambda path, owner: pytest.fail("a window does not lock itself out")
    assert window.open_file(doc) and window.document.lock.held


def test_document_lock_says_who_owns_it(doc):
    a, b = DocumentLock(doc), DocumentLock(doc)
    assert a.acquire() and not b.acquire()
    assert f"process {os.getpid()}" in b.owner()
    a.release()
    assert b.acquire()
    b.release()


def test_opening_another_file_clears_the_documents_texts(qtbot, window, fast_config, tmp_path):
    """Status text, legends, results and loaded-model notes belong to the document shown."""
    fast_config(epochs=20)
    window.panel.validation.set_options(holdout_percent=10)
    train_and_wait(qtbot, window)
    path = tmp_path / "m.solorec.pt"
    window.panel.validation.set_options()
    train_and_wait(qtbot, window)
    assert window.model_files.save_model_to(path)
    assert window.model_files.load_model_from(path)
    assert window.document.notes and "loaded from m.solorec.pt" in window.panel.progress_label.text()
    panel = window.insight.evaluation
    panel.folds.setValue(2)
    with qtbot.waitSignal(window.jobs.finished, timeout=TIMEOUT):
        panel.crossval_button.click()
    wait_idle(qtbot, window)
    assert panel.table.rowCount() == 3 and window.loss_plot.caption.text()

    other = tmp_path / "other.csv"
    other.write_text(",a,b\nx,1,\ny,,2\n", encoding="utf-8")
    assert window.open_file(other)
    assert window.panel.progress_label.text() == "Ready" and window.document.status == ""
    assert window.document.notes == [] and window.document.outcome is None
    assert panel.table.rowCount() == 0 and not window.panel.validation.result.isVisibleTo(window)
    assert len(window.loss_plot.y_data()) == 0 and window.loss_plot.caption.text() == ""
    assert [name for name, _, _ in window.loss_plot.phase_curves()] == []
    assert not window.loss_plot._curves["valid"][0].isVisible()
    assert not window.grid.warning_banner.isVisibleTo(window) and not window.grid.overlay_banner.isVisibleTo(window)
    assert window.insight.map.caption.text().startswith("Train a model")


def _row(model, rmse, sd):
    return CompareRow(model, rmse, sd, rmse * 0.8, sd, 1.0, SimpleNamespace(train_rmse=0.5), f"{model} settings")


@pytest.mark.parametrize(
    ("rows", "winner"),
    [
        ([_row("mf", 0.90, 0.02), _row("nn", 1.00, 0.03)], "mf"),  # lead 0.10 > spread 0.03
        ([_row("mf", 0.95, 0.10), _row("nn", 1.00, 0.08)], None),  # lead 0.05 < spread 0.10
    ],
)
def test_compare_names_a_winner_only_when_the_lead_exceeds_the_spread(window, rows, winner):
    from solorec_gui.ui.engine_jobs import CompareOutcome

    panel = window.insight.evaluation
    outcome = CompareOutcome(rows, {r.model: np.zeros(window.model.matrix.shape) for r in rows}, 5, verdict(rows))
    assert outcome.verdict.winner == winner
    panel.show_compare(outcome, {"mf": "MF", "nn": "NN"})
    text = panel.summary.text()
    bold = [panel.table.item(r, 0).font().bold() for r in range(panel.table.rowCount())]
    assert [panel.table.item(r, 1).text() for r in range(2)] == ["mf settings", "nn settings"]
    if winner:
        assert "Winner: MF" in text and "more than the spread" in text and bold == [True, False]
    else:
        assert "No clear winner: MF is ahead of NN" in text and "less than the spread" in text and bold == [False, False]


def test_a_workbook_is_never_saved_over(make_window, tmp_path, solo_path):
    """Save writes a wide CSV: over a workbook it would lose the other sheets, so it asks for a name instead."""
    from solorec_gui.core.data import export_completed

    book = tmp_path / "ratings.xlsx"
    matrix = read_ratings(solo_path)
    export_completed(matrix, np.full(matrix.shape, 3.0), book)
    window = make_window(book)
    assert not window.document.save_in_place and window.document.lock is None
    asked = []
    window.save_as = lambda: asked.append(True) or False
    assert not window.save() and asked
