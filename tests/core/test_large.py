"""The large-data models (mf-large, autorec, the mf+autorec blend): accuracy on synthetic low-rank data,
phases, Stop, device, prediction, the auto policy."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from solorec_gui.core.catalog import LARGE_DATA_MODEL, LARGE_DATA_THRESHOLD, recommended_model, recommended_spec
from solorec_gui.core.data import RatingMatrix
from solorec_gui.core.errors import ConfigError
from solorec_gui.core.fit import fit
from solorec_gui.core.models import TrainSpec, create, model_class, model_names
from solorec_gui.core.models.autorec import AutoRecParams
from solorec_gui.core.models.mf import MFParams
from solorec_gui.core.models.mf_large import MFLargeParams
from solorec_gui.core.runtime import resolve_device

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))
LARGE_KINDS = ("mf-large", "autorec", "mf+autorec")


def low_rank_matrix(n_users=120, n_items=90, rank=3, density=0.35, noise=0.1, seed=0):
    """Ratings = clip(3 + U·Vᵀ + noise) on a random 35 % of cells; returns (matrix, train mask, test mask, truth)."""
    rng = np.random.default_rng(seed)
    u = rng.normal(0, 0.7, (n_users, rank))
    v = rng.normal(0, 0.7, (n_items, rank))
    truth = np.clip(3.0 + u @ v.T, 1, 5)
    observed = rng.random((n_users, n_items)) < density
    values = np.where(observed, np.clip(truth + rng.normal(0, noise, truth.shape), 1, 5), np.nan)
    matrix = RatingMatrix([f"u{i}" for i in range(n_users)], [f"i{j}" for j in range(n_items)], values)
    test = observed & (rng.random(observed.shape) < 0.2)
    return matrix, observed & ~test, test, truth


def rmse_on(pred, matrix, mask):
    r, c = np.nonzero(mask)
    return float(np.sqrt(np.mean((pred[r, c] - matrix.values[r, c]) ** 2)))


# Small, quick configs (the tuned defaults are for 100k ratings).
FAST = {
    "mf-large": dict(dim=16, epochs=60, lr=1e-2, batch_size=512, reg=0.02),
    "autorec": dict(dim=64, epochs=120, lr=5e-3, batch_size=32, reg=1.0),
}


def test_registered_everywhere():
    for kind in LARGE_KINDS:
        cls = model_class(kind)
        assert kind in model_names() and cls.description and cls.large_data
        TrainSpec(kind).validate()
    model = create("mf-large", dim=3)
    model.prepare(5, 4, (0.0, 5.0), 3.0, (1.0, 5.0))
    model.net = model.build(None)
    assert model.predict(torch.tensor([0]), torch.tensor([1])).shape == (1,)


def spec(kind: str, patience: int | None = None, **params) -> TrainSpec:
    return TrainSpec(kind, patience=patience).with_params(**params)


@pytest.mark.parametrize("kind", ["mf-large", "autorec"])
def test_recovers_low_rank_far_better_than_baseline(kind):
    matrix, train, test, _ = low_rank_matrix()
    base = fit(matrix, spec("baseline", epochs=200, lr=0.05), train_mask=train)
    base_rmse = rmse_on(base.predict_matrix(), matrix, test)
    res = fit(matrix, spec(kind, **FAST[kind]), train_mask=train)
    rmse = rmse_on(res.predict_matrix(), matrix, test)
    assert base_rmse > 0.5  # the biases alone cannot explain a rank-3 signal
    assert rmse < 0.6 * base_rmse, (kind, rmse, base_rmse)


def fast_blend(**changes) -> TrainSpec:
    """The blend with both parts on the quick settings (each part has its own)."""
    return spec(
        "mf+autorec", mf=MFLargeParams().replace(**FAST["mf-large"]), autorec=AutoRecParams().replace(**FAST["autorec"]),
        **changes,
    )


def test_blend_streams_all_epochs_and_blends_its_parts():
    matrix, train, test, _ = low_rank_matrix(seed=1)
    reports = []
    res = fit(matrix, fast_blend(), train_mask=train, on_epoch=reports.append)
    total = FAST["mf-large"]["epochs"] + FAST["autorec"]["epochs"]
    assert [r.epoch for r in reports] == list(range(1, total + 1))
    assert all(r.epochs == total and np.isfinite(r.loss) for r in reports)
    assert len(res.history) == total
    pred = res.predict_matrix()
    assert pred.shape == matrix.shape and np.isfinite(pred).all()
    parts = [rmse_on(m.predict_matrix(), matrix, test) for m in res.model.parts]
    # A convex blend is never worse than its worse part (and is usually better than both on real data).
    assert rmse_on(pred, matrix, test) <= max(parts) + 1e-9
    w = res.model.params.blend
    np.testing.assert_allclose(pred, w * res.model.parts[0].predict_matrix() + (1 - w) * res.model.parts[1].predict_matrix(),
                               rtol=0, atol=1e-5)


# -- phases (issue 9) ------------------------------------------------------------


def test_blend_reports_its_two_phases_with_the_real_total():
    """Defaults: mf-large 25 epochs then AutoRec 35, reported as epochs 1..60 of 60, with each phase's name."""
    matrix, train, _, _ = low_rank_matrix(seed=1)
    reports = []
    res = fit(matrix, "mf+autorec", train_mask=train, on_epoch=reports.append)
    mf_name, autorec_name = model_class("mf-large").display_name, model_class("autorec").display_name
    assert [r.epoch for r in reports] == list(range(1, 61))
    assert all(r.epochs == 60 and r.phases == 2 for r in reports)
    assert [(r.phase, r.phase_index) for r in reports] == [(mf_name, 0)] * 25 + [(autorec_name, 1)] * 35
    assert [(p.name, p.start, p.stop) for p in res.phases] == [(mf_name, 0, 25), (autorec_name, 25, 60)]
    assert [r.loss for r in reports] == res.history
    assert not res.stopped and res.best_epoch == 60
    assert res.fitted is None  # several phases: no single 'yhat'
    # A one-phase model: one span, its own name.
    one = fit(matrix, spec("mf-large", epochs=3), train_mask=train)
    assert [(p.name, p.start, p.stop) for p in one.phases] == [(mf_name, 0, 3)]


