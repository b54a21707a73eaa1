"""Saving never loses the previous file: failures leave it byte-for-byte intact and no temp file behind.

Tests run as root here, where chmod does not stop writes, so a read-only
folder and a full disk are simulated by making the system call raise, as the
kernel would (EACCES, ENOSPC). A real chmod test runs when not root. A process
killed in the middle of a save is a real subprocess stopped with SIGKILL at the
hook point ``SOLOREC_TEST_PAUSE_BEFORE_RENAME`` (after the data is written and
fsynced to the temp file, before the rename).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from solorec_gui import cli
from solorec_gui.core.data import (
    PAUSE_ENV,
    RatingMatrix,
    atomic_write_bytes,
    export_completed,
    files,
    read_ratings,
    save_wide,
)
from solorec_gui.core.errors import SoloRecError

SOLO = Path(__file__).resolve().parents[2] / "resources" / "solo.csv"
PREVIOUS = b"previous,\xec\x98\x81\xed\x98\xb8\r\nbytes that must survive\n"


def _matrix() -> RatingMatrix:
    return RatingMatrix(["=u1", "u2"], ["a", "b"], np.array([[1.0, np.nan], [2.5, 4.0]]))


def _save(kind: str, path: Path) -> None:
    m = _matrix()
    if kind == "save_wide":
        save_wide(m, path)
    elif kind == "export_wide":
        export_completed(m, np.full(m.shape, 3.0), path)
    elif kind == "export_long":
        export_completed(m, np.full(m.shape, 3.0), path, layout="long")
    else:
        atomic_write_bytes(path, b"new bytes\n")


SAVERS = ["save_wide", "export_wide", "export_long", "atomic_write_bytes"]


@pytest.fixture
def existing(tmp_path) -> Path:
    path = tmp_path / "ratings.csv"
    path.write_bytes(PREVIOUS)
    return path


def _only(folder: Path, *names: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(names), "a temp file was left behind"


# -- successful saves -------------------------------------------------------------------


@pytest.mark.parametrize("kind", SAVERS)
def test_save_replaces_the_file_and_leaves_nothing_else(kind, existing):
    _save(kind, existing)
    assert existing.read_bytes() != PREVIOUS
    _only(existing.parent, "ratings.csv")


def test_save_keeps_the_permissions_of_the_existing_file(existing):
    existing.chmod(0o640)
    save_wide(_matrix(), existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640


def test_new_file_gets_the_umask_permissions(tmp_path):
    old = os.umask(0o027)
    try:
        path = tmp_path / "new.csv"
        save_wide(_matrix(), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_save_through_a_symlink_replaces_the_target_and_keeps_the_link(existing, tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(existing)
    save_wide(_matrix(), link)
    assert link.is_symlink()
    assert read_ratings(existing).users == ["=u1", "u2"]


# -- failures: clear message, previous file intact, no temp file ------------------------------


@pytest.mark.parametrize("kind", SAVERS)
def test_read_only_folder(kind, existing, monkeypatch):
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if Path(os.fsdecode(path)).parent == existing.parent and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(SoloRecError) as info:
        _save(kind, existing)
    msg = str(info.value)
    assert msg.startswith(f"cannot write {existing}: permission denied")
    assert "read-only" in msg and "the existing file was not changed" in msg
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions; simulated above")
def test_read_only_folder_for_real(existing):
    folder = existing.parent
    folder.chmod(0o500)
    try:
        with pytest.raises(SoloRecError, match="permission denied"):
            save_wide(_matrix(), existing)
        assert existing.read_bytes() == PREVIOUS
        _only(folder, "ratings.csv")
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("kind", SAVERS)
def test_path_is_a_folder(kind, tmp_path):
    folder = tmp_path / "data.csv"
    folder.mkdir()
    (folder / "inside.txt").write_bytes(b"x")
    with pytest.raises(SoloRecError, match="it is a folder"):
        _save(kind, folder)
    assert folder.is_dir() and (folder / "inside.txt").read_bytes() == b"x"
    _only(tmp_path, "data.csv")


def test_folder_does_not_exist(tmp_path):
    with pytest.raises(SoloRecError, match="does not exist"):
        save_wide(_matrix(), tmp_path / "missing" / "out.csv")
    _only(tmp_path)


@pytest.mark.parametrize("kind", SAVERS)
@pytest.mark.parametrize("after_bytes", [0, 5])
def test_disk_full_during_write(kind, after_bytes, existing, monkeypatch):
    """os.write raises ENOSPC, at once or after a first partial write."""
    real_write = os.write
    calls = {"n": 0}

    def write(fd, data):
        calls["n"] += 1
        if calls["n"] == 1 and after_bytes:
            return real_write(fd, bytes(data[:after_bytes]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(SoloRecError) as info:
        _save(kind, existing)
    assert str(info.value) == f"cannot write {existing}: the disk is full; the existing file was not changed"
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


@pytest.mark.parametrize("kind", SAVERS)
def test_disk_full_at_fsync(kind, existing, monkeypatch):
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(SoloRecError, match="the disk is full"):
        _save(kind, existing)
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


def test_rename_fails(existing, monkeypatch):
    def replace(src, dst):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(SoloRecError, match="Device or resource busy"):
        save_wide(_matrix(), existing)
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


def test_interrupt_during_write_removes_the_temp_file(existing, monkeypatch):
    def write(fd, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(KeyboardInterrupt):
        save_wide(_matrix(), existing)
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


def test_chmod_refused_is_not_a_failure(existing, monkeypatch):
    """FAT and network shares refuse chmod; the save still succeeds."""

    def chmod(*args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", chmod)
    save_wide(_matrix(), existing)
    assert read_ratings(existing).users == ["=u1", "u2"]
    _only(existing.parent, "ratings.csv")


def test_unsavable_matrix_is_refused_before_touching_the_disk(existing):
    bad = RatingMatrix(["u", " u "], ["a"], np.array([[1.0], [2.0]]))
    with pytest.raises(SoloRecError, match="both labelled 'u'"):
        save_wide(bad, existing)
    off_scale = RatingMatrix(["u"], ["a"], np.array([[7.0]]))
    with pytest.raises(SoloRecError, match="not on the scale"):
        save_wide(off_scale, existing)
    empty = RatingMatrix(["u"], ["a"], np.array([[np.nan]]))
    with pytest.raises(SoloRecError, match="no known rating"):
        save_wide(empty, existing)
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


# -- the CLI, with the disk full when it writes its output --------------------------------


def test_cli_disk_full_keeps_previous_output(existing, monkeypatch, capsys):
    def write(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)
    code = cli.main(["complete", str(SOLO), "-o", str(existing), "--epochs", "10", "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and "the disk is full" in err
    assert "Traceback" not in err
    assert existing.read_bytes() == PREVIOUS
    _only(existing.parent, "ratings.csv")


# -- a process killed in the middle of a save ----------------------------------------------

_SAVER = textwrap.dedent(
    """
    import sys
    import numpy as np
    from solorec_gui.core.data import read_ratings, save_wide, export_completed
    m = read_ratings(sys.argv[1])
    m.values[0, 1] = 1.5
    if sys.argv[3] == "export":
        export_completed(m, np.full(m.shape, 2.0), sys.argv[2])
    else:
        save_wide(m, sys.argv[2])
    """
)


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the saver exited early: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("the saver never reached the pause point")
        time.sleep(0.02)


@pytest.mark.parametrize("how", ["save", "export"])
def test_process_killed_before_rename_leaves_previous_file(how, tmp_path):
    target = tmp_path / "solo.csv"
    target.write_bytes(SOLO.read_bytes())
    previous = target.read_bytes()
    ready = tmp_path / "ready"
    env = dict(os.environ, **{PAUSE_ENV: str(ready), "SOLOREC_TEST_PAUSE_SECONDS": "300"})
    proc = subprocess.Popen(
        [sys.executable, "-c", _SAVER, str(SOLO), str(target), how],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(ready, proc)
        tmp_file = Path(ready.read_text(encoding="utf-8"))
        assert tmp_file.parent == tmp_path and tmp_file.exists()
        # The new content is complete in the temp file; only the rename is missing.
        assert read_ratings(tmp_file).values[0, 1] == 1.5
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert target.read_bytes() == previous
    # The only trace is the hidden temp file beside it; the next save still works.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["solo.csv", "ready", tmp_file.name])
    assert tmp_file.name.startswith(".solo.csv.") and tmp_file.name.endswith(".tmp")
    m = read_ratings(target)
    save_wide(m, target)
    assert read_ratings(target).values[0, 1] == m.values[0, 1]


def test_pause_hook_is_inert_without_the_variable(monkeypatch, existing):
    monkeypatch.delenv(PAUSE_ENV, raising=False)
    monkeypatch.setattr(files.time, "sleep", lambda s: pytest.fail("slept without the hook"))
    save_wide(_matrix(), existing)
