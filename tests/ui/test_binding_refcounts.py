"""The installed Qt bindings must not leak references to None/True.

PySide6 6.12.0 returned ``Py_None`` from void methods without a reference; on
Python 3.11 a long session then aborts ("Fatal Python error: none_dealloc").
pyproject.toml excludes it; this test names the problem if such a build is
installed anyway, instead of a crash somewhere later in the suite.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from Python 3.12 (PEP 683)")
def test_void_calls_do_not_drop_references_to_none_or_true(qtbot):
    import PySide6

    label = QLabel()
    qtbot.addWidget(label)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        label.setText("x")
        label.isHidden()
    none_drift = sys.getrefcount(None) - none_before
    true_drift = sys.getrefcount(True) - true_before
    assert none_drift > -100 and true_drift > -100, (
        f"PySide6 {PySide6.__version__} leaks references (None {none_drift}, True {true_drift} over 200 calls): "
        "install a release pyproject.toml allows"
    )