def test_stopping_the_blend_during_its_second_phase_gives_a_usable_blend():
    matrix, train, test, _ = low_rank_matrix(seed=1)
    seen = []
    res = fit(matrix, "mf+autorec", train_mask=train, on_epoch=lambda r: seen.append(r),
              should_stop=lambda: bool(seen) and seen[-1].epoch >= 30)
    assert res.stopped
    assert len(res.history) == 30 and seen[-1].phase_index == 1
    assert [(p.start, p.stop) for p in res.phases] == [(0, 25), (25, 30)]
    pred = res.predict_matrix()
    lo, hi = np.nanmin(matrix.values[train]), np.nanmax(matrix.values[train])
    assert np.isfinite(pred).all() and pred.min() >= lo - 1e-6 and pred.max() <= hi + 1e-6
    # What both parts have learnt so far, blended; better than predicting the mean.
    w = res.model.params.blend
    np.testing.assert_allclose(pred, w * res.model.parts[0].predict_matrix() + (1 - w) * res.model.parts[1].predict_matrix(),
                               rtol=0, atol=1e-5)
    mean = np.full(matrix.shape, np.nanmean(matrix.values[train]))
    assert rmse_on(pred, matrix, test) < rmse_on(mean, matrix, test)
    assert res.cold_users is not None and res.warning is None


def test_sparse_adam_option_learns_as_well():
    matrix, train, test, _ = low_rank_matrix(seed=8)
    dense = fit(matrix, spec("mf-large", **FAST["mf-large"]), train_mask=train)
    sparse = fit(matrix, spec("mf-large", sparse=True, **FAST["mf-large"]), train_mask=train)
    assert sparse.model.net.user_emb.sparse
    assert rmse_on(sparse.predict_matrix(), matrix, test) < rmse_on(dense.predict_matrix(), matrix, test) + 0.05


def test_loss_decreases_and_is_streamed_per_epoch():
    matrix, train, _, _ = low_rank_matrix(seed=2)
    losses = []
    res = fit(matrix, spec("mf-large", **FAST["mf-large"]), train_mask=train, on_epoch=lambda r: losses.append(r.loss))
    assert losses == res.history and len(losses) == FAST["mf-large"]["epochs"]
    assert losses[-1] < 0.5 * losses[0]


@pytest.mark.parametrize("kind", ["mf-large", "autorec", "mf+autorec"])
def test_stop_is_honoured_between_mini_batches(kind):
    matrix, train, _, _ = low_rank_matrix(seed=3)
    calls = {"n": 0}

    def should_stop():
        calls["n"] += 1
        return calls["n"] > 3  # stop inside the first epoch (there are many batches per epoch)

    if kind == "mf+autorec":  # the blend's first phase is its MF part
        run = spec(kind, mf=MFLargeParams(dim=8, epochs=50, batch_size=8))
    else:
        run = spec(kind, dim=8, epochs=50, batch_size=64 if kind == "mf-large" else 8)
    res = fit(matrix, run, train_mask=train, should_stop=should_stop)
    assert res.stopped
    assert res.history == []  # not even one full epoch ran
    assert calls["n"] == 4
    pred = res.predict_matrix()  # a stopped run still predicts, and never NaN
    assert np.isfinite(pred).all()


def test_device_falls_back_to_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == "cpu"
    assert resolve_device("cuda") == "cpu"
    matrix, train, _, _ = low_rank_matrix(n_users=20, n_items=15, seed=4)
    res = fit(matrix, TrainSpec("mf-large", device="cuda").with_params(dim=4, epochs=2), train_mask=train)
    assert res.device == "cpu"
    assert next(res.model.net.parameters()).device.type == "cpu"


