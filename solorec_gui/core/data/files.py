"""File I/O that fails cleanly: reading a file's bytes, and atomic writes.

:func:`read_file_bytes` turns a missing file, a folder, an unreadable or too
big file into an :class:`InputError` that says why. :func:`atomic_write_bytes`
writes through a temporary file and a rename, so a failed save never damages
the previous file. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from pathlib import Path

from ..errors import InputError, SoloRecError


def read_file_bytes(path: str | os.PathLike, *, max_bytes: int | None = None, what: str = "file") -> bytes:
    """A file's bytes, or an :class:`InputError` that says why not (missing, a folder, unreadable, too big)."""
    p = Path(path)
    try:
        if max_bytes is not None and p.stat().st_size > max_bytes:
            raise InputError(f"the file is larger than {max_bytes // (1024 * 1024)} MB; not a {what}", path=str(path))
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"this is a folder, not a {what}", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=str(path)) from None



#: Test hook (never set in normal use): when this environment variable names a
#: file, :func:`atomic_write_bytes` writes the temporary file's path into it
#: once the data is on disk and then sleeps ``SOLOREC_TEST_PAUSE_SECONDS``
#: (default 60) before the rename, so a test can kill the process mid-save.
PAUSE_ENV = "SOLOREC_TEST_PAUSE_BEFORE_RENAME"


def _umask() -> int:
    """The process umask, read without changing it (os.umask is racy with threads)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _IMPORT_UMASK


def _read_umask_once() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_IMPORT_UMASK = _read_umask_once()


def _why(exc: OSError, folder: Path) -> str:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied (is the folder {folder} read-only?)"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code == errno.ENOENT:
        return f"the folder {folder} does not exist"
    if code == errno.EISDIR:
        return "it is a folder"
    if code == errno.ENOTDIR:
        return f"{folder} is not a folder"
    return exc.strerror or str(exc)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file in the target's folder, fsync, then rename over it.

    A failure at any point (read-only folder, full disk, a kill) leaves an
    existing file byte-for-byte intact, and a failure that raises removes the
    temporary file. (A process killed before the rename can leave a hidden
    ``.NAME.*.tmp`` beside the target; the target itself is intact.) A symbolic
    link is followed: the file it points to is replaced, the link is kept.
    Raises :class:`SoloRecError` with a readable message.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    existed = target.exists()
    if target.is_dir():
        raise SoloRecError(f"cannot write {target}: it is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:  # keep the existing file's permissions; a new file gets the usual ones
            mode = (target.stat().st_mode & 0o777) if existed else (0o666 & ~_umask())
            os.chmod(tmp_name, mode)
        except OSError:
            pass  # some file systems (FAT, network shares) refuse chmod: not a reason to fail
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            # Announce by rename, so the test never reads a half-written name.
            Path(pause + ".part").write_text(tmp_name, encoding="utf-8")
            os.replace(pause + ".part", pause)
            time.sleep(float(os.environ.get("SOLOREC_TEST_PAUSE_SECONDS", "60")))
        os.replace(tmp_name, target)
        tmp_name = None
        try:  # make the rename itself durable; not possible everywhere
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass
    except OSError as exc:
        kept = "; the existing file was not changed" if existed else ""
        raise SoloRecError(f"cannot write {target}: {_why(exc, folder)}{kept}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
