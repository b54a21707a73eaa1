"""The rating-data package (core.data) imports neither torch nor Qt, directly or indirectly."""

from __future__ import annotations

import subprocess
import sys


def test_data_package_imports_neither_torch_nor_qt():
    code = "import solorec_gui.core.data, sys; assert 'torch' not in sys.modules and 'PySide6' not in sys.modules"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
