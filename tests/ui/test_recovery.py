"""Crash recovery: unsaved edits reach a recovery file; the next start offers them back."""

from __future__ import annotations

import json
import math
import shutil
import socket
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from solorec_gui.core.data import save_wide
from solorec_gui.core.errors import SoloRecError
from solorec_gui.ui import recovery as recovery_mod
from solorec_gui.ui.recovery import pending_recoveries, read_recovery, recovery_folder


@pytest.fixture
def doc(tmp_path, solo_path):
    """A writable copy of solo.csv (Save writes in place)."""
    path = tmp_path / "ratings.csv"
    shutil.copy(solo_path, path)
    return path


@pytest.fixture
def fast_recovery(monkeypatch):
    monkeypatch.setattr(recovery_mod, "INTERVAL_MS", 100)


def edit(window, row, col, value):
    assert window.model.setData(window.model.index(row, col), value)


def test_folder_is_isolated_in_tests(_isolated_settings):
    # conftest redirects the settings; recovery follows them, never the real data folder
    assert recovery_folder() == _isolated_settings / "recovery"


def test_edits_written_at_most_every_interval_after_a_change(qtbot, make_window, doc, fast_recovery):
    window = make_window(doc)
    rec = window.recovery
    assert rec.interval_ms == 100 and rec.current_file is None
    edit(window, 0, 1, "3.5")
    edit(window, 0, 1, "2")  # a burst of edits: one write
    edit(window, 2, 2, "")
    assert rec.timer.isActive() and rec.current_file is None  # not at once: throttled
    qtbot.waitUntil(lambda: rec.current_file is not None and rec.current_file.exists(), timeout=5000)
    assert rec.writes == 1
    data = json.loads(rec.current_file.read_text(encoding="utf-8"))
    assert data["source"] == str(doc.resolve())
    m = window.model.matrix
    assert sorted((e["user"], e["item"], e["value"]) for e in data["edits"]) == sorted(
        [(m.users[0], m.items[1], 2.0), (m.users[2], m.items[2], None)]
    )
    assert not list(rec.current_file.parent.glob("*.tmp"))  # written atomically, no temp left behind
    # the file of a running window is owned (its QLockFile is held): never offered to anyone else
    assert pending_recoveries() == []
    assert rec.current_file.with_name(rec.current_file.name + ".lock").exists()


def test_save_removes_the_recovery_file(qtbot, make_window, doc, fast_recovery):
    window = make_window(doc)
    edit(window, 0, 1, "3.5")
    file = window.recovery.flush()
    assert file is not None and file.exists()
    assert window.save()
    assert not file.exists() and window.recovery.current_file is None
    # a new edit after the save: compared with the saved file, not the original
    edit(window, 1, 1, "1")
    file = window.recovery.flush()
    assert [(e[2]) for e in read_recovery(file).edits] == [1.0]


def test_undo_back_to_clean_removes_the_recovery_file(qtbot, make_window, doc, fast_recovery):
    window = make_window(doc)
    edit(window, 0, 1, "3.5")
    file = window.recovery.flush()
    window.undo_stack.undo()
    assert not window.is_modified and not file.exists()


def test_discard_on_close_removes_the_recovery_file(qtbot, make_window, doc):
    window = make_window(doc)  # make_window answers Discard to the unsaved-edits question
    edit(window, 0, 1, "3.5")
    file = window.recovery.flush()
    assert window.close()
    assert not file.exists()


def test_cancel_on_close_keeps_it(qtbot, make_window, doc):
    window = make_window(doc)
    edit(window, 0, 1, "3.5")
    file = window.recovery.flush()
    window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert file.exists()
    window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard


def test_discard_when_opening_another_file_removes_it(qtbot, make_window, doc, solo_path):
    window = make_window(doc)
    edit(window, 0, 1, "3.5")
    file = window.recovery.flush()
    window.open_recent(str(solo_path))  # asks, make_window answers Discard
    assert window.path == solo_path.resolve() and not file.exists()


def test_failed_save_keeps_the_recovery_file(qtbot, make_window, doc, monkeypatch):
    window = make_window(doc)
    edit(window, 0, 1, "3.5")
    file = window.recovery.flush()
    import solorec_gui.core.data.files as files

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "write", full)
    assert not window.save()
    assert window.is_modified and file.exists()


def dead_pid() -> int:
    """The process id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def crash(window):
    """What a crash leaves: the recovery file, and the locks of a process that died (no save, discard
    or close handler run). Qt's stale-lock detection must recognise the dead owner."""
    file = window.recovery.flush()
    window.recovery.abandon()
    if window.document.lock is not None:
        window.document.lock.release()
        window.document.lock = None
    # a lock file as the dead process left it: its pid, the application, this host
    lock = file.with_name(file.name + ".lock")
    lock.write_text(f"{dead_pid()}\npython3\n{socket.gethostname()}\n", encoding="utf-8")
    assert file.exists()
    return file