def test_predict_matrix_shape_finite_and_clipped_to_training_range():
    matrix, train, _, _ = low_rank_matrix(seed=5)
    lo, hi = np.nanmin(matrix.values), np.nanmax(matrix.values)
    for kind in ("mf-large", "autorec"):
        res = fit(matrix, spec(kind, **FAST[kind]), train_mask=train)
        pred = res.predict_matrix()
        assert pred.shape == matrix.shape
        assert np.isfinite(pred).all()
        assert pred.min() >= lo - 1e-6 and pred.max() <= hi + 1e-6
        # The fast full-matrix path agrees with cell-by-cell prediction.
        r, c = np.nonzero(np.ones(matrix.shape, bool))
        cells = res.model.predict(torch.tensor(r[:500]), torch.tensor(c[:500])).numpy()
        np.testing.assert_allclose(pred[r[:500], c[:500]], cells, atol=1e-5)


def test_cold_users_and_items_get_finite_predictions():
    matrix, train, _, _ = low_rank_matrix(seed=6)
    train = train.copy()
    train[0, :] = False  # user 0 has no training rating
    train[:, 0] = False  # item 0 neither
    for kind in ("mf-large", "autorec"):
        pred = fit(matrix, spec(kind, **FAST[kind]), train_mask=train).predict_matrix()
        assert np.isfinite(pred).all()
        assert abs(pred[0, 5] - np.nanmean(matrix.values[train])) < 1.0


def test_early_stopping_on_validation_mask():
    matrix, train, test, _ = low_rank_matrix(seed=7)
    run = spec("mf-large", patience=3, dim=16, epochs=200, lr=3e-2, batch_size=256, reg=0.0)
    res = fit(matrix, run, train_mask=train, valid_mask=test)
    assert len(res.history) < 200
    assert res.best_epoch == int(np.argmin(res.val_history)) + 1


def test_settings_validation_and_defaults():
    with pytest.raises(ConfigError):
        spec("mf-large", reg=-1)
    with pytest.raises(ConfigError):
        spec("mf-large", lr_decay=0)
    with pytest.raises(ConfigError):
        spec("mf+autorec", blend=1.5)
    with pytest.raises(ConfigError, match="hidden units must be at least 1"):
        spec("mf+autorec", autorec={"dim": 0})
    # The lecture's defaults, untouched.
    assert TrainSpec() == TrainSpec("mf", MFParams(dim=2, epochs=100, lr=0.1))
    # Each model has its own settings (deliberate change: the old flat config let mf carry an inert reg).
    with pytest.raises(ConfigError, match="reg: not a setting of this model"):
        spec("mf", reg=0.2)
    assert TrainSpec.from_dict(spec("mf-large", reg=0.2).to_dict()).params.reg == 0.2
    nested = spec("mf+autorec", autorec={"dim": 50}, blend=0.5)
    again = TrainSpec.from_dict(nested.to_dict())
    assert again == nested and again.params.autorec.dim == 50 and again.params.mf == MFLargeParams()


def test_recommended_spec_switches_at_threshold():
    assert recommended_spec(LARGE_DATA_THRESHOLD).model == "mf"
    assert recommended_spec(LARGE_DATA_THRESHOLD) == TrainSpec()  # exactly the lecture's
    big = recommended_spec(LARGE_DATA_THRESHOLD + 1)
    assert big.model == LARGE_DATA_MODEL
    assert big.params.bpmf.epochs and big.params.bpmf.dim > 2 and big.params.autorec.dim > 2
    assert recommended_spec(10**6, device="auto").device == "auto"
    matrix, _, _, _ = low_rank_matrix(n_users=10, n_items=10)
    assert recommended_spec(matrix).model == "mf"
    wide = RatingMatrix([f"u{k}" for k in range(600)], [f"i{k}" for k in range(4000)], np.full((600, 4000), np.nan))
    wide.values[:, :10] = 3.0  # 6000 ratings on 2.4 M cells: AutoRec would be too slow
    assert recommended_spec(wide).model == recommended_model(wide) == "mf-large"


@pytest.mark.slow
@pytest.mark.skipif(not (DATASETS / "ml-100k" / "u1.base").exists(), reason="MovieLens not available")
def test_u1_fold_beats_surprise_svd():
    from solorec_gui.core.data import read_ratings
    from solorec_gui.core.eval import align_test, predict_cells

    base = read_ratings(DATASETS / "ml-100k" / "u1.base")
    test = read_ratings(DATASETS / "ml-100k" / "u1.test")
    combined, _ = align_test(base, test)
    res = fit(combined, recommended_spec(combined))
    assert res.spec.model == LARGE_DATA_MODEL
    u_pos = {u: k for k, u in enumerate(combined.users)}
    i_pos = {i: k for k, i in enumerate(combined.items)}
    tr, tc, tv = test.known_cells()
    pred = predict_cells(res, [u_pos[test.users[r]] for r in tr], [i_pos[test.items[c]] for c in tc])
    rmse = float(np.sqrt(np.mean((pred - tv) ** 2)))
    assert rmse < 0.93  # Surprise's SVD: 0.951 on u1 here
