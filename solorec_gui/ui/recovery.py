"""Crash recovery: unsaved edits are kept in a recovery file until saved or discarded.

What is written: the *edits* (user label, item label, new value or null for
"made missing"), i.e. the difference between the grid and the file as it was
opened or last saved, plus the source file's path, size and modification time.
It is not a copy of the matrix: a MovieLens grid with three edits gives a
recovery file of three lines, and restoring means re-reading the same source
file and reapplying the edits (one undo step, the document marked modified).

When: a change (edit, paste, delete, undo, redo) starts a single-shot QTimer of
:data:`INTERVAL_MS`; when it fires the file is written with the engine's
``atomic_write_bytes`` (temp file, fsync, rename), so a crash *during* the
write leaves the previous recovery file whole. Further changes while the timer
runs do not restart it: the file is written at most once every few seconds and
never later than that after a change, however fast the edits come.

Removed: when the document becomes clean (saved, or undone back to the saved
state), when the user discards the edits (closing or opening another file and
answering Discard), and when a restore is declined with Discard.

Where: ``<AppDataLocation>/recovery/recovery-<hash of source path>.json``
(``QStandardPaths.AppDataLocation``, e.g. ``~/.local/share/SoloRec/SoloRec`` on
Linux). :func:`use_folder` overrides it (tests); so does ``SOLOREC_RECOVERY_DIR``;
and when the settings are redirected for tests (``settings.use_path``) the
recovery folder follows them, so tests never touch the real data folder.

Who owns it: while a window has a recovery file it holds a :class:`QLockFile`
beside it (``recovery-….json.lock``). Qt writes the owner's process id, host and
application into the lock and recognises a lock whose process has died (a crash,
a kill, a power cut) as stale. At start-up ``app.main`` calls
:meth:`RecoveryManager.offer_restore`: every recovery file whose lock can be
taken (no owner, or a dead one) is an orphan, and the newest is offered back
with Restore / Discard / Later; a file another running SoloRec still owns is
never offered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Slot
from PySide6.QtWidgets import QMessageBox

from ..core.data import atomic_write_bytes
from ..core.errors import SoloRecError
from . import settings
from .host import Host

log = logging.getLogger(__name__)

#: Milliseconds between a change and the recovery file being written (at most).
INTERVAL_MS = 2000
FORMAT = "solorec-recovery"
VERSION = 1

_folder: Path | None = None


def use_folder(path: str | os.PathLike | None) -> None:
    """Keep recovery files in ``path`` (tests); None = the default location."""
    global _folder
    _folder = Path(path) if path is not None else None


def recovery_folder() -> Path:
    if _folder is not None:
        return _folder
    env = os.environ.get("SOLOREC_RECOVERY_DIR")
    if env:
        return Path(env)
    redirected = getattr(settings, "_path", None)
    if redirected is not None:  # tests: settings live in tmp_path, so does recovery
        return Path(redirected) / "recovery"
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        base = str(Path.home() / ".solorec")
    return Path(base) / "recovery"


def recovery_path_for(source: str | os.PathLike) -> Path:
    digest = hashlib.sha1(str(Path(source).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return recovery_folder() / f"recovery-{digest}.json"


def lock_for(file: str | os.PathLike) -> QLockFile:
    """The lock that says a running SoloRec owns the recovery file ``file``."""
    lock = QLockFile(str(file) + ".lock")
    lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
    return lock


def is_orphaned(file: str | os.PathLike) -> bool:
    """No running SoloRec owns the recovery file (its lock is free, or its owner has died)."""
    lock = lock_for(file)
    if lock.tryLock(0):
        lock.unlock()
        return True
    return False


@dataclass
class Recovery:
    """A recovery file, read back."""

    file: Path
    #: The file the edits belong to; None for an untitled table (File › New table).
    source: Path | None
    edits: list[tuple[str, str, float]]
    saved_at: float
    source_size: int | None
    source_mtime_ns: int | None
    #: The whole table when its rows or columns changed (or it is untitled): ``users``, ``items``,
    #: ``scale`` and its known ``cells`` as [row, column, value].
    table: dict | None = None

    @property
    def name(self) -> str:
        return self.source.name if self.source is not None else "an untitled table"

    @property
    def changes(self) -> int:
        return len(self.edits) if self.table is None else max(1, len(self.table.get("cells", [])))

    def matrix(self):
        """The recovered table as a RatingMatrix (only for a file with ``table``)."""
        from ..core.data import RatingMatrix

        t = self.table
        values = np.full((len(t["users"]), len(t["items"])), np.nan)
        for r, c, v in t.get("cells", []):
            values[int(r), int(c)] = float(v)
        return RatingMatrix([str(u) for u in t["users"]], [str(i) for i in t["items"]], values,
                            scale=tuple(t.get("scale", (0.0, 5.0))), source={"format": "wide"})

    @property
    def source_changed(self) -> bool:
        """The source file is not the one the edits were made on (or is gone)."""
        if self.source is None:
            return False
        try:
            st = self.source.stat()
        except OSError:
            return True
        return (self.source_size is not None and st.st_size != self.source_size) or (
            self.source_mtime_ns is not None and st.st_mtime_ns != self.source_mtime_ns
        )

    @property
    def orphaned(self) -> bool:
        """Left by a process that is not running any more (Qt's stale-lock detection)."""
        return is_orphaned(self.file)


def read_recovery(file: str | os.PathLike) -> Recovery:
    """Parse a recovery file; raises ValueError when it is not one."""
    p = Path(file)
    data = json.loads(p.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{p} is not a SoloRec recovery file")
    edits = []
    for e in data.get("edits", []):
        value = e["value"]
        edits.append((str(e["user"]), str(e["item"]), math.nan if value is None else float(value)))
    table = data.get("table")
    if table is not None and not (isinstance(table, dict) and {"users", "items"} <= set(table)):
        raise ValueError(f"{p} holds a damaged table")
    return Recovery(
        file=p,
        source=Path(data["source"]) if data.get("source") else None,
        edits=edits,
        saved_at=float(data.get("saved_at", 0.0)),
        source_size=data.get("source_size"),
        source_mtime_ns=data.get("source_mtime_ns"),
        table=table,
    )


def pending_recoveries() -> list[Recovery]:
    """Recovery files left by processes that ended without saving, newest first."""
    folder = recovery_folder()
    found = []
    for file in sorted(folder.glob("recovery-*.json")) if folder.is_dir() else []:
        try:
            rec = read_recovery(file)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable recovery file %s: %s", file, exc)
            continue
        if rec.orphaned and (rec.edits or rec.table):
            found.append(rec)
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


class RecoveryManager(QObject):
    """Writes and removes the recovery file of one window's document."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self.document = host.document
        self.interval_ms = INTERVAL_MS
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush)
        self._baseline: np.ndarray | None = None  # values as opened or last saved
        self._source_stat: tuple[int, int] | None = None
        self._written: Path | None = None
        self._lock: QLockFile | None = None
        self.last_error: str | None = None
        self.writes = 0  # how many times the file was written (tests check the throttle)
        self._detached = False
        doc = self.document
        self._baseline_labels: tuple[list[str], list[str]] | None = None
        #: Where this window's untitled table is kept (one name per window and process).
        self._untitled = f"recovery-untitled-{os.getpid()}-{id(self):x}.json"
        doc.model.ratingsChanged.connect(self._on_changed)
        doc.model.structureChanged.connect(self._on_changed)
        doc.undo_stack.cleanChanged.connect(self._on_clean_changed)
        doc.loaded.connect(self._on_matrix_loaded)

    def window_closed(self) -> None:
        """The window closed after Save or Discard: remove the file and stop listening.

        Also keeps the slots from running while Qt tears the window down (the
        undo stack emits ``cleanChanged`` from its destructor).
        """
        self.discard()
        if getattr(self, "_detached", True):
            return
        self._detached = True
        doc = self.document
        for signal, slot in (
            (doc.model.ratingsChanged, self._on_changed),
            (doc.model.structureChanged, self._on_changed),
            (doc.undo_stack.cleanChanged, self._on_clean_changed),
            (doc.loaded, self._on_matrix_loaded),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    # -- tracking the document --------------------------------------------------------
    @Slot()
    def _on_matrix_loaded(self) -> None:
        """A new document: the previous one was saved or discarded (the window asked)."""
        if getattr(self, "_detached", True):  # closed, or a wrapper being torn down by the GC
            return
        self.timer.stop()
        self._forget()
        self._reset_baseline()

    def _reset_baseline(self) -> None:
        matrix = self.document.matrix
        # A sparse (MovieLens-25M-size) table is read-only: nothing to recover, no grid-sized baseline.
        self._baseline = matrix.values.copy() if matrix.is_dense else None
        self._baseline_labels = (list(self.document.matrix.users), list(self.document.matrix.items))
        path = self.document.path
        try:
            st = Path(path).stat() if path is not None else None
            self._source_stat = (st.st_size, st.st_mtime_ns) if st else None
        except OSError:
            self._source_stat = None

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        if clean and not getattr(self, "_detached", True):  # saved (or undone back to the saved state)
            self.timer.stop()
            self._forget()
            self._reset_baseline()

    @Slot()
    def _on_changed(self) -> None:
        if not getattr(self, "_detached", True) and not self.timer.isActive():  # a throttle, not a debounce: steady edits still get saved
            self.timer.start(self.interval_ms)

    # -- writing ------------------------------------------------------------------------
    def edits(self) -> list[tuple[str, str, float]]:
        """(user, item, value) of every cell that differs from the opened/saved file."""
        base = self._baseline
        if base is None or not self.document.matrix.is_dense:
            return []
        values = self.document.matrix.values
        if base.shape != values.shape:
            return []
        same = (base == values) | (np.isnan(base) & np.isnan(values))
        rows, cols = np.nonzero(~same)
        m = self.document.matrix
        return [(m.users[r], m.items[c], float(values[r, c])) for r, c in zip(rows.tolist(), cols.tolist())]

    def structure_changed(self) -> bool:
        """Rows or columns were added, removed or renamed since the file was opened or saved."""
        m = self.document.matrix
        return self._baseline_labels is None or self._baseline_labels != (list(m.users), list(m.items))

    def table(self) -> dict:
        """The whole table, for a recovery file (its known cells only: a sparse table stays small)."""
        m = self.document.matrix
        if not m.is_dense:
            r, c, v = m.known_cells()
            return {"users": list(m.users), "items": list(m.items), "scale": list(m.scale),
                    "cells": [[int(a), int(b), float(x)] for a, b, x in zip(r.tolist(), c.tolist(), v.tolist())]}
        rows, cols = np.nonzero(~np.isnan(m.values))
        return {"users": list(m.users), "items": list(m.items), "scale": list(m.scale),
                "cells": [[int(r), int(c), float(m.values[r, c])] for r, c in zip(rows.tolist(), cols.tolist())]}

    @Slot()
    def flush(self) -> Path | None:
        """Write the recovery file now (or remove it when nothing is unsaved)."""
        self.timer.stop()
        path = self.document.path
        modified = self.document.is_modified
        table = None
        if modified and (path is None or self.structure_changed()):
            table = self.table()
        edits = self.edits() if modified and table is None else []
        if not edits and table is None:
            self._forget()
            return None
        target = recovery_path_for(path) if path is not None else recovery_folder() / self._untitled
        if not self._own(target):
            # Another running SoloRec owns this file's recovery (the file is open there too).
            message = f"Not writing a crash-recovery file: {target.name} belongs to another SoloRec"
            if message != self.last_error:
                self.host.status(message, 10000)
            self.last_error = message
            return None
        payload = {
            "format": FORMAT,
            "version": VERSION,
            "source": str(path) if path is not None else None,
            "source_size": self._source_stat[0] if self._source_stat else None,
            "source_mtime_ns": self._source_stat[1] if self._source_stat else None,
            "saved_at": time.time(),
            "edits": [
                {"user": u, "item": i, "value": None if math.isnan(v) else v} for u, i, v in edits
            ],
        }
        if table is not None:
            payload["table"] = table
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, json.dumps(payload, ensure_ascii=False, indent=0).encode("utf-8"))
        except (SoloRecError, OSError) as exc:
            # Not worth a dialog: the edits are still in memory and Save still works.
            message = f"Cannot write the crash-recovery file ({exc})"
            if message != self.last_error:
                self.host.status(message, 10000)
            self.last_error = message
            log.warning("%s", message)
            return None
        self.last_error = None
        self.writes += 1
        self._written = target
        return target

    def _own(self, target: Path) -> bool:
        """Hold the lock of ``target`` (dropping the file and lock of another target)."""
        if self._written is not None and self._written != target:
            self._forget()
        if self._lock is not None and self._lock.isLocked():
            return True
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = lock_for(target)
        if not lock.tryLock(0):
            return lock.error() != QLockFile.LockError.LockFailedError  # no lock possible there: write anyway
        self._lock = lock
        return True

    def _forget(self) -> None:
        """Remove the recovery file this window wrote and let go of its lock."""
        self._remove(self._written)
        self._written = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def discard(self) -> None:
        """The user discarded the edits (or closed after saving): forget them."""
        self.timer.stop()
        self._forget()

    def abandon(self) -> None:
        """Let go of the recovery file without removing it (what a crash leaves; tests)."""
        self.timer.stop()
        self._written = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @property
    def current_file(self) -> Path | None:
        return self._written

    @staticmethod
    def _remove(file: Path | None) -> None:
        if file is None:
            return
        try:
            file.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("cannot remove the recovery file %s: %s", file, exc)

    # -- restoring ----------------------------------------------------------------------
    def ask_restore(self, rec: Recovery) -> str:
        """'restore', 'discard' or 'later' (tests replace this method)."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(rec.saved_at))
        n = len(rec.edits)
        if rec.source is None:
            text = self.tr("SoloRec ended without saving an untitled table of {u} users × {i} items (last change "
                           "{when}).\n\nRestore shows it again (unsaved). Discard deletes it for good. Later keeps "
                           "it for the next start.").format(u=len(rec.table["users"]), i=len(rec.table["items"]),
                                                            when=when)
        elif rec.table is not None:
            text = self.tr("SoloRec ended without saving edits to {name}, its rows or columns included (last change "
                           "{when}).\n\nRestore reopens {name} and puts the edited table back (marked unsaved, "
                           "Ctrl+Z undoes it). Discard deletes the edits for good. Later keeps them for the next "
                           "start.").format(name=rec.source.name, when=when)
        else:
            text = (
                f"SoloRec ended without saving {n} edit{'s' if n != 1 else ''} to {rec.source.name} "
                f"(last change {when}).\n\nRestore reopens {rec.source.name} and reapplies the edits "
                "(marked unsaved, Ctrl+Z undoes them). Discard deletes them for good. "
                "Later keeps them for the next start."
            )
        if rec.source_changed:
            text += (
                f"\n\nNote: {rec.source} has changed or is missing since; the edits are applied "
                "by user and item label where they still exist."
            )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore unsaved edits?"), text, parent=self.host.widget)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        box.exec()
        clicked = box.clickedButton()
        return "restore" if clicked is restore else "discard" if clicked is discard else "later"

    def _restore_untitled(self, rec: Recovery) -> bool:
        """An untitled table (File › New table) comes back as it was, unsaved."""
        try:
            matrix = rec.matrix()
        except (SoloRecError, ValueError, KeyError, TypeError, IndexError) as exc:
            self.host.error(self.tr("Cannot restore the edits"), self.tr(
                "The recovery file {file} is damaged ({error}); it is kept.").format(file=rec.file, error=exc))
            return False
        self.document.load(matrix)
        self.document.undo_stack.resetClean()  # unsaved: closing asks, and the recovery file is rewritten
        self._finish_restore(rec)
        self.host.status(self.tr("Restored the untitled table ({u} users × {i} items)").format(
            u=matrix.n_users, i=matrix.n_items), 15000)
        return True

    def _restore_table(self, rec: Recovery) -> bool:
        """Put back a table whose rows or columns were edited, as one undo step over the file as it is."""
        try:
            matrix = rec.matrix()
            self.document.model.replace_table(matrix.users, matrix.items, matrix.values,
                                              self.tr("Restore the unsaved table"))
        except (SoloRecError, ValueError, KeyError, TypeError, IndexError) as exc:
            self.host.error(self.tr("Cannot restore the edits"), self.tr(
                "The recovery file {file} is damaged ({error}); it is kept.").format(file=rec.file, error=exc))
            return False
        self._finish_restore(rec)
        self.host.status(self.tr("Restored the unsaved table of {name} ({u} users × {i} items)").format(
            name=rec.source.name, u=matrix.n_users, i=matrix.n_items), 15000)
        return True

    def _finish_restore(self, rec: Recovery) -> None:
        written = self.flush()  # this process owns the edits now: rewrite the file under our pid
        if written is None or written.resolve() != rec.file.resolve():
            self._remove(rec.file)

    def offer_restore(self) -> bool:
        """At start-up: offer the newest orphaned recovery file. True when edits were restored."""
        pending = pending_recoveries()
        if not pending:
            return False
        rec = pending[0]
        answer = self.ask_restore(rec)
        if answer == "discard":
            self._remove(rec.file)
            return False
        if answer != "restore":
            return False
        return self.restore(rec)

    def restore(self, rec: Recovery) -> bool:
        """Open the source file and reapply the edits as one undo step (document modified)."""
        host = self.host
        if not host.maybe_save("restoring the unsaved edits of another file"):
            return False
        if rec.source is None:
            return self._restore_untitled(rec)
        if not host.open_file(rec.source):
            host.error(
                self.tr("Cannot restore the edits"),
                f"{rec.source} cannot be opened, so its {len(rec.edits)} unsaved edits cannot be reapplied. "
                f"They are kept in {rec.file}.",
            )
            return False
        doc = self.document
        if doc.path is None or doc.read_only:
            # opened read-only or as a copy: another running window owns the file; its edits stay for later
            host.status(self.tr("{name} is open in another SoloRec window: its unsaved edits stay in {file} "
                                "for later").format(name=rec.source.name, file=rec.file.name), 15000)
            return False
        if rec.table is not None:
            return self._restore_table(rec)
        m = doc.matrix
        user_index = {u: k for k, u in enumerate(m.users)}
        item_index = {i: k for k, i in enumerate(m.items)}
        rows, cols, values = [], [], []
        skipped = 0
        for user, item, value in rec.edits:
            r, c = user_index.get(user), item_index.get(item)
            if r is None or c is None:
                skipped += 1
                continue
            try:
                v = value if math.isnan(value) else m.check_rating(value, f"{user} × {item}")
            except SoloRecError:
                skipped += 1
                continue
            rows.append(r)
            cols.append(c)
            values.append(v)
        n = len(values)
        doc.model.set_cells(rows, cols, values, f"Restore {n} unsaved edit{'s' if n != 1 else ''}")
        written = self.flush()  # this process owns the edits now: rewrite the file under our pid
        if written is None or written.resolve() != rec.file.resolve():
            self._remove(rec.file)
        message = f"Restored {n} unsaved edit{'s' if n != 1 else ''} to {rec.source.name}"
        if skipped:
            message += f"; {skipped} could not be applied (their user or item is no longer in the file)"
        host.status(message, 15000)
        return True


__all__ = [
    "INTERVAL_MS",
    "Recovery",
    "RecoveryManager",
    "is_orphaned",
    "lock_for",
    "pending_recoveries",
    "read_recovery",
    "recovery_folder",
    "recovery_path_for",
    "use_folder",
]
