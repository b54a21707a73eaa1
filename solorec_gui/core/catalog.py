"""What SoloRec can train, and with which defaults: plain Python, no torch.

The window reads this at start-up to fill its model list and its training
panel before torch is imported (the window must show in well under 1.5 s);
the engine (models, training, large) imports the same names, so the two can
never disagree.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from .errors import ConfigError

LECTURE_SEED = 43052
#: Beyond this, torch's optimisers overflow float32 (lr 1e38 raises a RuntimeError).
MAX_LR = 1e12

MODEL_NAMES = ("mf", "nn", "baseline", "mf-large", "autorec", "mf+autorec")

MODEL_DESCRIPTIONS = {
    "mf": "Matrix factorisation (the lecture's): σ(u·v + b_u + b_i) scaled to the rating range",
    "nn": "Neural recommender (the lecture's): [u, v, b_u, b_i] → MLP → σ scaled to the rating range",
    "baseline": "Baseline: mean rating + user bias + item bias (no embeddings)",
    # Recipes for large sparse data (MovieLens size); see large.py.
    "mf-large": "MF for large data: mean + user/item biases + u·v, small init, L2 per mini-batch",
    "autorec": "I-AutoRec: each item's ratings → σ(V·r) → W·h (an item-based autoencoder)",
    "mf+autorec": "Ensemble: mf-large and autorec trained in turn, predictions blended",
}

#: Model kinds trained by :func:`fit_large` rather than the lecture's loop.
LARGE_MODEL_NAMES = ("mf-large", "autorec", "mf+autorec")

LARGE_DESCRIPTIONS = {name: MODEL_DESCRIPTIONS[name] for name in ("mf-large", "autorec", "mf+autorec")}

#: Tuned defaults per kind (on a validation slice of ml-100k u1.base; see bench/movielens.py).
LARGE_DEFAULTS: dict[str, dict] = {
    "mf-large": dict(dim=64, epochs=25, lr=1e-2, batch_size=8192, reg=0.1, bias_reg=0.01, lr_decay=1.0),
    "autorec": dict(dim=500, epochs=35, lr=2e-3, batch_size=256, reg=100.0, bias_reg=0.0, lr_decay=1.0),
    # The blend trains mf-large with these settings, then autorec with its own defaults above.
    "mf+autorec": dict(dim=64, epochs=25, lr=1e-2, batch_size=8192, reg=0.1, bias_reg=0.01, lr_decay=1.0, blend=0.35),
}



@dataclass
class TrainConfig:
    """Settings of one training run. Defaults reproduce the lecture's MF."""

    model: str = "mf"
    dim: int = 2
    epochs: int = 100
    lr: float = 0.1
    weight_decay: float = 0.0
    seed: int = LECTURE_SEED
    #: None or 0 = full batch (the lecture's); otherwise shuffled mini-batches.
    batch_size: int | None = None
    hidden: tuple[int, ...] = (15, 15)
    #: Early stopping: stop after this many epochs without a better validation
    #: loss and restore the best weights. None = off. Needs a validation set.
    patience: int | None = None
    device: str = "cpu"
    # -- Large-data recipes (mf-large, autorec, mf+autorec; see large.py). The
    # lecture's models ignore these. None = the recipe's tuned default.
    #: L2 weight on the embeddings of each mini-batch (AutoRec: λ on its weights).
    reg: float | None = None
    #: L2 weight on the biases of each mini-batch (smaller than ``reg``).
    bias_reg: float | None = None
    #: Learning-rate factor applied after every epoch (1 = constant).
    lr_decay: float | None = None
    #: SparseAdam over sparse embeddings instead of Adam (mf-large).
    sparse: bool = False
    #: Weight of mf-large in the mf+autorec blend (AutoRec gets 1 − blend).
    blend: float | None = None

    def validate(self) -> TrainConfig:
        if self.model not in MODEL_NAMES:
            raise ConfigError(f"unknown model {self.model!r}; choose one of {', '.join(MODEL_NAMES)}")
        if int(self.dim) < 1:
            raise ConfigError(f"dim must be at least 1, not {self.dim}")
        if int(self.epochs) < 1:
            raise ConfigError(f"epochs must be at least 1, not {self.epochs}")
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ConfigError(f"the learning rate must be a positive number, not {self.lr}")
        if self.lr > MAX_LR:
            raise ConfigError(f"the learning rate {self.lr:g} is absurdly large (at most {MAX_LR:g}); try 0.1 or less")
        if not (math.isfinite(self.weight_decay) and self.weight_decay >= 0):
            raise ConfigError(f"weight decay must be zero or positive, not {self.weight_decay}")
        if self.batch_size is not None and int(self.batch_size) < 0:
            raise ConfigError(f"batch size must be positive (or 0 for full batch), not {self.batch_size}")
        if any(int(h) < 1 for h in self.hidden):
            raise ConfigError(f"hidden layer sizes must be positive, not {list(self.hidden)}")
        if self.patience is not None and int(self.patience) < 1:
            raise ConfigError(f"patience must be at least 1 epoch, not {self.patience}")
        if self.device not in ("cpu", "cuda", "auto"):
            raise ConfigError(f"device must be auto, cpu or cuda, not {self.device!r}")
        for name in ("reg", "bias_reg"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise ConfigError(f"{name.replace('_', ' ')} must be zero or positive, not {value}")
        if self.lr_decay is not None and not (math.isfinite(self.lr_decay) and 0 < self.lr_decay <= 1):
            raise ConfigError(f"the learning-rate decay must be in (0, 1], not {self.lr_decay}")
        if self.blend is not None and not (math.isfinite(self.blend) and 0 <= self.blend <= 1):
            raise ConfigError(f"the blend weight must be between 0 and 1, not {self.blend}")
        return self

    def to_dict(self) -> dict:
        d = asdict(self)
        d["hidden"] = list(self.hidden)
        return d

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        if "hidden" in kwargs:
            kwargs["hidden"] = tuple(int(h) for h in kwargs["hidden"])
        return cls(**kwargs)


LARGE_DATA_THRESHOLD = 5_000
#: The large-data recipe ``recommended_config`` picks (see large.py and bench/movielens.py).
LARGE_DATA_MODEL = "mf+autorec"


def default_config(model: str = "mf", **overrides) -> TrainConfig:
    """A config with ``model``'s own defaults: the lecture's for mf/nn/baseline, the tuned ones for large recipes."""
    base = dict(LARGE_DEFAULTS[model]) if model in LARGE_MODEL_NAMES else {}
    base.update(overrides)
    return TrainConfig(model=model, **base).validate()


#: AutoRec reconstructs every item's full row of users, so its cost grows with
#: users × items: ml-100k (1.6 M cells) trains the blend in ~5 s, ml-latest-small
#: (5.9 M cells) would take ~15 s of AutoRec alone. Above this many cells
#: :func:`recommended_config` takes ``mf-large`` alone (≈ 1–2 s, RMSE ~0.02 higher on ml-100k).
AUTOREC_MAX_CELLS = 2_000_000


def recommended_config(matrix: Any, **overrides) -> TrainConfig:
    """What 'auto' means: the lecture's recipe for small matrices, the large-data recipe above
    :data:`LARGE_DATA_THRESHOLD` known ratings (``mf-large`` alone when users × items exceeds
    :data:`AUTOREC_MAX_CELLS`). ``matrix`` may also be a number of known ratings (shape unknown:
    :data:`LARGE_DATA_MODEL` above the threshold); pass the matrix for the shape-aware choice."""
    n_known = matrix if isinstance(matrix, int) else matrix.n_known
    model = LARGE_DATA_MODEL if n_known > LARGE_DATA_THRESHOLD else "mf"
    if model == "mf+autorec" and not isinstance(matrix, int) and matrix.n_users * matrix.n_items > AUTOREC_MAX_CELLS:
        model = "mf-large"
    return default_config(overrides.pop("model", model), **overrides)
