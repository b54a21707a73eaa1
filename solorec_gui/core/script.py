"""The lecture as code: a short PyTorch script that trains what SoloRec trained, in the lecture's style.

:func:`training_script` writes the script the window's File › Export as Python
script… and ``solorec-cli complete … --script OUT.py`` save: read the ratings
with pandas, the four ``torch.nn.Embedding``, the model as a ``torch.nn.Module``,
the loop (Adam, MSE), the predictions. With the settings of the run it reproduces
SoloRec's predictions (to about 4 decimals; ``tests/core/test_script_export.py``
runs it), because it does what :func:`~solorec_gui.core.fit.fit` does, in the
same order: the seed right before the network is built, the layers created in
the model's order (MF: user features, user bias, item features, item bias, as in
the lecture's first MF; NN: user features, item features, user bias, item bias,
as in its ``Net``), the ratings row by row, full batch (or the same seeded
shuffle of mini-batches), one thread for small problems, and the cold-start rule
when some user or item has no rating.

Only the lecture's models, ``mf`` and ``nn``, can be exported; any other raises
:class:`ConfigError`. The pandas call that reads the file is checked here against
what SoloRec read (labels, every value, every missing cell), so a file pandas
would read differently is refused instead of giving a script that trains on
other data. No torch here: the window calls this from its GUI thread.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .. import __version__
from .data import RatingMatrix, read_ratings
from .errors import ConfigError
from .models import TrainSpec

#: Models a script can be exported for.
SCRIPT_MODELS = ("mf", "nn")

#: fit() trains on one thread below this many ratings (runtime.SMALL_PROBLEM_CELLS).
_ONE_THREAD_BELOW = 20_000


def training_script(
    spec: TrainSpec,
    matrix_path: str | os.PathLike,
    *,
    matrix: RatingMatrix | None = None,
    sheet: str | None = None,
) -> str:
    """The Python source of a runnable script that trains ``spec`` on the ratings in ``matrix_path``.

    ``matrix`` is what SoloRec read from that file (read again when not given; pass
    the window's matrix only when it has no unsaved edits: the script reads the file).
    ``sheet`` picks a workbook's sheet. Raises :class:`ConfigError` for a model other
    than mf/nn and for a file the script's ``pandas`` call would read differently.
    """
    check_script_model(spec.model)
    path = Path(matrix_path)
    if matrix is None:
        matrix = read_ratings(path, sheet=sheet)
    p = spec.params
    if int(p.batch_size) < 0:
        raise ConfigError("batch size must not be negative")
    data = _data_block(path, matrix, sheet)
    n = matrix.n_known
    parts = [
        _header(spec, path, matrix),
        "import sys\n\nimport pandas as pd\nimport torch\n",
        data,
        _model_block(spec, matrix),
        _training_block(spec, n),
        _cold_block(spec, matrix),
        _predictions_block(),
    ]
    return "\n".join(part for part in parts if part)


def _header(spec: TrainSpec, path: Path, matrix: RatingMatrix) -> str:
    what = "MF (matrix factorisation)" if spec.model == "mf" else "NN (neural recommender)"
    return f'''"""{what} on {path.name}, as SoloRec {__version__} trained it, in the lecture's style.

Settings: {spec.summary()}, seed {int(spec.params.seed)}.
{matrix.n_users} users × {matrix.n_items} items, {matrix.n_known} known ratings.
Run it with the ratings file where it was (or change the path below):

    python this_script.py                   # prints the completed matrix
    python this_script.py predictions.csv   # and writes it to predictions.csv
"""
'''


# -- reading the ratings ----------------------------------------------------------------


def _pandas_options(matrix: RatingMatrix, path: Path, sheet: str | None, extra: dict) -> tuple[str, dict]:
    """(function name, keyword arguments) of the pandas call that reads the file."""
    source = matrix.source or {}
    if source.get("sheet") is not None or path.suffix.lower() in (".xlsx", ".xlsm", ".ods"):
        name = source.get("sheet") or sheet
        options = {} if name is None or name == (source.get("sheets") or [name])[0] else {"sheet_name": name}
        return "read_excel", {**options, **extra}
    options: dict = {}
    sep = source.get("sep", ",")
    if sep != ",":
        options["sep"] = sep
    encoding = source.get("encoding")
    if encoding not in (None, "str", "utf-8", "utf-8-sig"):
        options["encoding"] = encoding
    return "read_csv", {**options, **extra}


def _call(function: str, path: Path, options: dict) -> str:
    args = [repr(str(path))] + [f"{k}={v!r}" for k, v in options.items()]
    return f"pd.{function}({', '.join(args)})"


def _read(function: str, path: Path, options: dict):
    import pandas as pd

    return getattr(pd, function)(path, **options)


def _wide_matches(frame, matrix: RatingMatrix) -> bool:
    if frame.shape != matrix.shape:
        return False
    try:
        values = frame.to_numpy(dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return bool(np.array_equal(np.isnan(values), np.isnan(matrix.values))
                and np.allclose(values[~np.isnan(values)], matrix.values[matrix.known_mask], rtol=0, atol=1e-12))


def _data_block(path: Path, matrix: RatingMatrix, sheet: str | None) -> str:
    fmt = (matrix.source or {}).get("format", "wide")
    if fmt == "long":
        return _long_data_block(path, matrix, sheet)
    tried = []
    for extra in ({"index_col": 0}, {"index_col": 0, "na_values": ["-", "na"]},
                  {"index_col": 0, "decimal": ","}, {"index_col": 0, "decimal": ",", "na_values": ["-", "na"]}):
        function, options = _pandas_options(matrix, path, sheet, extra)
        if function == "read_excel" and "decimal" in extra:
            continue
        tried.append(_call(function, path, options))
        try:
            frame = _read(function, path, options)
        except Exception:  # noqa: BLE001, S112 (any pandas refusal: try the next options)
            continue
        if _wide_matches(frame, matrix):
            return f'''# 1. The ratings: users × items, NaN where a rating is missing
df_view = {_call(function, path, options)}
df_train = df_view.stack().dropna().reset_index().set_axis(['W', 'M', 'y'], axis=1)  # row by row
w = {{name: k for k, name in enumerate(df_view.index)}}  # user → row
m = {{name: k for k, name in enumerate(df_view.columns)}}  # item → column
X1 = torch.tensor(df_train['W'].map(w).to_numpy())  # length-n int vector
X2 = torch.tensor(df_train['M'].map(m).to_numpy())  # length-n int vector
y = torch.tensor(df_train['y'].to_numpy()).float().reshape(-1, 1)  # (n,1) float vector
'''
    raise _unreadable(path, tried)


def _unreadable(path: Path, tried: list[str]) -> ConfigError:
    return ConfigError(
        f"a script cannot read {path.name} as SoloRec did (pandas reads other labels or values with "
        f"{tried[-1] if tried else 'pandas'}): save the table as a plain CSV and export again"
    )


def _long_data_block(path: Path, matrix: RatingMatrix, sheet: str | None) -> str:
    import pandas as pd

    header = bool((matrix.source or {}).get("header"))
    extra = {"header": 0 if header else None, "usecols": [0, 1, 2]}
    function, options = _pandas_options(matrix, path, sheet, extra)
    call = _call(function, path, options)
    try:
        frame = _read(function, path, options)
    except Exception:  # noqa: BLE001
        raise _unreadable(path, [call]) from None
    frame = frame.set_axis(["W", "M", "y"], axis=1)
    numeric = all(label.isascii() and label.isdigit() for label in matrix.users)
    numeric_items = all(label.isascii() and label.isdigit() for label in matrix.items)
    users = sorted(frame["W"].unique()) if numeric else list(pd.unique(frame["W"]))
    items = sorted(frame["M"].unique()) if numeric_items else list(pd.unique(frame["M"]))
    ok = [str(u).strip() for u in users] == matrix.users and [str(i).strip() for i in items] == matrix.items
    if ok:
        u = frame["W"].map({name: k for k, name in enumerate(users)}).to_numpy()
        i = frame["M"].map({name: k for k, name in enumerate(items)}).to_numpy()
        try:
            y = frame["y"].to_numpy(dtype=np.float64)
            ok = bool(np.allclose(y, matrix.values[u, i], rtol=0, atol=1e-12))
        except (TypeError, ValueError):
            ok = False
    if not ok:
        raise _unreadable(path, [call])
    order = ("sorted(df_train['{c}'].unique())  # ids in numeric order, as SoloRec shows them",
             "list(pd.unique(df_train['{c}']))  # in order of first appearance, as SoloRec shows them")
    return f'''# 1. The ratings: one (user, item, rating) per line
df_train = {call}.set_axis(['W', 'M', 'y'], axis=1)
users = {order[0 if numeric else 1].format(c="W")}
items = {order[0 if numeric_items else 1].format(c="M")}
w = {{name: k for k, name in enumerate(users)}}  # user → row
m = {{name: k for k, name in enumerate(items)}}  # item → column
df_train = df_train.assign(u=df_train['W'].map(w), i=df_train['M'].map(m)).sort_values(['u', 'i'])  # row by row
df_view = pd.DataFrame(index=users, columns=items)  # labels of the completed matrix
X1 = torch.tensor(df_train['u'].to_numpy())  # length-n int vector
X2 = torch.tensor(df_train['i'].to_numpy())  # length-n int vector
y = torch.tensor(df_train['y'].to_numpy()).float().reshape(-1, 1)  # (n,1) float vector
'''


# -- the model, the loop, the predictions -------------------------------------------------------


def _squash(matrix: RatingMatrix, inner: str) -> str:
    """SoloRec's squash (models.base.squash): ``sigmoid(...) * hi`` on a 0-based scale, as the lecture."""
    lo, hi = matrix.scale
    if lo == 0.0:
        return f"{inner} * {hi:g}"
    return f"{lo:g} + {hi - lo:g} * {inner}"


def _model_block(spec: TrainSpec, matrix: RatingMatrix) -> str:
    p = spec.params
    nu, ni, d = matrix.n_users, matrix.n_items, int(p.dim)
    if spec.model == "mf":
        return f'''# 2. The model: score = user features · item features + user bias + item bias, squashed to the scale
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # created in this order, right after the seed: it fixes the initial weights
        self.ebdd1 = torch.nn.Embedding({nu}, {d})  # user features
        self.b1 = torch.nn.Embedding({nu}, 1)  # user bias
        self.ebdd2 = torch.nn.Embedding({ni}, {d})  # item features
        self.b2 = torch.nn.Embedding({ni}, 1)  # item bias
        self.sig = torch.nn.Sigmoid()

    def forward(self, X1, X2):
        W_features = self.ebdd1(X1)
        W_bias = self.b1(X1)
        M_features = self.ebdd2(X2)
        M_bias = self.b2(X2)
        score = (W_features * M_features).sum(axis=1).reshape(-1, 1) + W_bias + M_bias
        yhat = {_squash(matrix, "self.sig(score)")}
        return yhat
'''
    width = 2 * d + 2
    layers = []
    for h in p.hidden:
        layers += [f"torch.nn.Linear({width}, {int(h)})", "torch.nn.ReLU()"]
        width = int(h)
    layers += [f"torch.nn.Linear({width}, 1)", "torch.nn.Sigmoid()"]
    mlp = ",\n            ".join(layers)
    return f'''# 2. The model: [user features, item features, user bias, item bias] → MLP → sigmoid, scaled
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # created in this order, right after the seed: it fixes the initial weights
        self.ebdd1 = torch.nn.Embedding({nu}, {d})  # user features
        self.ebdd2 = torch.nn.Embedding({ni}, {d})  # item features
        self.b1 = torch.nn.Embedding({nu}, 1)  # user bias
        self.b2 = torch.nn.Embedding({ni}, 1)  # item bias
        self.mlp = torch.nn.Sequential(
            {mlp}
        )

    def forward(self, X1, X2):
        W_feature = self.ebdd1(X1)
        M_feature = self.ebdd2(X2)
        W_bias = self.b1(X1)
        M_bias = self.b2(X2)
        Z = torch.concat([W_feature, M_feature, W_bias, M_bias], axis=1)
        yhat = {_squash(matrix, "self.mlp(Z)")}
        return yhat
'''


def _training_block(spec: TrainSpec, n: int) -> str:
    p = spec.params
    lr, wd = float(p.lr), float(getattr(p, "weight_decay", 0.0))
    adam = f"torch.optim.Adam(net.parameters(), lr={lr!r}" + (f", weight_decay={wd!r})" if wd else ")")
    threads = "torch.set_num_threads(1)  # a small problem: one thread, as SoloRec trains it\n" if n < _ONE_THREAD_BELOW else ""
    batch = int(p.batch_size)
    head = f'''# 3. Training: Adam on the mean squared error of the known ratings
{threads}torch.manual_seed({int(p.seed)})
net = Net()
loss_fn = torch.nn.MSELoss()
optimizr = {adam}
'''
    if batch <= 0 or batch >= n:
        return head + f'''for epoc in range({int(p.epochs)}):
    # 1
    yhat = net(X1, X2)
    # 2
    loss = loss_fn(yhat, y)
    # 3
    loss.backward()
    # 4
    optimizr.step()
    optimizr.zero_grad()
print(f"loss (MSE) after {{epoc + 1}} epochs: {{loss.item():.6f}}")
'''
    return head + f'''shuffle = torch.Generator().manual_seed({int(p.seed)})  # mini-batches in SoloRec's seeded order
for epoc in range({int(p.epochs)}):
    order = torch.randperm(len(y), generator=shuffle)
    for start in range(0, len(y), {batch}):
        batch = order[start:start + {batch}]
        yhat = net(X1[batch], X2[batch])
        loss = loss_fn(yhat, y[batch])
        loss.backward()
        optimizr.step()
        optimizr.zero_grad()
'''


def _cold_block(spec: TrainSpec, matrix: RatingMatrix) -> str:
    known = matrix.known_mask
    cold_users, cold_items = ~known.any(axis=1), ~known.any(axis=0)
    lines = []
    if cold_users.any() and not cold_users.all():
        lines += ["    cold = torch.tensor(df_view.isna().all(axis=1).to_numpy())  # users without any rating",
                  "    net.ebdd1.weight[cold] = 0.0",
                  "    net.b1.weight[cold] = net.b1.weight[~cold].mean(dim=0)"]
    if cold_items.any() and not cold_items.all():
        lines += ["    cold = torch.tensor(df_view.isna().all(axis=0).to_numpy())  # items without any rating",
                  "    net.ebdd2.weight[cold] = 0.0",
                  "    net.b2.weight[cold] = net.b2.weight[~cold].mean(dim=0)"]
    if not lines:
        return ""
    return ("# SoloRec's cold-start rule: nothing was learnt for these, so their features are zero\n"
            "# and their bias is the mean of the others' (they are predicted from the biases alone)\n"
            "with torch.no_grad():\n" + "\n".join(lines) + "\n")


def _predictions_block() -> str:
    return '''# 4. Predictions for every (user, item)
X1_all = torch.arange(len(w)).repeat_interleave(len(m))
X2_all = torch.arange(len(m)).repeat(len(w))
with torch.no_grad():
    yhat_all = net(X1_all, X2_all).reshape(len(w), len(m))
df_pred = pd.DataFrame(yhat_all.numpy(), index=df_view.index, columns=df_view.columns)
print(df_pred.round(2))
if len(sys.argv) > 1:
    df_pred.to_csv(sys.argv[1])
'''


def check_script_model(model: str) -> None:
    """Raise :class:`ConfigError` unless a script can be exported for ``model`` (before any training)."""
    if model not in SCRIPT_MODELS:
        raise ConfigError(
            f"a Python script is not available for the model {model!r}: only the lecture's models "
            f"({', '.join(SCRIPT_MODELS)}) can be exported as a script"
        )

