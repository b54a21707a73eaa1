"""File › Load item names…: movie titles as column headers, ids kept underneath.

Reads a mapping file with the engine's ``item_names.read_item_names`` (ml-100k
``u.item``, ml-latest-small ``movies.csv``, any ``id,title`` CSV) and shows the
titles as the grid's column headers; each header's tooltip names the item id.
The matrix keeps its ids as item labels: saving, the recovery file and exports
use the ids, unless the export dialog's "titles instead of ids" box is ticked
(offered only once names are loaded),
in which case :func:`matrix_with_titles` gives the export a copy whose item
labels are the titles (a title shared by two items gets its id appended, so
the exported file can be read back).

Titles belong to the document shown: opening another file clears them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from ..core.data import RatingMatrix, label_problem
from ..core.errors import SoloRecError
from . import settings
from .host import Host

NAMES_FILTER = "Item names (u.item movies.csv *.csv *.item *.txt *.tsv);;All files (*)"


def titles_for(items: list[str], names: dict[str, str]) -> list[str | None]:
    """The title of each item id (None where the mapping has none)."""
    return [names.get(item) or None for item in items]


def export_labels(items: list[str], titles: list[str | None]) -> list[str]:
    """Item labels for an export with titles: unique, readable back, the id where no title fits."""
    counts = Counter(t for t in titles if t)
    out = []
    for item, title in zip(items, titles):
        if not title or label_problem(title) is not None:
            out.append(item)
        elif counts[title] > 1:
            out.append(f"{title} [{item}]")
        else:
            out.append(title)
    # a title equal to another item's bare id (or to a disambiguated one) must not collide either
    seen = Counter(out)
    return [label if seen[label] == 1 else f"{label} [{item}]" for label, item in zip(out, items)]


def matrix_with_titles(matrix: RatingMatrix, titles: list[str | None]) -> RatingMatrix:
    """A shallow copy of ``matrix`` whose item labels are the titles (values shared, not copied)."""
    return RatingMatrix(
        list(matrix.users),
        export_labels(list(matrix.items), titles),
        matrix.values,
        scale=matrix.scale,
        corner=matrix.corner,
        source=dict(matrix.source or {}),
    )


class ItemNames(QObject):
    """The "Load item names…" action of one window."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self.action = QAction(self.tr("Load &item names…"), host.widget)
        self.action.setStatusTip(
            self.tr("Show movie titles (u.item, movies.csv) as column headers; ids stay in the tooltips"))
        self.action.triggered.connect(self._on_load)
        self.source: Path | None = None
        host.document.loaded.connect(self._on_document_loaded)

    def _on_document_loaded(self) -> None:
        self.source = None  # the model cleared its titles with the new matrix
        remembered = remembered_names(self.host.document.path)
        if remembered is not None:
            # Item titles are remembered with the file: shown again once the grid has the new matrix.
            QTimer.singleShot(0, lambda: self._reload(remembered))

    def _reload(self, names: Path) -> None:
        if remembered_names(self.host.document.path) == names and not self.loaded:
            self.load(names, quiet=True)

    @property
    def loaded(self) -> bool:
        return self.host.document.model.item_titles is not None

    def _on_load(self) -> None:
        start = settings.read("file/last_dir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.host.widget, self.tr("Load item names"), start, NAMES_FILTER)
        if path:
            self.load(path)

    def load(self, path: str | Path, quiet: bool = False) -> bool:
        """Read the names and show them; on failure show why and change nothing (``quiet``: a remembered
        names file reloaded with its rating file; a failure then only forgets it)."""
        from ..core.data import read_item_names

        host = self.host
        model = host.document.model
        try:
            names = read_item_names(path)
        except SoloRecError as exc:
            if quiet:
                remember_names(host.document.path, None)
                return False
            host.error(self.tr("Cannot load item names"), str(exc))
            return False
        items = list(model.matrix.items)
        titles = titles_for(items, names)
        found = sum(t is not None for t in titles)
        if not found and quiet:
            remember_names(host.document.path, None)
            return False
        if not found:
            sample = ", ".join(items[:3])
            host.error(
                self.tr("Cannot load item names"),
                self.tr("{file} names {n} items, but none of them is an item of this grid (its items are ids like "
                        "{sample}). The headers are unchanged.").format(file=Path(path).name, n=len(names), sample=sample),
            )
            return False
        model.set_item_titles(titles)
        header = host.grid.view.horizontalHeader()
        header.setDefaultSectionSize(max(header.defaultSectionSize(), 140))
        self.source = Path(path)
        remember_names(host.document.path, self.source)
        message = self.tr("Titles for {found} of {n} items from {file} (ids in the header tooltips)").format(
            found=f"{found:,}", n=f"{len(items):,}", file=Path(path).name)
        if found < len(items):
            message += self.tr("; {0} items keep their id").format(f"{len(items) - found:,}")
        host.status(message, 10000)
        return True

    def export_matrix(self, use_titles: bool) -> RatingMatrix:
        """What an export writes: the matrix itself, or a copy labelled with the titles."""
        model = self.host.document.model
        if use_titles and model.item_titles is not None:
            return matrix_with_titles(model.matrix, model.item_titles)
        return model.matrix


def remembered_names(data_file: Path | None) -> Path | None:
    """The names file last loaded for ``data_file``, if it still exists."""
    if data_file is None:
        return None
    key = str(Path(data_file).resolve())
    for line in settings.read("file/item_names"):
        data, _, names = line.partition("\t")
        if data == key and names and Path(names).is_file():
            return Path(names)
    return None


def remember_names(data_file: Path | None, names: Path | None) -> None:
    """Remember (or, with None, forget) the names file of ``data_file``; the last 50 files are kept."""
    if data_file is None:
        return
    key = str(Path(data_file).resolve())
    lines = [line for line in settings.read("file/item_names") if line.partition("\t")[0] != key]
    if names is not None:
        lines.insert(0, f"{key}\t{Path(names).resolve()}")
    settings.write("file/item_names", lines[:50])


__all__ = ["ItemNames", "remember_names", "remembered_names", "export_labels", "matrix_with_titles", "titles_for"]
