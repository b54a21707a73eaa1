"""``autorec``: the autoencoder recommender AutoRec (Sedhain et al., 2015), item- or user-based.

I-AutoRec (the default): each item's column of ratings (one entry per user, 0
where missing) goes through ``h = σ(V r + b)`` (``dim`` hidden units) and back
through ``r̂ = W h + c``; the loss counts the known entries only, plus
``reg / 2 · (|V|² + |W|²) / n_ratings``. Mini-batches are sets of items.
U-AutoRec (``user_based``): the same with each user's row of ratings as the
input. Cold start: an item without a training rating (I-AutoRec; a user for
U-AutoRec) has an empty input vector, and its reconstruction from that
(``W·σ(b) + c``, the same for every such item: a per-user bias) is its
prediction; on ml-100k u1.base's validation slice that is 0.005 RMSE better
than predicting those cells with the mean (L-BFGS recipe: 0.8945 against
0.8992). A user without a training rating (the input axis) has an untrained
decoder row: she is predicted with the mean training rating.

Two ways to train: Adam on mini-batches (the default), or full-batch L-BFGS
(``lbfgs``: the same objective, each epoch 10 L-BFGS iterations with a
strong-Wolfe line search, ``lr`` and ``batch_size`` unused), which reaches
the regularised optimum in far fewer passes than Adam and is what the
``blend`` model uses (its validation record is in ``blend.py``). ``bf16``
computes the two matrix products of training in bfloat16 (torch's CPU
autocast; weights, loss and predictions stay float32) when the CPU has native
bfloat16 arithmetic (AVX-512 BF16 or AMX): 4–5× faster products on such a
CPU, the same validation RMSE to 1e-5 on ml-100k; elsewhere it is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import GradientParams, Recommender, _torch, register, setting

#: L-BFGS iterations per epoch (one ``LBFGS.step`` call; each call re-evaluates the loss once).
LBFGS_ITERATIONS = 10
#: Corrections L-BFGS keeps: 5 scored as 10 on validation slices of u1.base and u2.base (0.8860 and 0.8987 against
#: 0.8858 and 0.8992) with fewer vector operations per iteration (torch's default, 100, costs more still).
LBFGS_HISTORY = 5


def native_bf16(device: str = "cpu") -> bool:
    """Whether this CPU multiplies bfloat16 matrices natively (AVX-512 BF16 or AMX); False off the CPU."""
    if device != "cpu":
        return False
    torch = _torch()
    cpu = getattr(torch, "cpu", None)
    for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"):
        check = getattr(cpu, probe, None)
        try:
            if check is not None and check():
                return True
        except Exception:  # a private probe that changed: no bfloat16
            pass
    return False


def lbfgs(params, *, max_iter: int, history_size: int):
    """``torch.optim.LBFGS(params, lr=1, max_iter, history_size, line_search_fn="strong_wolfe")``, tolerances off.

    Built without ``Optimizer.__init__``, whose first call in a process imports ``torch._dynamo`` (~1 s;
    see ``core/optim.py``), and with a plain ``zero_grad`` (``Optimizer.zero_grad`` imports it too):
    LBFGS's ``step`` uses only the attributes set here, so the algorithm and its
    results are torch's own, bit for bit (``tests/core/test_blend_stack.py`` compares them). Should a torch
    version need more, the ordinary constructor is used.
    """
    import collections

    torch = _torch()
    options = dict(lr=1, max_iter=max_iter, max_eval=max_iter * 5 // 4, tolerance_grad=1e-9, tolerance_change=1e-12,
                   history_size=history_size, line_search_fn="strong_wolfe")
    params = list(params)
    try:
        from torch.optim.lbfgs import LBFGS

        optimizer = LBFGS.__new__(LBFGS)
        optimizer.defaults = dict(options)
        optimizer.param_groups = [dict(params=params, **options)]
        optimizer.state = collections.defaultdict(dict)
        optimizer._params = params
        optimizer._numel_cache = None
        # Once any torch.optim.LBFGS has been built in this process, LBFGS.step is wrapped by torch's
        # profile hook, which reads these (empty: no hooks of ours).
        optimizer._optimizer_step_pre_hooks = collections.OrderedDict()
        optimizer._optimizer_step_post_hooks = collections.OrderedDict()
        optimizer._numel()  # the attributes step() needs are there

        def zero_grad(set_to_none: bool = True) -> None:  # Optimizer.zero_grad would import torch._dynamo
            for p in params:
                p.grad = None

        optimizer.zero_grad = zero_grad
        return optimizer
    except Exception:  # pragma: no cover - a torch whose LBFGS needs its constructor
        return torch.optim.LBFGS(params, **options)


@dataclass(frozen=True)
class AutoRecParams(GradientParams):
    dim: int = setting(500, label="Hidden units", minimum=1, maximum=100_000)
    epochs: int = setting(35, label="Epochs", minimum=1, maximum=1_000_000)
    lr: float = setting(2e-3, label="Learning rate", above=0.0, maximum=1e12, decimals=6)
    batch_size: int = setting(256, label="Batch size (items)", minimum=0, zero_means="all items")
    reg: float = setting(100.0, label="L2 (λ)", minimum=0.0, decimals=4, help="λ on the encoder's and decoder's weights")
    lr_decay: float = setting(1.0, label="LR decay per epoch", above=0.0, maximum=1.0, decimals=4)
    user_based: bool = setting(False, label="User-based (U-AutoRec)", advanced=True,
                               help="each user's row of ratings is the input (default: each item's column)")
    lbfgs: bool = setting(False, label="Full-batch L-BFGS", advanced=True,
                          help="L-BFGS on the whole matrix instead of Adam: an epoch is 10 L-BFGS iterations; "
                               "learning rate and batch size are not used")
    bf16: bool = setting(False, label="bfloat16 products", advanced=True,
                         help="train with bfloat16 matrix products when the CPU has them natively "
                              "(AVX-512 BF16, AMX); ignored elsewhere")


@register
class AutoRec(Recommender):
    name = "autorec"
    display_name = "I-AutoRec (large data)"
    phase_names = ("U-AutoRec (large data)",)
    description = "I-AutoRec: each item's ratings → σ(V·r) → W·h (an item-based autoencoder)"
    Params = AutoRecParams
    order = 50
    large_data = True
    key_settings = ("dim", "epochs", "lr", "batch_size", "reg")
    threads = 1

    # -- orientation: rows are items (I-AutoRec) or users (U-AutoRec) ---------------------

    @property
    def by_user(self) -> bool:
        return bool(self.params.user_based)

    @property
    def row_axis(self) -> str:
        """The axis whose vectors are encoded ("items" for I-AutoRec); the other axis is the input."""
        return "users" if self.by_user else "items"

    def _shape(self) -> tuple[int, int]:
        return (self.n_users, self.n_items) if self.by_user else (self.n_items, self.n_users)

    def _rc(self, users, items):
        """(rows, columns) of the network's matrix for cells (users, items)."""
        return (users, items) if self.by_user else (items, users)

    @property
    def _seen_rows(self):
        return self.net.seen_users if self.by_user else self.net.seen_items

    @property
    def _seen_cols(self):
        return self.net.seen_items if self.by_user else self.net.seen_users

    def build(self, data):
        torch = _torch()
        nn = torch.nn
        net = nn.Module()
        d = int(self.params.dim)
        n_rows, n_cols = self._shape()
        net.encoder = nn.Linear(n_cols, d)
        net.decoder = nn.Linear(d, n_cols)
        net.register_buffer("global_mean", torch.tensor(float(self.global_mean)))
        # rows × columns ratings (0 = missing) and the users / items that have a training rating.
        net.register_buffer("inputs", torch.zeros(n_rows, n_cols))
        net.register_buffer("seen_items", torch.zeros(self.n_items, dtype=torch.bool))
        net.register_buffer("seen_users", torch.zeros(self.n_users, dtype=torch.bool))
        if data is not None:
            rows, cols = self._rc(data.users.cpu(), data.items.cpu())
            net.inputs[rows, cols] = data.y.cpu()
            net.seen_items[data.items.cpu()] = True
            net.seen_users[data.users.cpu()] = True
        return net

    def reconstruct(self, rows):
        """Reconstructed rating vectors (one per row in ``rows``, one entry per column)."""
        n = self.net
        return n.decoder(n.encoder(n.inputs[rows]).sigmoid())

    def forward(self, users, items):
        torch = _torch()
        rows, cols = self._rc(users, items)
        uniq, inverse = torch.unique(rows, return_inverse=True)
        out = self.reconstruct(uniq)[inverse, cols]
        unseen = ~self._seen_cols[cols]
        return torch.where(unseen, self.net.global_mean, out)

    def _clamp(self, pred):
        return pred.clamp(self.clip[0], self.clip[1])

    def apply_cold_start(self, cold_users, cold_items) -> None:
        """Nothing to reset: unseen users and items are masked in :meth:`forward`."""

    def predict_all(self, chunk: int = 2048):
        torch = _torch()
        n = self.net
        n_rows = self._shape()[0]
        with torch.no_grad():
            rows = [self.reconstruct(torch.arange(s, min(n_rows, s + chunk), device=n.inputs.device))
                    for s in range(0, n_rows, chunk)]
            out = torch.cat(rows)
            out = out if self.by_user else out.T  # users × items
            unseen = ~n.seen_items[None, :] if self.by_user else ~n.seen_users[:, None]
            return self._clamp(torch.where(unseen, n.global_mean, out))

    def predict_cells(self, rows, cols, chunk: int = 1 << 18):
        """Many cells at once (a sizeable share of the matrix): one whole-matrix pass, then pick them."""
        if len(rows) * 64 >= self.n_users * self.n_items:
            from ..runtime import torch_threads

            torch = _torch()
            with torch_threads(self.threads):  # as the training
                full = self.predict_all()
            r = torch.as_tensor(np.asarray(rows, dtype=np.int64), device=full.device)
            c = torch.as_tensor(np.asarray(cols, dtype=np.int64), device=full.device)
            return full[r, c].double().cpu().numpy()
        return super().predict_cells(rows, cols, chunk)

    def _bf16(self) -> bool:
        return bool(self.params.bf16) and native_bf16(str(self.net.inputs.device.type))

    def _autocast(self):
        torch = _torch()
        return torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._bf16())

    def phases(self, data):
        torch = _torch()
        p = self.params
        n = self.net
        n_ratings = len(data.y)
        reg = float(p.reg)
        n_rows = self._shape()[0]

        def penalty():
            return n.encoder.weight.pow(2).sum() + n.decoder.weight.pow(2).sum()

        if p.lbfgs:  # its loss gathers the known cells: no dense mask
            return [self._lbfgs_phase(data, reg, penalty)]
        mask = torch.zeros_like(n.inputs)
        mask[self._rc(data.users, data.items)] = 1.0
        # (Starting the decoder's bias at the mean rating converged faster but overfit: 0.906 best vs 0.899.)
        optimizer = torch.optim.Adam(n.parameters(), lr=float(p.lr))

        def step(idx):
            if idx is None:
                idx = torch.arange(n_rows, device=mask.device)
            with self._autocast():
                out = self.reconstruct(idx)
            out = out.float()
            m = mask[idx]
            sse = (((out - n.inputs[idx]) * m) ** 2).sum()
            return sse / m.sum().clamp(min=1.0) + reg / 2 * penalty() / n_ratings, sse.detach(), None

        return [self.phase(data, step, [optimizer], n_units=n_rows, threads=self.threads)]

    def _lbfgs_phase(self, data, reg, penalty):
        """Full-batch L-BFGS on ``½·SSE + reg/4·(|V|² + |W|²)`` (the Adam objective times n_ratings/2).

        The squared error is taken at the known cells only (gathered from the flat output, so its
        gradient is a scatter into zeros rather than a dense mask product); with ``bf16`` the input
        matrix is cast once, not at every evaluation."""
        torch = _torch()
        n = self.net
        optimizer = lbfgs(n.parameters(), max_iter=LBFGS_ITERATIONS, history_size=LBFGS_HISTORY)
        rows, cols = self._rc(data.users, data.items)
        known = rows * n.inputs.shape[1] + cols
        y = data.y
        inputs = n.inputs.to(torch.bfloat16) if self._bf16() else n.inputs
        last = {}

        def closure():
            optimizer.zero_grad(set_to_none=True)
            with self._autocast():
                out = n.decoder(n.encoder(inputs).sigmoid())
            err = out.reshape(-1)[known].float() - y
            sse = (err * err).sum()
            loss = sse / 2 + reg / 4 * penalty()
            loss.backward()
            last["sse"] = sse.detach()
            return loss

        def step(idx):
            # One L-BFGS call (its own evaluations and updates); the loop's backward/step get a constant.
            optimizer.step(closure)
            return torch.zeros((), requires_grad=True), last["sse"], None

        ph = self.phase(data, step, [], n_units=self._shape()[0], threads=self.threads)
        ph.batch_size, ph.lr_decay = 0, 1.0
        return ph

    @property
    def phase_label(self) -> str:
        return self.phase_names[0] if self.params.user_based else self.display_name

    def embeddings(self):
        # The input axis: the decoder's output weights; the encoded axis: the hidden codes.
        torch = _torch()
        n = self.net
        with torch.no_grad():
            codes = n.encoder(n.inputs).sigmoid().double().cpu().numpy()
        weights = n.decoder.weight.detach().double().cpu().numpy()
        return (codes, weights) if self.by_user else (weights, codes)

    # -- fold-in ----------------------------------------------------------------------
    #: Ridge penalty of a folded-in user's decoder row (fitted in closed form from the item codes):
    #: chosen with bench/foldin.py on another draw of users (--seed 1; 10 → 1.034, 30 → 1.009, 60 → 1.006,
    #: 200 → 1.025 of a retrain's RMSE), reported on --seed 0.
    fold_in_ridge = 60.0

    def extend(self, axis, ratings) -> None:
        """Newcomers on the input axis (users of I-AutoRec): a zero encoder column (existing codes do not
        change) and a decoder row fitted later; on the encoded axis (items of I-AutoRec): their ratings
        become their input row, so their code comes from their ratings."""
        torch = _torch()
        n = self.net
        k = len(ratings)
        dev = n.inputs.device
        n_rows, n_cols = self._shape()
        seen = torch.tensor([len(r[0]) > 0 for r in ratings], device=dev)
        if axis == self.row_axis:
            rows = torch.zeros(k, n_cols, device=dev)
            for j, (others, vals) in enumerate(ratings):
                rows[j, torch.as_tensor(np.asarray(others, dtype=np.int64), device=dev)] = torch.as_tensor(
                    np.asarray(vals, dtype=np.float32), device=dev)
            n.inputs = torch.cat([n.inputs, rows])
        else:
            enc, dec = n.encoder, n.decoder
            grown_enc = torch.nn.Linear(n_cols + k, enc.out_features).to(dev)
            grown_enc.weight.copy_(torch.cat([enc.weight, torch.zeros(enc.out_features, k, device=dev)], dim=1))
            grown_enc.bias.copy_(enc.bias)
            grown_dec = torch.nn.Linear(dec.in_features, n_cols + k).to(dev)
            grown_dec.weight.copy_(torch.cat([dec.weight, torch.zeros(k, dec.in_features, device=dev)]))
            grown_dec.bias.copy_(torch.cat([dec.bias, torch.zeros(k, device=dev)]))
            n.encoder, n.decoder = grown_enc, grown_dec
            n.inputs = torch.cat([n.inputs, torch.zeros(n_rows, k, device=dev)], dim=1)
            seen = torch.zeros(k, dtype=torch.bool, device=dev)  # set once the decoder row is fitted
        if axis == "items":
            n.seen_items = torch.cat([n.seen_items, seen])
        else:
            n.seen_users = torch.cat([n.seen_users, seen])

    def fit_new(self, axis, new, ratings, *, epochs, lr) -> None:
        if axis == self.row_axis:
            return  # a row's code is computed from its ratings: nothing to fit
        torch = _torch()
        n = self.net
        with torch.no_grad():
            for c, (rows, vals) in zip(new, ratings):
                rows = torch.as_tensor(np.asarray(rows, dtype=np.int64), device=n.inputs.device)
                y = torch.as_tensor(np.asarray(vals, dtype=np.float64), device=n.inputs.device)
                h = n.encoder(n.inputs[rows]).sigmoid().double()  # the rated rows' codes (encoder column c is 0)
                h1 = torch.cat([h, torch.ones(len(rows), 1, dtype=h.dtype, device=h.device)], dim=1)
                reg = torch.eye(h1.shape[1], dtype=h.dtype, device=h.device) * self.fold_in_ridge
                reg[-1, -1] = 0.0  # the bias is not penalised
                sol = torch.linalg.solve(h1.T @ h1 + reg, h1.T @ y)
                n.decoder.weight[int(c)] = sol[:-1].float()
                n.decoder.bias[int(c)] = sol[-1].float()
                n.inputs[rows, int(c)] = y.float()
                self._seen_cols[int(c)] = True
