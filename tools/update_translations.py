#!/usr/bin/env python3
"""Refresh the Korean translation source and compile it: ``python tools/update_translations.py``.

1. ``pyside6-lupdate`` over every module of ``solorec_gui/ui/`` updates
   ``resources/i18n/solorec_ko.ts`` (finished translations are kept; new strings come in unfinished).
2. The engine's labels, which the window translates at run time and lupdate cannot see (each
   model's ``display_name``, its short name before the colon, ``description``, and its settings'
   ``label``/``help``/``zero_means``), are generated from the model registry into the contexts that
   translate them (:data:`ENGINE_CONTEXTS`). One translation serves them all: a finished
   ``ModelSettings`` entry fills the same text in the other engine contexts. The templates of the
   cell explanations (``core/texts.py``) go into the context ``Explain``.
3. Entries whose source text is gone are dropped; then ``pyside6-lrelease`` writes ``solorec_ko.qm``.

``--check``: do all of that on a temporary copy and print what is unfinished; exit status 1 when
anything is (``tests/ui/test_i18n.py`` calls :func:`unfinished` the same way).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TS = ROOT / "resources" / "i18n" / "solorec_ko.ts"
QM = TS.with_suffix(".qm")
UI = ROOT / "solorec_gui" / "ui"
#: Where the window passes engine texts through QCoreApplication.translate / self.tr at run time.
ENGINE_CONTEXTS = ("ModelSettings", "TrainingPanel", "EvaluationPanel", "Messages")
#: Where the window translates the engine's explanation sentences (core/texts.py's templates).
EXPLAIN_CONTEXT = "Explain"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6: pip install PySide6-Essentials)")
    return found


def engine_texts() -> list[str]:
    """Every engine text the window translates at run time, in registry order, without repeats."""
    from solorec_gui.core.models import Params, model_classes

    texts: list[str] = []

    def add(text: str | None) -> None:
        if text and text not in texts:
            texts.append(text)

    def walk(params_cls: type) -> None:
        for f in dataclasses.fields(params_cls):
            meta = dict(f.metadata)
            add(meta.get("label"))
            add(meta.get("help"))
            add(meta.get("zero_means"))
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if isinstance(default, Params):
                walk(type(default))

    for cls in model_classes():
        add(cls.display_name or cls.name)
        add((cls.display_name or cls.name).split(":")[0])
        add(cls.description)
        for name in cls.phase_names:
            add(name)
        walk(cls.Params)
    return texts


def explain_texts() -> list[str]:
    """The templates of the cell explanations (``core/texts.py``), which the window translates under
    :data:`EXPLAIN_CONTEXT`."""
    from solorec_gui.core.texts import EXPLAIN

    return list(dict.fromkeys(EXPLAIN.values()))


def _is_finished(message: ET.Element) -> bool:
    tr = message.find("translation")
    return tr is not None and tr.get("type") is None and bool((tr.text or "").strip() or message.get("numerus"))


def _context(root: ET.Element, name: str) -> ET.Element:
    for ctx in root.findall("context"):
        if ctx.findtext("name") == name:
            return ctx
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = name
    return ctx


def refresh(ts: Path, *, sources: list[Path] | None = None) -> None:
    """Steps 1–3 (without compiling) on ``ts``."""
    files = sources or sorted(UI.rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-locations", "none", *map(str, files), "-ts", str(ts)], check=True)
    tree = ET.parse(ts)
    root = tree.getroot()
    known: dict[str, str] = {}  # source -> a finished translation, from any context
    for message in root.iter("message"):
        if _is_finished(message) and message.get("numerus") is None:
            known.setdefault(message.findtext("source"), message.find("translation").text)
    wanted_in = {name: engine_texts() for name in ENGINE_CONTEXTS}
    wanted_in[EXPLAIN_CONTEXT] = explain_texts()
    for name, wanted in wanted_in.items():
        ctx = _context(root, name)
        have = {m.findtext("source"): m for m in ctx.findall("message")}
        for text in wanted:
            message = have.get(text)
            if message is None:
                message = ET.SubElement(ctx, "message")
                ET.SubElement(message, "source").text = text
                ET.SubElement(message, "translation", type="unfinished")
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                translation.set("type", "unfinished" if not (translation.text or "").strip() else "")
                if translation.get("type") == "":
                    del translation.attrib["type"]
    # One translation per source text: fill unfinished entries from a finished one elsewhere.
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation.get("type") == "unfinished" and message.findtext("source") in known:
            translation.text = known[message.findtext("source")]
            del translation.attrib["type"]
    # Drop what no source uses any more.
    for ctx in list(root.findall("context")):
        for message in list(ctx.findall("message")):
            if message.find("translation").get("type") in ("vanished", "obsolete"):
                ctx.remove(message)
        if not ctx.findall("message"):
            root.remove(ctx)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry without a finished translation."""
    out = []
    for ctx in ET.parse(ts).getroot().findall("context"):
        for message in ctx.findall("message"):
            if not _is_finished(message):
                out.append((ctx.findtext("name"), message.findtext("source")))
    return out


def count(ts: Path) -> int:
    return sum(1 for _ in ET.parse(ts).getroot().iter("message"))


def release(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def check_copy() -> list[tuple[str, str]]:
    """Refresh a temporary copy of the committed .ts; what would be unfinished."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TS.name
        shutil.copyfile(TS, copy)
        refresh(copy)
        return unfinished(copy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report unfinished entries, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        missing = check_copy()
        for context, source in missing:
            print(f"unfinished [{context}] {source!r}")
        print(f"{len(missing)} unfinished")
        return 1 if missing else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    refresh(TS)
    release(TS, QM)
    missing = unfinished(TS)
    print(f"{TS.relative_to(ROOT)}: {count(TS)} entries, {len(missing)} unfinished; wrote {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
