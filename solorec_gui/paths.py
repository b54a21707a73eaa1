"""Where bundled resources live: every resource path is resolved here, in one place.

The files' source is the top-level ``resources/`` folder (fixed by the design);
``solorec_gui/resources`` links to it, and the wheel carries the files inside the
package (``[tool.setuptools.package-data]`` in pyproject.toml). So the same
lookup, ``importlib.resources.files("solorec_gui") / "resources"``, finds them in
a checkout, an editable install and a wheel installed anywhere.
``SOLOREC_RESOURCES`` overrides it (other layouts, packagers).
"""

from __future__ import annotations

import atexit
import contextlib
import os
from importlib import resources
from pathlib import Path

_extracted: contextlib.ExitStack | None = None


def resources_dir() -> Path:
    """The folder holding ``solo.csv`` and the icons, as a real path (Qt and file dialogs need one)."""
    env = os.environ.get("SOLOREC_RESOURCES")
    if env:
        return Path(env)
    folder = resources.files("solorec_gui") / "resources"
    if isinstance(folder, Path):
        return folder
    # Imported from a zip (zipapp, zipimport): copy the folder out once, for this process.
    global _extracted
    if _extracted is None:
        _extracted = contextlib.ExitStack()
        atexit.register(_extracted.close)
    return Path(_extracted.enter_context(resources.as_file(folder)))


def resource(name: str) -> Path:
    """A bundled file by name (``solo.csv``, ``solorec.png``, ``solorec.svg``)."""
    return resources_dir() / name


def bundled_dataset() -> Path:
    """The lecture's 9 × 8 dating-show table, the default dataset."""
    return resource("solo.csv")
