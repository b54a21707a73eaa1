"""Blends: several models trained one after the other, their predictions combined linearly.

``mf+autorec``: ``ŷ = w · ŷ_MF + (1 − w) · ŷ_AutoRec``. ``blend`` (the
large-data default): ``ŷ = b + w₁ · ŷ_SVD++ + w₂ · ŷ_I-AutoRec + w₃ · ŷ_U-AutoRec``,
weights and offset learned by least squares on a validation slice (see
:class:`Stack`). Each part keeps its own settings (the blend's part settings,
with those models' defaults unless the blend changes them); the run has one
phase per part, reported as such (the loss plot shows each phase's curve, the
progress counts all). With a validation set each part is validated on its own
during its phase (and early-stopped on it with ``patience``). A run stopped
during a later phase blends what it has learnt so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .autorec import AutoRec, AutoRecParams
from .base import LECTURE_SEED, Params, Recommender, _torch, register, setting
from .bpmf import BPMF, BPMFParams
from .mf_large import MFLarge, MFLargeParams
from .svdpp import SVDpp, SVDppParams


class LinearBlend(Recommender):
    """Base of the blends: ``parts`` maps a Params field to the part's model class; :meth:`weights`
    gives one weight per part and :meth:`offset` the constant added."""

    parts_spec: ClassVar[tuple[tuple[str, type[Recommender]], ...]] = ()

    def __init__(self, params=None, **overrides) -> None:
        super().__init__(params, **overrides)
        self.parts: list[Recommender] = [cls(getattr(self.params, field)) for field, cls in self.parts_spec]

    def weights(self) -> tuple[float, ...]:
        raise NotImplementedError

    def offset(self) -> float:
        return 0.0

    def _modules(self):
        return _torch().nn.ModuleDict({field: part.net for (field, _), part in zip(self.parts_spec, self.parts)})

    def build(self, data):
        for part in self.parts:  # the same seeded stream: the first part's weights first, then the next
            part.prepare(self.n_users, self.n_items, self.scale, self.global_mean, self.clip, self.device)
            part.net = part.build(data).to(self.device)
        return self._modules()

    def phases(self, data):
        out = []
        for part in self.parts:
            for ph in part.phases(data):
                ph.name, ph.model = part.phase_label, part  # each part validated (and early-stopped) alone
                out.append(ph)
        return out

    def forward(self, users, items):
        return self.offset() + sum(w * part.predict(users, items) for w, part in zip(self.weights(), self.parts))

    def predict_all(self):
        return self._clamp(self.offset() + sum(w * part.predict_all() for w, part in zip(self.weights(), self.parts)))

    def predict_cells(self, rows, cols, chunk: int = 1 << 18):
        """Many cells (a sizeable share of the matrix, e.g. every training rating): one whole-matrix pass."""
        if len(rows) * 64 >= self.n_users * self.n_items:
            import numpy as np

            from ..runtime import torch_threads

            torch = _torch()
            with torch_threads(1):  # as the training (see mf_large.MFLarge.threads)
                full = self.predict_all()
            r = torch.as_tensor(np.asarray(rows, dtype=np.int64), device=full.device)
            c = torch.as_tensor(np.asarray(cols, dtype=np.int64), device=full.device)
            return full[r, c].double().cpu().numpy()
        return super().predict_cells(rows, cols, chunk)

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

    def cell_mix(self, u: int, i: int) -> tuple[list[float], float]:
        """(each part's weight, the offset) for the cell (u, i)."""
        return [float(w) for w in self.weights()], float(self.offset())

    def explain(self, u: int, i: int) -> dict:
        """The parts' predictions of the cell and their weights; then the first part's own terms."""
        torch = _torch()
        users = torch.tensor([int(u)], device=self.device)
        items = torch.tensor([int(i)], device=self.device)
        preds = [float(part.predict(users, items)[0]) for part in self.parts]
        weights, offset = self.cell_mix(u, i)
        total = offset + sum(w * p for w, p in zip(weights, preds))
        from ..texts import Label, Text, joined

        terms = joined([Text("blend_term", weight=w, value=p, part=Label(part.phase_label))
                        for w, p, part in zip(weights, preds, self.parts)], " ")
        lines = [Text("blend", offset=offset, terms=terms, total=total)]
        first = self.parts[0].explain(u, i)
        if first is not None:
            lines += [Text("part_line", part=Label(self.parts[0].phase_label), line=line)
                      for line in first.get("lines", [])]
        return dict(parts=preds, weights=weights, offset=offset, score=total, lines=lines)

    def fold_in(self, axis, ratings, **kw):
        """Fold the newcomers into each part; the blend's predictions follow."""
        new = None
        for part in self.parts:
            new = part.fold_in(axis, ratings, **kw)
        self.n_users, self.n_items = self.parts[0].n_users, self.parts[0].n_items
        self.cold_users, self.cold_items = self.parts[0].cold_users, self.parts[0].cold_items
        self.net = self._modules()
        return new


@dataclass(frozen=True)
class BlendParams(Params):
    mf: MFLargeParams = setting(MFLargeParams(), label="MF part")
    autorec: AutoRecParams = setting(AutoRecParams(), label="AutoRec part")
    blend: float = setting(0.35, label="Weight of MF", minimum=0.0, maximum=1.0, decimals=3,
                           help="the MF's share of the blended prediction (AutoRec gets the rest)")
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


@register
class Blend(LinearBlend):
    name = "mf+autorec"
    display_name = "MF + AutoRec blend (large data)"
    description = "Ensemble: mf-large and autorec trained in turn, predictions blended"
    Params = BlendParams
    order = 60
    large_data = True
    key_settings = ("blend", "mf", "autorec", "dim", "epochs", "lr")
    parts_spec = (("mf", MFLarge), ("autorec", AutoRec))

    def weights(self) -> tuple[float, float]:
        w = float(self.params.blend)
        return w, 1.0 - w


def _learn_setting(default: float, help: str):
    """The blends' ``learn`` setting (0 = the stored weights, ``blend-*-learned``: 0.1)."""
    return setting(default, label="Learn the weights on", minimum=0.0, maximum=0.5, decimals=3, help=help)


STACK_LEARN_HELP = ("share of the training ratings held out to learn the weights and offset by least squares (the "
                    "parts train on the rest); 0 = use the weights above")
BAYES_LEARN_HELP = ("share of the training ratings held out to learn the weights by least squares (the parts train "
                    "on the rest); 0 = the weights learned on ml-100k u1.base")


# -- blend: SVD++, I-AutoRec and U-AutoRec, weights learned on a validation slice -----------------

# The parts' settings in ``blend`` (where they differ from each model's own defaults), chosen on a 10 %
# validation slice of ml-100k u1.base (bench/tune_blend.py); see :class:`Stack`. Subclasses, so that a
# part's "defaults" (Restore defaults, --help, what differs) are the blend's.


@dataclass(frozen=True)
class StackSVDppParams(SVDppParams):
    epochs: int = setting(8, label="Epochs", minimum=1, maximum=1_000_000)
    lr: float = setting(0.04, label="Learning rate", above=0.0, maximum=1e12, decimals=6)
    batch_size: int = setting(4096, label="Batch size", minimum=0, zero_means="full batch")
    lr_decay: float = setting(0.7, label="LR decay per epoch", above=0.0, maximum=1.0, decimals=4,
                              help="the learning rate is multiplied by this after every epoch (1 = constant)")


@dataclass(frozen=True)
class StackIAutoRecParams(AutoRecParams):
    dim: int = setting(500, label="Hidden units", minimum=1, maximum=100_000)
    epochs: int = setting(7, label="Epochs", minimum=1, maximum=1_000_000)
    reg: float = setting(200.0, label="L2 (λ)", minimum=0.0, decimals=4, help="λ on the encoder's and decoder's weights")
    lbfgs: bool = setting(True, label="Full-batch L-BFGS", advanced=True,
                          help="L-BFGS on the whole matrix instead of Adam: an epoch is 10 L-BFGS iterations; "
                               "learning rate and batch size are not used")
    bf16: bool = setting(True, label="bfloat16 products", advanced=True,
                         help="train with bfloat16 matrix products when the CPU has them natively "
                              "(AVX-512 BF16, AMX); ignored elsewhere")


@dataclass(frozen=True)
class StackUAutoRecParams(StackIAutoRecParams):
    dim: int = setting(100, label="Hidden units", minimum=1, maximum=100_000)
    epochs: int = setting(7, label="Epochs", minimum=1, maximum=1_000_000)
    reg: float = setting(60.0, label="L2 (λ)", minimum=0.0, decimals=4, help="λ on the encoder's and decoder's weights")
    user_based: bool = setting(True, label="User-based (U-AutoRec)", advanced=True,
                               help="each user's row of ratings is the input (default: each item's column)")


@dataclass(frozen=True)
class StackParams(Params):
    svdpp: StackSVDppParams = setting(StackSVDppParams(), label="SVD++ part")
    autorec: StackIAutoRecParams = setting(StackIAutoRecParams(), label="I-AutoRec part")
    uautorec: StackUAutoRecParams = setting(StackUAutoRecParams(), label="U-AutoRec part")
    w_svdpp: float = setting(0.2572, label="Weight of SVD++", minimum=-10.0, maximum=10.0, decimals=4)
    w_autorec: float = setting(0.6810, label="Weight of I-AutoRec", minimum=-10.0, maximum=10.0, decimals=4)
    w_uautorec: float = setting(0.1369, label="Weight of U-AutoRec", minimum=-10.0, maximum=10.0, decimals=4)
    offset: float = setting(-0.1968, label="Offset", minimum=-100.0, maximum=100.0, decimals=4,
                            help="added to the weighted sum (the weights need not sum to 1)")
    learn: float = _learn_setting(0.0, STACK_LEARN_HELP)
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


@dataclass(frozen=True)
class StackLearnedParams(StackParams):
    learn: float = _learn_setting(0.1, STACK_LEARN_HELP)


class _Subset:
    """A :class:`~..runtime.TrainingData` restricted to some of its ratings (what the parts train on
    while the rest is held out to learn the weights)."""

    def __init__(self, data, keep) -> None:
        self.__dict__.update(data.__dict__)
        self.rows, self.cols, self.vals = data.rows[keep], data.cols[keep], data.vals[keep]
        torch = _torch()
        idx = torch.as_tensor(keep.nonzero()[0], device=data.users.device)
        self.users, self.items, self.y = data.users[idx], data.items[idx], data.y[idx]


@register
class Stack(LinearBlend):
    """SVD++, I-AutoRec and U-AutoRec (both trained by full-batch L-BFGS) in turn, then
    ``ŷ = offset + Σ w_k ŷ_k``. The weights and the offset are a least-squares fit of held-out ratings on
    the three parts' predictions (a linear stack). By default they are the ones learned on a 10 %
    validation slice of ml-100k u1.base (never a test file; ``bench/tune_blend.py`` reruns it); with
    ``learn`` > 0 every training learns its own on that share of its ratings (the parts then train on
    the rest), which ``blend-learned`` does by default. The weights in use are a buffer of the network
    (``mix.weights``: one per part, then the offset), so a model file keeps learned ones."""

    name = "blend"
    display_name = "SVD++ + AutoRec blend (large data)"
    description = "Stack: SVD++, item- and user-based AutoRec in turn, weights learned on a validation slice"
    Params = StackParams
    order = 58
    large_data = True
    key_settings = ("svdpp", "autorec", "uautorec", "dim", "epochs", "learn")
    parts_spec = (("svdpp", SVDpp), ("autorec", AutoRec), ("uautorec", AutoRec))
    phase_names = ("Blend weights (least squares)",)

    def set_weights(self) -> tuple[float, ...]:
        """The weights of the settings: ``w_<part>`` for each part, then the offset."""
        p = self.params
        return tuple(float(getattr(p, "w_" + field)) for field, _ in self.parts_spec) + (float(p.offset),)

    def weights(self):
        return tuple(self._mix.weights[: len(self.parts)])

    def offset(self):
        return self._mix.weights[len(self.parts)]

    @property
    def _mix(self):
        return self.net["mix"]

    def _modules(self):
        modules = super()._modules()
        modules["mix"] = self._mix_module
        return modules

    def _make_mix(self, data):
        """The module that holds the stack's weights (a buffer, so that model files keep learned ones)."""
        torch = _torch()
        mix = torch.nn.Module()
        mix.register_buffer("weights", torch.tensor(self.set_weights(), dtype=torch.float32))
        return mix

    def _design(self, users, items, preds):
        """The least-squares design of the held-out cells: one column per part's prediction, then the offset."""
        torch = _torch()
        return torch.stack(preds + [torch.ones_like(preds[0])], dim=1)

    def _set_solution(self, solution) -> None:
        self._mix.weights.copy_(solution.float())

    def build(self, data):
        torch = _torch()
        self._held = None
        share = float(self.params.learn)
        if data is not None and share > 0:
            import numpy as np

            n = len(data.vals)
            held = np.zeros(n, dtype=bool)
            order = np.random.default_rng(int(self.params.seed)).permutation(n)
            held[order[: max(1, int(round(share * n)))]] = True
            if held.all():
                held[order[0]] = False
            idx = torch.as_tensor(held.nonzero()[0], device=data.users.device)
            self._held = (data.users[idx], data.items[idx], data.y[idx])
            data = _Subset(data, ~held)
        self._part_data = data
        self._mix_module = self._make_mix(data)
        return super().build(data)

    def phases(self, data):
        out = super().phases(self._part_data if self._held is not None else data)
        if self._held is None:
            return out
        from .base import Phase

        torch = _torch()
        users, items, y = self._held

        def step(idx):
            with torch.no_grad():
                x = self._design(users, items, [part.predict(users, items).double() for part in self.parts])
                solution = torch.linalg.lstsq(x, y.double().unsqueeze(1)).solution.squeeze(1)
                mse = float(((x @ solution - y.double()) ** 2).mean())
                self._set_solution(solution)
            return torch.tensor(mse, requires_grad=True), None, None

        out.append(Phase(name=self.phase_names[0], epochs=1, n_units=1, batch_size=0, optimizers=[],
                         step=step, lr=1.0, seed=int(self.params.seed), validate=False, model=self))
        return out

    def finish(self, rows, cols) -> None:
        self._held = self._part_data = None  # the training data is not part of the trained model
        super().finish(rows, cols)


@register
class StackLearned(Stack):
    """``blend`` learning its weights on 10 % of each training file (what ``auto`` trains on data shaped
    unlike ml-100k, such as ml-latest-small, where the ml-100k weights do not carry over)."""

    name = "blend-learned"
    display_name = "SVD++ + AutoRec blend, weights learned on each file (large data)"
    description = "The blend, its weights learned by least squares on 10 % of the training ratings"
    Params = StackLearnedParams
    order = 59


# -- blend-bpmf: Bayesian MF instead of SVD++, weights that depend on how many ratings a user and an item have ----


@dataclass(frozen=True)
class BayesIAutoRecParams(StackIAutoRecParams):
    dim: int = setting(300, label="Hidden units", minimum=1, maximum=100_000)


@dataclass(frozen=True)
class BayesStackParams(Params):
    bpmf: BPMFParams = setting(BPMFParams(), label="Bayesian MF part")
    autorec: BayesIAutoRecParams = setting(BayesIAutoRecParams(), label="I-AutoRec part")
    uautorec: StackUAutoRecParams = setting(StackUAutoRecParams(), label="U-AutoRec part")
    learn: float = _learn_setting(0.0, BAYES_LEARN_HELP)
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


@dataclass(frozen=True)
class BayesStackLearnedParams(BayesStackParams):
    learn: float = _learn_setting(0.1, BAYES_LEARN_HELP)


#: The count features the weights depend on: 1, log(1 + n_u), log(1 + n_i), (1 + n_u)^-½, (1 + n_i)^-½
#: (n_u, n_i: the user's and the item's number of training ratings).
COUNT_FEATURES = 5
#: ``blend-bpmf``'s weights: row k gives part k's weight as a linear function of the count features, the
#: last row the offset. Learned by least squares on a 10 % validation slice of ml-100k u1.base (seed 0; never a
#: test file): ``bench/tune_blend.py --model blend-bpmf`` prints this table.
BAYES_MIX = (
    (1.49226, 0.17167, -0.43122, 4.62406, -4.22040),
    (0.21693, -0.18894, 0.28617, -4.16470, 3.59564),
    (0.00971, -0.06771, 0.11453, -1.61994, 0.82056),
    (-3.36837, 0.31393, 0.23292, 4.30886, 1.43345),
)


def count_features(n_users, n_items):
    """The :data:`COUNT_FEATURES` columns for cells whose user and item have these many training ratings."""
    torch = _torch()
    nu, ni = n_users.double(), n_items.double()
    return torch.stack([torch.ones_like(nu), torch.log1p(nu), torch.log1p(ni),
                        (1.0 + nu).rsqrt(), (1.0 + ni).rsqrt()], dim=1)


@register
class BayesStack(Stack):
    """Bayesian MF (:mod:`.bpmf`), I-AutoRec and U-AutoRec in turn, stacked with weights that depend on how
    many training ratings the cell's user and item have (feature-weighted linear stacking, Sill et al.
    2009): ``ŷ = Σ_k (c_k · f) ŷ_k + c_offset · f`` with ``f`` the :func:`count_features`. Bayesian MF's
    posterior average errs differently from the AutoRecs' point estimates, and which part to trust
    depends on the counts: for a user with under 20 training ratings Bayesian MF alone beat the plain
    stack (0.963 against 0.967 on the validation slice), U-AutoRec was far off (1.17). On a slice held
    out from half of the users only (as ml-100k's u1 test file is: 459 of 943 users) the count-aware
    weights learned on the random slice scored 0.8974 against the plain stack's 0.9003; on the random
    slice itself 0.8829 against 0.8831 (cross-fitted; ``bench/tune_blend.py --users 0.5``).

    The coefficients (:data:`BAYES_MIX`, or learned with ``learn`` > 0) and every user's and item's
    training count are buffers of the network (``mix.coef``, ``mix.user_count``, ``mix.item_count``)."""

    name = "blend-bpmf"
    display_name = "Bayesian MF + AutoRec blend (large data)"
    description = ("Stack: Bayesian MF (Gibbs sampling), item- and user-based AutoRec, weights depending on "
                   "the user's and the item's number of ratings")
    Params = BayesStackParams
    order = 56
    key_settings = ("bpmf", "autorec", "uautorec", "dim", "epochs", "learn")
    parts_spec = (("bpmf", BPMF), ("autorec", AutoRec), ("uautorec", AutoRec))

    def _make_mix(self, data):
        torch = _torch()
        mix = torch.nn.Module()
        mix.register_buffer("coef", torch.tensor(BAYES_MIX, dtype=torch.float64))
        mix.register_buffer("user_count", torch.zeros(self.n_users))
        mix.register_buffer("item_count", torch.zeros(self.n_items))
        if data is not None:
            import numpy as np

            mix.user_count.copy_(torch.from_numpy(np.bincount(data.rows, minlength=self.n_users)))
            mix.item_count.copy_(torch.from_numpy(np.bincount(data.cols, minlength=self.n_items)))
        return mix

    def _features(self, users, items):
        mix = self._mix_module if self.net is None else self._mix
        return count_features(mix.user_count[users], mix.item_count[items])

    def _design(self, users, items, preds):
        torch = _torch()
        f = self._features(users, items)
        return torch.cat([p.unsqueeze(1) * f for p in preds] + [f], dim=1)

    def _set_solution(self, solution) -> None:
        self._mix.coef.copy_(solution.reshape(len(self.parts) + 1, COUNT_FEATURES))

    def weights(self):
        raise NotImplementedError("blend-bpmf's weights depend on the cell (see cell_weights)")

    def cell_mix(self, u: int, i: int) -> tuple[list[float], float]:
        torch = _torch()
        w = self.cell_weights(torch.tensor([int(u)]), torch.tensor([int(i)]))[0].tolist()
        return w[:-1], w[-1]

    def cell_weights(self, users, items):
        """(cells × parts+1): each part's weight and the offset for the cells (users[k], items[k])."""
        return self._features(users, items) @ self._mix.coef.T

    def forward(self, users, items):
        w = self.cell_weights(users, items)
        out = w[:, -1].clone()
        for k, part in enumerate(self.parts):
            out += w[:, k] * part.predict(users, items).double()
        return out.float()

    def predict_all(self):
        """Every cell at once: a part's weight is ``a + g(user) + h(item)``, so it broadcasts."""
        torch = _torch()
        mix = self._mix
        coef = mix.coef
        fu = count_features(mix.user_count, torch.zeros_like(mix.user_count))  # [1, lu, 0, su, 1]
        fi = count_features(torch.zeros_like(mix.item_count), mix.item_count)  # [1, 0, li, 1, si]
        user_cols, item_cols = [1, 3], [2, 4]

        def weight(row):
            c = coef[row]
            return (c[0] + (fu[:, user_cols] @ c[user_cols]).unsqueeze(1)
                    + (fi[:, item_cols] @ c[item_cols]).unsqueeze(0))

        total = weight(len(self.parts))
        for k, part in enumerate(self.parts):
            total = total + weight(k) * part.predict_all().double()
        return self._clamp(total.float())

    def fold_in(self, axis, ratings, **kw):
        """The parts fold the newcomers in; their counts are the ratings they came with."""
        torch = _torch()
        mix = self._mix
        counts = torch.tensor([float(len(r[0])) for r in ratings])
        if axis == "users":
            mix.user_count = torch.cat([mix.user_count, counts.to(mix.user_count.device)])
        else:
            mix.item_count = torch.cat([mix.item_count, counts.to(mix.item_count.device)])
        return super().fold_in(axis, ratings, **kw)


@register
class BayesStackLearned(BayesStack):
    """``blend-bpmf`` learning its weights on 10 % of each training file."""

    name = "blend-bpmf-learned"
    display_name = "Bayesian MF + AutoRec blend, weights learned on each file (large data)"
    description = "The Bayesian MF blend, its count-aware weights learned by least squares on 10 % of the ratings"
    Params = BayesStackLearnedParams
    order = 57