def test_restore_after_crash_reapplies_edits_to_the_same_file(qtbot, make_window, doc, solo_path):
    first = make_window(doc)
    edit(first, 0, 1, "3.5")
    edit(first, 4, 0, "")
    expected = first.model.matrix.values.copy()
    file = crash(first)

    second = make_window(solo_path)  # the next start shows another file
    asked = []
    second.recovery.ask_restore = lambda rec: asked.append(rec) or "restore"
    assert second.recovery.offer_restore()
    assert len(asked) == 1 and len(asked[0].edits) == 2 and not asked[0].source_changed
    assert second.path == doc.resolve()
    np.testing.assert_array_equal(second.model.matrix.values, expected)
    assert second.is_modified and second.windowTitle().endswith("ratings.csv *")
    assert "Restored 2 unsaved edits" in second.statusBar().currentMessage()
    # the restored edits are one undo step
    second.undo_stack.undo()
    assert not second.is_modified and not math.isnan(second.model.matrix.values[4, 0])
    assert not file.exists()  # back to the saved state: nothing to recover
    second.undo_stack.redo()
    assert second.recovery.flush() == file  # the file now belongs to this window: saving removes it
    assert second.save()
    assert not file.exists()


def test_discarding_the_offer_deletes_the_file(qtbot, make_window, doc, solo_path):
    first = make_window(doc)
    edit(first, 0, 1, "3.5")
    file = crash(first)
    second = make_window(solo_path)
    second.recovery.ask_restore = lambda rec: "discard"
    assert not second.recovery.offer_restore()
    assert not file.exists() and second.path == solo_path.resolve() and not second.is_modified


def test_later_keeps_the_file_for_the_next_start(qtbot, make_window, doc, solo_path):
    first = make_window(doc)
    edit(first, 0, 1, "3.5")
    file = crash(first)
    second = make_window(solo_path)
    second.recovery.ask_restore = lambda rec: "later"
    assert not second.recovery.offer_restore()
    assert file.exists() and not second.is_modified


def test_source_changed_since_applies_by_label(qtbot, make_window, doc, solo_path):
    first = make_window(doc)
    m = first.model.matrix
    edit(first, 0, 1, "3.5")
    user, item = m.users[0], m.items[1]
    file = crash(first)
    # someone rewrites the source: first user removed
    changed = m.copy()
    changed.values[0, 1] = 1.0
    save_wide(changed, doc)
    second = make_window(solo_path)
    second.recovery.ask_restore = lambda rec: "restore" if rec.source_changed else "later"
    assert second.recovery.offer_restore()
    r, c = second.model.matrix.users.index(user), second.model.matrix.items.index(item)
    assert second.model.matrix.values[r, c] == 3.5
    assert file.exists()  # rewritten by this window


def test_missing_source_keeps_the_edits(qtbot, make_window, doc, solo_path):
    first = make_window(doc)
    edit(first, 0, 1, "3.5")
    file = crash(first)
    doc.unlink()
    second = make_window(solo_path)
    second.recovery.ask_restore = lambda rec: "restore"
    assert not second.recovery.offer_restore()
    assert file.exists() and "kept in" in second.last_error
    second._error_box.close()


def test_write_failure_is_reported_in_the_status_bar_not_a_crash(qtbot, make_window, doc, monkeypatch):
    window = make_window(doc)
    edit(window, 0, 1, "3.5")

    def refuse(path, data):
        raise SoloRecError(f"cannot write {path}: the disk is full")

    monkeypatch.setattr(recovery_mod, "atomic_write_bytes", refuse)
    assert window.recovery.flush() is None
    assert "crash-recovery file" in window.statusBar().currentMessage()
    assert window.is_modified  # the edits are still there; Save still works
    monkeypatch.undo()
    assert window.save()


def test_unreadable_recovery_files_are_ignored(tmp_path):
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recovery-garbage.json").write_text("{not json", encoding="utf-8")
    (folder / "recovery-foreign.json").write_text('{"format": "other"}', encoding="utf-8")
    assert pending_recoveries() == []


def test_a_running_windows_recovery_file_is_never_offered(qtbot, make_window, doc, solo_path, tmp_path):
    """Qt's lock says who owns a recovery file: a live window's is not an orphan, a dead one's is."""
    first = make_window(doc)
    edit(first, 0, 1, "3.5")
    file = first.recovery.flush()
    other = tmp_path / "other.csv"
    shutil.copy(solo_path, other)
    second = make_window(other)
    asked = []
    second.recovery.ask_restore = lambda rec: asked.append(rec) or "restore"
    assert not second.recovery.offer_restore() and asked == []
    assert file.exists() and first.is_modified
    crash(first)
    assert [r.file for r in pending_recoveries()] == [file]
