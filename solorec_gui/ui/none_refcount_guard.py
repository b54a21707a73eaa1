"""Guard against PySide6 6.12's reference-count leaks of ``None``/``True``/``False`` on Python < 3.12.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a void Qt method
through the bindings (``QGraphicsItem.setPos``, ``QLabel.setText``, …) lowers
``sys.getrefcount(None)`` by one: the binding returns ``Py_None`` without
taking a reference. From Python 3.12 ``None`` is immortal (PEP 683) and this is
harmless; on 3.11 a long session (or test run) eventually drives the count to
zero and aborts with "Fatal Python error: none_dealloc: deallocating None".
The UI test suite hit it after ~70 tests; a live-updating plot gets there in a
working day. ``True`` leaks the same way (pyqtgraph's scatter and event
handling: "bool_dealloc" at interpreter exit), and small ints drift too.

:func:`apply` gives these singletons (``None``, ``True``, ``False``, ``Ellipsis``,
``NotImplemented``, the cached ints -5..256) a reference count no leak can
exhaust (2**48 extra references; they are never deallocated anyway). It is a
no-op on 3.12+, where they are immortal.
The lasting fix is a PySide6 without the leak or Python ≥ 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA = 1 << 48
_applied = False


def apply() -> bool:
    """Raise the singletons' reference counts once per process; True when it did."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False, Ellipsis, NotImplemented, *range(-5, 257)):
        ctypes.c_ssize_t.from_address(id(obj)).value += _EXTRA
    _applied = True
    return True
