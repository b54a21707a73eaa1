"""``mf+autorec``: ``mf-large`` and ``autorec`` trained one after the other, their predictions blended.

``ŷ = w · ŷ_MF + (1 − w) · ŷ_AutoRec``. Each part keeps its own settings (the
blend's ``mf`` and ``autorec`` settings, with those models' defaults); the run
has two phases, reported as such (the loss plot shows each phase's curve, the
progress counts both). With a validation set each part is validated on its own
during its phase (and early-stopped on it with ``patience``). A run stopped during the second phase
blends what it has learnt so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from .autorec import AutoRec, AutoRecParams
from .base import LECTURE_SEED, Params, Recommender, _torch, register, setting
from .mf_large import MFLarge, MFLargeParams


@dataclass(frozen=True)
class BlendParams(Params):
    mf: MFLargeParams = setting(MFLargeParams(), label="MF part")
    autorec: AutoRecParams = setting(AutoRecParams(), label="AutoRec part")
    blend: float = setting(0.35, label="Weight of MF", minimum=0.0, maximum=1.0, decimals=3,
                           help="the MF's share of the blended prediction (AutoRec gets the rest)")
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


@register
class Blend(Recommender):
    name = "mf+autorec"
    display_name = "MF + AutoRec blend (large data)"
    description = "Ensemble: mf-large and autorec trained in turn, predictions blended"
    Params = BlendParams
    order = 60
    large_data = True
    key_settings = ("blend", "mf", "autorec", "dim", "epochs", "lr")

    def __init__(self, params=None, **overrides) -> None:
        super().__init__(params, **overrides)
        self.parts: list[Recommender] = [MFLarge(self.params.mf), AutoRec(self.params.autorec)]

    @property
    def weights(self) -> tuple[float, float]:
        w = float(self.params.blend)
        return w, 1.0 - w

    def build(self, data):
        nn = _torch().nn
        for part in self.parts:  # the same seeded stream: MF's weights first, then AutoRec's
            part.prepare(self.n_users, self.n_items, self.scale, self.global_mean, self.clip, self.device)
            part.net = part.build(data).to(self.device)
        return nn.ModuleDict({"mf": self.parts[0].net, "autorec": self.parts[1].net})

    def phases(self, data):
        out = []
        for part in self.parts:
            for ph in part.phases(data):
                ph.name, ph.model = part.display_name, part  # each part validated (and early-stopped) alone
                out.append(ph)
        return out

    def forward(self, users, items):
        return sum(w * part.predict(users, items) for w, part in zip(self.weights, self.parts))

    def predict_all(self):
        return sum(w * part.predict_all() for w, part in zip(self.weights, self.parts))

    def apply_cold_start(self, cold_users, cold_items) -> None:
        for part in self.parts:
            part.cold_users, part.cold_items = cold_users, cold_items
            part.apply_cold_start(cold_users, cold_items)

    def restore(self, state, **kw) -> None:
        super().restore(state, **kw)
        for part in self.parts:
            part.cold_users, part.cold_items = self.cold_users, self.cold_items

    def embeddings(self):
        return self.parts[0].embeddings()

    def fold_in(self, axis, ratings, **kw):
        """Fold the newcomers into each part; the blend's predictions follow."""
        new = None
        for part in self.parts:
            new = part.fold_in(axis, ratings, **kw)
        self.n_users, self.n_items = self.parts[0].n_users, self.parts[0].n_items
        self.cold_users, self.cold_items = self.parts[0].cold_users, self.parts[0].cold_items
        self.net = _torch().nn.ModuleDict({"mf": self.parts[0].net, "autorec": self.parts[1].net})
        return new
