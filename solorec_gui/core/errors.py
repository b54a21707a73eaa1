"""The engine's own exceptions.

Every problem a user can cause (a bad file, bad settings, a training that
diverges) is raised as one of these, with a message that says what went wrong
and where, so the CLI can print one ``error: ...`` line and the window can show
a dialog. Anything else escaping the engine is a bug.
"""

from __future__ import annotations


class SoloRecError(Exception):
    """Base class of every error a user can cause; ``str(err)`` is the message."""


class InputError(SoloRecError):
    """A data file (or value) that cannot be read as a rating matrix.

    ``line`` is 1-based (the physical line of the file), ``column`` is 1-based
    (the field of that line); both are optional. The message already names
    them; they are kept as attributes for the window, which can select the cell.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.column = column
        where = []
        if path:
            where.append(str(path))
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class TrainingError(SoloRecError):
    """Training could not produce trustworthy predictions (e.g. the loss became NaN)."""


class ConfigError(SoloRecError):
    """Invalid training or evaluation settings."""


class Cancelled(SoloRecError):
    """The user stopped a job (an evaluation, a comparison, an ensemble) before it had a result.

    Not a failure: the window reports it as "Stopped" and nothing half-done is
    shown as a result. (A stopped *training* is not an error: ``fit`` returns
    what the model learnt so far with ``stopped=True``.)
    """

    def __init__(self, message: str = "stopped") -> None:
        super().__init__(message)
