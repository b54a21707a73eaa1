"""What the window needs to know about the engine *before* torch is imported.

``solorec_gui.core.models`` and ``.training`` import torch (≈1.5 s), and the
window must appear first. The model list and descriptions are therefore read
from the imported module when it is already loaded, and otherwise from the
literal ``MODEL_NAMES`` / ``MODEL_DESCRIPTIONS`` in its source (``ast``, no
import). After the first training has loaded the engine, the window calls
:func:`model_names` again, so models added to the engine later appear in the
combo without any change here.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from functools import lru_cache

FALLBACK_NAMES = ("mf", "nn", "baseline")

PRETTY = {
    "mf": "MF: matrix factorisation",
    "nn": "NN: neural network",
    "baseline": "Baseline: biases only",
    "mf-large": "MF for large data (biased, mini-batch, L2)",
    "autorec": "AutoRec: item autoencoder",
    "mf+autorec": "MF + AutoRec blend (large data)",
}


@lru_cache(maxsize=1)
def _literals() -> dict:
    spec = importlib.util.find_spec("solorec_gui.core.models")
    out: dict = {}
    if spec is None or not spec.origin:
        return out
    try:
        with open(spec.origin, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
    except (OSError, SyntaxError):
        return out
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("MODEL_NAMES", "MODEL_DESCRIPTIONS"):
                    try:
                        out[target.id] = ast.literal_eval(node.value)
                    except (ValueError, TypeError, SyntaxError):
                        pass
    return out


def engine_loaded() -> bool:
    return "solorec_gui.core.models" in sys.modules


def model_names() -> tuple[str, ...]:
    module = sys.modules.get("solorec_gui.core.models")
    if module is not None and getattr(module, "MODEL_NAMES", None):
        return tuple(module.MODEL_NAMES)
    names = _literals().get("MODEL_NAMES")
    return tuple(names) if names else FALLBACK_NAMES


def model_descriptions() -> dict[str, str]:
    module = sys.modules.get("solorec_gui.core.models")
    if module is not None and getattr(module, "MODEL_DESCRIPTIONS", None):
        return dict(module.MODEL_DESCRIPTIONS)
    return dict(_literals().get("MODEL_DESCRIPTIONS") or {})


def pretty_name(name: str) -> str:
    return PRETTY.get(name, name)
