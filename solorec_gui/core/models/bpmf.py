"""``bpmf``: Bayesian matrix factorisation by Gibbs sampling (Salakhutdinov & Mnih, ICML 2008), with
biases and a noise level per user.

``r_ui ~ N(μ + b_u + c_i + u_u · v_i, 1 / (α_u))``: the same formula as the MF models, but instead of
one set of weights found by gradient descent the training *draws* weights from their posterior, one
sweep after another, and the prediction is the average over the drawn samples (after a burn-in).
Averaging over the posterior is what keeps it from overfitting without an L2 weight to tune: how
strongly each user's and item's factors are pulled to the others' is itself drawn from the data.

One sweep (one "epoch" here):

1. the prior of the users' ``(b_u, u_u)``: a mean and a precision per coordinate, drawn from their
   Normal-Gamma posterior given the current users' vectors (libFM's MCMC prior, a diagonal form of the
   paper's Normal-Wishart, which scored the same on validation and costs more);
2. every user's ``(b_u, u_u)`` from its Gaussian posterior given the items' current vectors: a
   (dim+1)-square system per user, all users at once (one sparse product builds the users' Gram
   matrices from the items' outer products, then one batched Cholesky);
3. the same for the items given the users;
4. the noise precisions: ``α`` for all ratings from the residuals, then one ``α_u`` per user around
   it (a Gamma with shape ``2 + n_u/2``): some users rate far more consistently than others, and a
   user whose ratings are noisy then pulls the item vectors less. On a 10 % validation slice of
   ml-100k u1.base this took the model alone from 0.900 to 0.895 and the blend from 0.8840 to 0.8826.

Samples after ``burn_in`` sweeps, every ``keep_every``-th, are kept: their vectors side by side in
one wide table (``user_emb``: users × kept·dim), so a prediction is one dot product divided by the
number kept (the average of the samples' dot products) and a model file restores it exactly. The
biases are kept as their running mean. Cost per sweep: every rating × (dim+1)² for the Gram
matrices, plus (users + items) small Cholesky factorisations: 6–8 ms on ml-100k, one thread.

How the defaults were chosen (``bench/tune_blend.py --model blend-bpmf``; a 10 % validation slice of
ml-100k u1.base, never a test file): dim 10 beat 20 and 30 (0.8971–0.9009 against 0.9015–0.9036 without
the per-user noise, one chain each), 200 sweeps as good as 400; keeping every 2nd sample as good as
every one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError
from .base import LECTURE_SEED, Params, Phase, Recommender, _torch, register, setting

#: Floats in the kept samples' tables ((users + items) × kept × dim) beyond which the model refuses
#: (400 MB): use fewer sweeps, a larger ``keep_every`` or a smaller dim.
MAX_KEPT_FLOATS = 100_000_000
#: Cells per chunk of a prediction (each cell reads two rows of kept·dim floats).
PREDICT_CHUNK = 8192
#: Hyperprior: Gamma(HYPER_A, HYPER_B) on the precisions, and the per-user noise's shape.
HYPER_A = HYPER_B = 1.0
USER_NOISE_SHAPE = 2.0
#: Spread of the chain's random start: 0.1 left ml-100k's chain near zero for ~50 sweeps (the priors shrank it), 0.5
#: converges within 5 (training MSE 0.666 at sweep 10, 0.651 at 50).
INIT_STD = 0.5


@dataclass(frozen=True)
class BPMFParams(Params):
    dim: int = setting(10, label="Embedding dim", minimum=1, maximum=256)
    epochs: int = setting(200, label="Gibbs sweeps", minimum=1, maximum=100_000,
                          help="each sweep draws every user's, then every item's vector and bias from its "
                               "posterior given the others")
    burn_in: int = setting(20, label="Burn-in sweeps", minimum=0, maximum=100_000,
                           help="sweeps before the samples start to count (the chain forgets its random start); "
                                "with fewer sweeps than this, only the last one counts")
    keep_every: int = setting(2, label="Keep every n-th sample", minimum=1, maximum=10_000,
                              help="after the burn-in, every n-th sweep's sample joins the average")
    user_noise: bool = setting(True, label="Noise level per user",
                               help="draw one noise precision per user (a user with noisy ratings pulls the items "
                                    "less); off: one for all ratings, as in the paper")
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


def burn_in(p: BPMFParams) -> int:
    """The burn-in in use: the setting, but at most ``epochs − 1`` (the last sweep is always kept)."""
    return min(int(p.burn_in), int(p.epochs) - 1)


def kept_samples(p: BPMFParams) -> int:
    """How many samples the chain keeps: sweeps burn_in+1, burn_in+1+keep_every, … up to epochs."""
    return max(1, -(-(int(p.epochs) - burn_in(p)) // int(p.keep_every)))


@register
class BPMF(Recommender):
    name = "bpmf"
    display_name = "Bayesian MF (Gibbs sampling)"
    description = "Bayesian MF (Salakhutdinov & Mnih 2008): factors drawn by Gibbs sampling, predictions averaged"
    Params = BPMFParams
    order = 47
    large_data = True
    user_tables = {"user_emb": "zero", "user_bias": "mean", "user_bias_samples": "mean"}
    item_tables = {"item_emb": "zero", "item_bias": "mean", "item_bias_samples": "mean"}
    key_settings = ("dim", "epochs", "burn_in", "keep_every", "user_noise")

    # -- the network: the kept samples ------------------------------------------------

    def build(self, data):
        torch = _torch()
        nn = torch.nn
        p = self.params
        d, kept = int(p.dim), kept_samples(p)
        floats = (self.n_users + self.n_items) * kept * d
        if floats > MAX_KEPT_FLOATS:
            raise ConfigError(
                f"Bayesian MF would keep {kept} samples × {d} dims for {self.n_users:,} users and {self.n_items:,} "
                f"items ({floats * 4 / 1e9:.1f} GB); use fewer sweeps, a larger 'keep every' or a smaller dim")
        net = nn.Module()
        net.user_emb = nn.Embedding(self.n_users, kept * d)
        net.item_emb = nn.Embedding(self.n_items, kept * d)
        net.user_bias = nn.Embedding(self.n_users, 1)
        net.item_bias = nn.Embedding(self.n_items, 1)
        # Each kept sample's biases (the predictions use their mean, above; the explanation each sample's).
        net.user_bias_samples = nn.Embedding(self.n_users, kept)
        net.item_bias_samples = nn.Embedding(self.n_items, kept)
        for table in self._tables(net):
            nn.init.zeros_(table.weight)
            table.weight.requires_grad_(False)  # drawn, not trained by gradients
        net.register_buffer("global_mean", torch.tensor(float(self.global_mean)))
        net.register_buffer("n_kept", torch.tensor(0, dtype=torch.int64))
        # For fold-in: the priors' means and precisions ((dim+1) each, bias first) and the noise precisions,
        # averaged over the kept samples.
        net.register_buffer("user_prior", torch.zeros(2, d + 1))
        net.register_buffer("item_prior", torch.zeros(2, d + 1))
        net.register_buffer("user_alpha", torch.ones(self.n_users))
        self._chain = None
        return net

    def __getstate__(self):
        return {**self.__dict__, "_chain": None}  # the chain's sparse matrices cannot be deep-copied

    @staticmethod
    def _tables(net):
        return (net.user_emb, net.item_emb, net.user_bias, net.item_bias, net.user_bias_samples,
                net.item_bias_samples)

    # -- prediction ----------------------------------------------------------------------

    def _scale(self) -> float:
        return 1.0 / max(1, int(self.net.n_kept))

    def forward(self, users, items):
        torch = _torch()
        n = self.net
        out = []
        for s in range(0, len(users), PREDICT_CHUNK):
            u, i = users[s : s + PREDICT_CHUNK], items[s : s + PREDICT_CHUNK]
            out.append((n.user_emb(u) * n.item_emb(i)).sum(1) * self._scale()
                       + n.user_bias(u).squeeze(1) + n.item_bias(i).squeeze(1))
        return n.global_mean + (torch.cat(out) if out else torch.zeros(0, device=users.device))

    def _clamp(self, pred):
        return pred.clamp(self.clip[0], self.clip[1])

    def predict_all(self):
        torch = _torch()
        n = self.net
        with torch.no_grad():
            scores = (n.user_emb.weight @ n.item_emb.weight.T) * self._scale()
            return self._clamp(scores + n.user_bias.weight + n.item_bias.weight.T + n.global_mean)

    def predict_rows(self, rows, cols=None):
        torch = _torch()
        n = self.net
        r = torch.as_tensor(np.asarray(rows, dtype=np.int64), device=self.device)
        c = (torch.arange(self.n_items, device=self.device) if cols is None
             else torch.as_tensor(np.asarray(cols, dtype=np.int64), device=self.device))
        with torch.no_grad():
            block = (n.user_emb.weight[r] @ n.item_emb.weight[c].T) * self._scale()
            block = block + n.user_bias.weight[r] + n.item_bias.weight[c].T + n.global_mean
            return self._clamp(block).double().cpu().numpy()

    def embeddings(self):
        """The last kept sample's vectors (one draw: the average of rotated draws is not a vector space)."""
        d = int(self.params.dim)
        k = max(1, int(self.net.n_kept))
        ue, ie = self.table("user_emb"), self.table("item_emb")
        return ue[:, (k - 1) * d : k * d], ie[:, (k - 1) * d : k * d]

    def explain(self, u: int, i: int) -> dict:
        """The prediction's terms, and how far apart the kept samples' predictions are: the posterior's
        spread, how sure the model is about this cell (wide for a user or an item with few ratings)."""
        n, d = self.net, int(self.params.dim)
        k = max(1, int(n.n_kept))

        def row(table, index, width):  # one row (a tooltip must not copy whole tables of kept·dim columns)
            return table.weight[int(index), :width].detach().double().cpu().numpy()

        ue, ie = row(n.user_emb, u, k * d), row(n.item_emb, i, k * d)
        dots = (ue.reshape(k, d) * ie.reshape(k, d)).sum(1)
        mean = float(n.global_mean)
        samples = mean + row(n.user_bias_samples, u, k) + row(n.item_bias_samples, i, k) + dots
        samples = np.clip(samples, *self.clip)
        b_u, b_i, dot = float(row(n.user_bias, u, 1)[0]), float(row(n.item_bias, i, 1)[0]), float(dots.mean())
        total = mean + b_u + b_i + dot
        lo, hi = np.percentile(samples, [5, 95])
        sd = float(samples.std())
        from ..texts import Text

        lines = [
            Text("bpmf", k=k, mean=mean, b_u=b_u, b_i=b_i, dot=dot, total=total),
            Text("bpmf_spread", low=float(lo), high=float(hi), sd=sd),
        ]
        return dict(mean=mean, b_u=b_u, b_i=b_i, dot=dot, score=total, samples=k, low=float(lo), high=float(hi),
                    sd=sd, lines=lines)

    # -- training: the Gibbs sampler ---------------------------------------------------------

    def phases(self, data):
        torch = _torch()
        p = self.params
        self._chain = _Chain(data, int(p.dim), int(p.seed), bool(p.user_noise), self.global_mean)
        sweep = [0]
        burn, every = burn_in(p), int(p.keep_every)

        def step(idx):
            chain = self._chain
            mse = chain.sweep()
            k = sweep[0] - burn
            sweep[0] += 1
            with torch.no_grad():
                if k < 0 and int(self.net.n_kept) <= 1:
                    self._keep(0, chain, provisional=True)  # until the first kept sample: the current one
                elif k >= 0 and k % every == 0:
                    self._keep(k // every, chain, provisional=False)
            return torch.tensor(mse, requires_grad=True), None, None

        return [Phase(name=self.phase_label, epochs=int(p.epochs), n_units=1, batch_size=0, optimizers=[],
                      step=step, lr=1.0, seed=int(p.seed), threads=1, model=self)]

    def _keep(self, slot: int, chain: _Chain, *, provisional: bool) -> None:
        n, d = self.net, int(self.params.dim)
        count = 0 if provisional else slot  # samples already averaged
        if provisional or slot == 0:
            for table in (n.user_emb, n.item_emb, n.user_bias_samples, n.item_bias_samples):
                table.weight.zero_()
        n.user_emb.weight[:, slot * d : (slot + 1) * d] = chain.U[:, 1:]
        n.item_emb.weight[:, slot * d : (slot + 1) * d] = chain.V[:, 1:]
        n.user_bias_samples.weight[:, slot] = chain.U[:, 0]
        n.item_bias_samples.weight[:, slot] = chain.V[:, 0]
        for table, value, prior, name in ((n.user_bias, chain.U[:, :1], n.user_prior, "user"),
                                          (n.item_bias, chain.V[:, :1], n.item_prior, "item")):
            table.weight.mul_(count / (count + 1)).add_(value / (count + 1))
            mu, lam = chain.hyper[name]
            prior.mul_(count / (count + 1)).add_(_stack(mu, lam) / (count + 1))
        n.user_alpha.mul_(count / (count + 1)).add_(chain.alpha_u / (count + 1))
        n.n_kept.fill_(count + 1)

    def finish(self, rows, cols) -> None:
        self._chain = None  # the chain's state is not part of the trained model
        super().finish(rows, cols)

    # -- fold-in: each kept sample's posterior mean for the newcomer --------------------------

    def fit_new(self, axis, new, ratings, *, epochs, lr) -> None:
        """A newcomer's ``(b, vector)`` in each kept sample is its posterior mean given that sample's other
        side and the averaged prior and noise: the Gibbs step's mean, without the draw. Nothing else moves."""
        torch = _torch()
        n, d = self.net, int(self.params.dim)
        k = max(1, int(n.n_kept))
        own_emb, own_bias, own_samples, other_emb, other_samples, prior = (
            (n.user_emb, n.user_bias, n.user_bias_samples, n.item_emb, n.item_bias_samples, n.user_prior)
            if axis == "users"
            else (n.item_emb, n.item_bias, n.item_bias_samples, n.user_emb, n.user_bias_samples, n.item_prior))
        mu, lam = prior[0].double(), prior[1].double()
        alpha_all = n.user_alpha.double()
        with torch.no_grad():
            for row, (idx, vals) in zip(new, ratings):
                idx_t = torch.as_tensor(np.asarray(idx, dtype=np.int64), device=self.device)
                t = torch.as_tensor(np.asarray(vals, dtype=np.float64), device=self.device) - float(n.global_mean)
                # a new user's noise: the users' mean; a new item's raters: their own
                a = alpha_all[idx_t] if axis == "items" else alpha_all.new_full((len(idx_t),), alpha_all[int(row)])
                biases, vectors = [], []
                for s in range(k):
                    x = torch.cat([torch.ones(len(idx_t), 1, dtype=torch.float64, device=self.device),
                                   other_emb.weight[idx_t, s * d : (s + 1) * d].double()], 1)
                    target = t - other_samples.weight[idx_t, s].double()  # that sample's biases of the others
                    gram = (x * a.unsqueeze(1)).T @ x + torch.diag(lam)
                    w = torch.linalg.solve(gram, (x * a.unsqueeze(1)).T @ target + lam * mu)
                    biases.append(w[0])
                    vectors.append(w[1:])
                own_samples.weight[int(row), :k] = torch.stack(biases).float()
                own_bias.weight[int(row), 0] = float(torch.stack(biases).mean())
                own_emb.weight[int(row), : k * d] = torch.cat(vectors).float()

    def extend(self, axis, ratings):
        """Grow the tables (the base's cold-start rows); a new user's noise precision is the users' mean."""
        torch = _torch()
        super().extend(axis, ratings)
        n = self.net
        for table in self._tables(n):
            table.weight.requires_grad_(False)
        if axis == "users":
            n.user_alpha = torch.cat([n.user_alpha, n.user_alpha.mean().expand(len(ratings))])


def _stack(mu, lam):
    return _torch().stack([mu.float(), lam.float()])


class _Chain:
    """The sampler's state: the current ``(b, vector)`` of every user (``U``) and item (``V``), the
    priors, the noise precisions, and the sparse matrices of the training ratings both ways."""

    def __init__(self, data, dim: int, seed: int, user_noise: bool, global_mean: float) -> None:
        torch = _torch()
        self.torch = torch
        self.d = dim + 1
        self.user_noise = user_noise
        self.gen = torch.Generator().manual_seed(seed)
        self.rng = np.random.default_rng(seed)
        self.users, self.items = data.users.cpu(), data.items.cpu()
        self.y = data.y.cpu().float() - float(global_mean)
        self.n_users, self.n_items = int(data.n_users), int(data.n_items)
        self.U = INIT_STD * torch.randn(self.n_users, self.d, generator=self.gen)
        self.V = INIT_STD * torch.randn(self.n_items, self.d, generator=self.gen)
        self.alpha = 1.0
        self.alpha_u = torch.ones(self.n_users)
        self.n_u = torch.bincount(self.users, minlength=self.n_users).double()
        self.hyper = {}
        self._by_user = _csr_pattern(self.users, self.items, self.n_users, self.n_items)
        self._by_item = _csr_pattern(self.items, self.users, self.n_items, self.n_users)

    def _side(self, pattern, weights, n_own, n_other, other, name):
        """Draw the prior of one side, then every row's ``(b, vector)`` given the other side."""
        torch, d = self.torch, self.d
        mu, lam = self._draw_prior(name)
        ones = _csr(pattern, weights, n_own, n_other)
        targets = _csr(pattern, weights * self.y, n_own, n_other)
        x = torch.cat([torch.ones(n_other, 1), other[:, 1:]], 1)  # [1, vector]: b pairs with the 1
        gram = (ones @ (x.unsqueeze(2) * x.unsqueeze(1)).reshape(n_other, d * d)).reshape(n_own, d, d)
        gram = gram + torch.diag_embed(lam.expand(n_own, d))
        rhs = targets @ x - ones @ (x * other[:, :1]) + lam * mu
        chol, info = torch.linalg.cholesky_ex(gram)
        if bool(info.any()):  # float32 lost definiteness (extreme data): redo those rows in float64
            chol = torch.linalg.cholesky(gram.double()).float()
        mean = torch.cholesky_solve(rhs.unsqueeze(2), chol).squeeze(2)
        z = torch.randn(n_own, d, 1, generator=self.gen)
        return mean + torch.linalg.solve_triangular(chol.transpose(1, 2), z, upper=True).squeeze(2)

    def _draw_prior(self, name):
        """Normal-Gamma posterior of the per-coordinate prior mean and precision of one side's rows."""
        torch = self.torch
        rows = self.U if name == "user" else self.V
        n = rows.shape[0]
        mean = rows.double().mean(0)
        spread = ((rows.double() - mean) ** 2).sum(0) + n / (n + 1) * mean**2
        lam = self.rng.gamma(HYPER_A + (n + 1) / 2, 1.0 / (HYPER_B + 0.5 * spread.numpy()))
        lam = torch.as_tensor(lam)
        z = torch.randn(self.d, generator=self.gen, dtype=torch.float64)
        mu = mean * n / (n + 1) + z / torch.sqrt((n + 1) * lam)
        self.hyper[name] = (mu.float(), lam.float())
        return mu.float(), lam.float()

    def sweep(self) -> float:
        """One Gibbs sweep; returns the current sample's training MSE."""
        torch = self.torch
        w = (self.alpha_u[self.users] if self.user_noise else torch.full_like(self.y, self.alpha))
        self.U = self._side(self._by_user, w, self.n_users, self.n_items, self.V, "user")
        self.V = self._side(self._by_item, w, self.n_items, self.n_users, self.U, "item")
        res = (self.y - (self.U[self.users, 0] + self.V[self.items, 0]
                         + (self.U[self.users, 1:] * self.V[self.items, 1:]).sum(1))).double()
        sq = res * res
        sse = float(sq.sum())
        m = len(sq)
        self.alpha = float(self.rng.gamma(HYPER_A + m / 2, 1.0 / (HYPER_B + 0.5 * sse)))
        if self.user_noise:
            sse_u = torch.zeros(self.n_users, dtype=torch.float64).index_add_(0, self.users, sq)
            shape = USER_NOISE_SHAPE + self.n_u.numpy() / 2
            rate = USER_NOISE_SHAPE / self.alpha + 0.5 * sse_u.numpy()
            self.alpha_u = torch.as_tensor(self.rng.gamma(shape, 1.0 / rate), dtype=torch.float32)
        else:
            self.alpha_u = torch.full((self.n_users,), self.alpha)
        return sse / m if m else math.nan


def _csr_pattern(rows, cols, n_rows: int, n_cols: int):
    """(order, crow, col): the CSR structure of the cells (rows[k], cols[k]), and where each rating goes."""
    torch = _torch()
    order = torch.as_tensor(np.lexsort((cols.numpy(), rows.numpy())))
    crow = torch.zeros(n_rows + 1, dtype=torch.int64)
    crow[1:] = torch.cumsum(torch.bincount(rows, minlength=n_rows), 0)
    return order, crow, cols[order].contiguous()


def _csr(pattern, values, n_rows: int, n_cols: int):
    import warnings

    order, crow, col = pattern
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "sparse CSR support is in beta state"
        return _torch().sparse_csr_tensor(crow, col, values[order].float(), (n_rows, n_cols), check_invariants=False)
