"""The large-data default ``blend`` (SVD++, I-AutoRec and U-AutoRec stacked, ``core/models/blend.py``), its
``blend-learned`` variant, and what AutoRec gained for it (U-AutoRec, full-batch L-BFGS, bfloat16 products)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from solorec_gui.core import catalog
from solorec_gui.core.data import RatingMatrix
from solorec_gui.core.models import TrainSpec, create, model_class, model_names

torch = pytest.importorskip("torch")
from solorec_gui.core.fit import fit  # noqa: E402
from solorec_gui.core.modelfile import loads_model, model_bytes  # noqa: E402
from solorec_gui.core.models import autorec as autorec_module  # noqa: E402

# Small and quick (the defaults are tuned for 100,000 ratings): every part a few passes.
FAST_PARTS = dict(
    svdpp=dict(dim=8, epochs=25, lr=0.02, batch_size=256, lr_decay=0.95, reg=0.02, implicit_reg=0.1),
    autorec=dict(dim=24, epochs=4, reg=2.0),
    uautorec=dict(dim=12, epochs=3, reg=2.0),
)


def fast(name="blend", **top):
    params = model_class(name).Params()
    params = params.replace(**{part: getattr(params, part).replace(**kw) for part, kw in FAST_PARTS.items()})
    return params.replace(**top) if top else params


def low_rank(n_users=120, n_items=90, density=0.35, seed=0):
    """Ratings 1..5 from a rank-3 taste model on a random part of the cells; (matrix, train mask, test mask)."""
    rng = np.random.default_rng(seed)
    u, v = rng.normal(0, 0.7, (n_users, 3)), rng.normal(0, 0.7, (n_items, 3))
    truth = np.clip(3.0 + u @ v.T + rng.normal(0, 0.1, (n_users, n_items)), 1, 5)
    observed = rng.random(truth.shape) < density
    matrix = RatingMatrix([f"u{k}" for k in range(n_users)], [f"i{k}" for k in range(n_items)],
                          np.where(observed, truth, np.nan), (1.0, 5.0))
    test = observed & (rng.random(truth.shape) < 0.2)
    return matrix, observed & ~test, test


def rmse(model, matrix, mask) -> float:
    r, c = np.nonzero(mask)
    return float(np.sqrt(np.mean((model.predict_cells(r, c) - matrix.values[r, c]) ** 2)))


@pytest.fixture(scope="module")
def problem():
    return low_rank()


@pytest.fixture(scope="module")
def trained(problem):
    """``blend-learned``: the weights learned on 10 % of this problem's training ratings."""
    matrix, train, _ = problem
    return fit(matrix, create("blend-learned", fast("blend-learned")), train_mask=train)


def test_registered_with_their_own_settings():
    assert {"blend", "blend-learned"} <= set(model_names())
    for name in ("blend", "blend-learned"):
        cls = model_class(name)
        assert cls.large_data and cls.rates and cls.description
        assert cls.Params().changed_from_default() == {}  # the parts' defaults are the blend's own
    params = model_class("blend").Params()
    assert params.autorec.lbfgs and not params.autorec.user_based and params.uautorec.user_based
    assert model_class("blend-learned").Params().learn == 0.1 and params.learn == 0.0
    assert TrainSpec.from_dict(TrainSpec("blend", params).to_dict()).params == params


def test_auto_keeps_the_lecture_for_small_tables_and_picks_the_blend_for_large_ones(solo_path):
    from solorec_gui.core.data import read_ratings

    assert catalog.recommended_spec(read_ratings(solo_path)) == TrainSpec()  # the lecture's MF, exactly
    assert catalog.recommended_model(catalog.LARGE_DATA_THRESHOLD) == "mf"
    assert catalog.recommended_model(100_000) == catalog.LARGE_DATA_MODEL == "blend-bpmf"

    def shaped(users, items, known):
        return SimpleNamespace(n_users=users, n_items=items, n_known=known)

    assert catalog.recommended_model(shaped(943, 1682, 100_000)) == "blend-bpmf"  # ml-100k
    assert catalog.recommended_model(shaped(610, 9724, 100_836)) == "blend-bpmf-learned"  # ml-latest-small
    assert catalog.recommended_model(shaped(600, 4000, 6_000)) == "mf-large"  # too few ratings to learn weights on
    assert catalog.recommended_model(shaped(3000, 2500, 60_000)) == "mf-large"  # 125 cells a rating: AutoRec's cost
    assert catalog.recommended_model(shaped(2000, 20_000, 500_000)) == "mf-large"  # AutoRec's cost: 40 M cells


def test_beats_the_mean_the_biases_and_each_of_its_parts(problem, trained):
    matrix, train, test = problem
    r, c = np.nonzero(test)
    mean_rmse = float(np.sqrt(np.mean((matrix.values[r, c] - matrix.values[train].mean()) ** 2)))
    blend = trained.model
    assert trained.warning is None
    assert rmse(blend, matrix, test) < 0.6 * mean_rmse
    assert rmse(blend, matrix, test) < min(rmse(part, matrix, test) for part in blend.parts)
    baseline = fit(matrix, "baseline", train_mask=train).model  # the biases alone
    assert rmse(blend, matrix, test) < 0.7 * rmse(baseline, matrix, test)
    # With ml-100k's stored weights (no learning) it still beats the mean.
    fixed = fit(matrix, create("blend", fast()), train_mask=train)
    assert fixed.warning is None and rmse(fixed.model, matrix, test) < 0.8 * mean_rmse
    assert fixed.model.net["mix"].weights.tolist() == pytest.approx(list(fixed.model.set_weights()))


def test_prediction_is_the_weighted_sum_of_the_parts(trained):
    blend = trained.model
    full = blend.predict_matrix()
    parts = [part.predict_matrix() for part in blend.parts]
    w = blend.net["mix"].weights.tolist()
    expected = w[3] + w[0] * parts[0] + w[1] * parts[1] + w[2] * parts[2]
    np.testing.assert_allclose(full, np.clip(expected, *blend.scale), atol=1e-5)
    rows, cols = np.divmod(np.arange(full.size), full.shape[1])
    np.testing.assert_allclose(blend.predict_cells(rows, cols).reshape(full.shape), full, atol=1e-5)
    np.testing.assert_allclose(blend.predict_cells(rows[:7], cols[:7]), full.ravel()[:7], atol=1e-5)
    # One phase per part, in order, then the least-squares weights.
    assert [span.name for span in trained.phases][:3] == [part.phase_label for part in blend.parts]
    assert [span.name for span in trained.phases] == [
        "SVD++ (large data)", "I-AutoRec (large data)", "U-AutoRec (large data)", "Blend weights (least squares)"]


def test_learned_weights_are_fitted_on_held_out_ratings_and_kept_in_the_model_file(problem, trained):
    matrix, _, _ = problem
    model = trained.model
    assert trained.phases[-1].name.startswith("Blend weights") and len(trained.history) == 25 + 4 + 3 + 1
    learned = model.net["mix"].weights.tolist()
    assert learned != pytest.approx(list(model.set_weights()), abs=1e-3)  # not the stored ml-100k weights
    loaded = loads_model(model_bytes(trained, matrix))
    assert loaded.model.net["mix"].weights.tolist() == learned
    np.testing.assert_allclose(loaded.model.predict_matrix(), model.predict_matrix(), atol=1e-6)


def test_fold_in_a_user_through_every_part(problem, trained):
    import copy

    matrix, train, _ = problem
    model = copy.deepcopy(trained.model)
    before = model.predict_matrix()
    known = np.nonzero(train[5])[0]
    new = model.fold_in("users", [(known, matrix.values[5, known])])
    after = model.predict_matrix()
    assert new.tolist() == [matrix.n_users] and after.shape == (matrix.n_users + 1, matrix.n_items)
    np.testing.assert_allclose(after[:-1], before, atol=1e-5)  # nobody else moves
    # Her predictions follow her ratings: closer to them than the mean is.
    err = np.sqrt(np.mean((after[-1, known] - matrix.values[5, known]) ** 2))
    assert err < np.sqrt(np.mean((matrix.values[5, known] - matrix.values[train].mean()) ** 2))


# -- AutoRec: user-based, L-BFGS, bfloat16 ---------------------------------------------------


@pytest.mark.parametrize("user_based", [False, True])
def test_lbfgs_autorec_learns_and_its_cold_rows_follow_the_rule(user_based):
    matrix, train, test = low_rank(seed=1)
    train = train.copy()
    train[3, :] = train[7, :] = False  # two cold users
    train[:, 4] = train[:, 9] = False  # two cold items
    result = fit(matrix, create("autorec", dim=24, epochs=4, reg=2.0, lbfgs=True, user_based=user_based),
                 train_mask=train)
    model = result.model
    pred = model.predict_matrix()
    assert result.history[-1] < result.history[0] / 4
    r, c = np.nonzero(test & train.any(axis=1)[:, None] & train.any(axis=0)[None, :])
    mean = matrix.values[train].mean()
    assert np.sqrt(np.mean((pred[r, c] - matrix.values[r, c]) ** 2)) < 0.85 * np.sqrt(np.mean((matrix.values[r, c] - mean) ** 2))
    # Cold rows on the encoded axis are reconstructed from an empty vector, the same for each of them;
    # cold rows on the input axis (an untrained decoder row) get the mean training rating.
    np.testing.assert_allclose(pred[3], pred[7], atol=1e-6)
    np.testing.assert_allclose(pred[:, 4], pred[:, 9], atol=1e-6)
    input_axis = pred[:, 4] if user_based else pred[3]
    np.testing.assert_allclose(input_axis, mean, atol=1e-5)
    rows, cols = np.divmod(np.arange(pred.size), pred.shape[1])
    np.testing.assert_allclose(model.predict_cells(rows[:40], cols[:40]), pred.ravel()[:40], atol=1e-5)


def test_bf16_is_ignored_where_the_cpu_has_no_native_bfloat16(monkeypatch):
    matrix, train, _ = low_rank(n_users=30, n_items=20, seed=2)
    spec = dict(dim=8, epochs=2, reg=2.0, lbfgs=True)
    monkeypatch.setattr(autorec_module, "native_bf16", lambda device="cpu": False)
    plain = fit(matrix, create("autorec", **spec), train_mask=train).model.predict_matrix()
    flagged = fit(matrix, create("autorec", bf16=True, **spec), train_mask=train).model.predict_matrix()
    np.testing.assert_array_equal(plain, flagged)
    assert native_bf16_is_a_bool()


def native_bf16_is_a_bool() -> bool:
    from solorec_gui.core.models.autorec import native_bf16

    return isinstance(native_bf16(), bool) and native_bf16("cuda") is False


def test_the_lean_lbfgs_is_torchs_lbfgs_bit_for_bit():
    """AutoRec's L-BFGS is built without Optimizer.__init__ (no torch._dynamo import): same steps as torch's."""
    from solorec_gui.core.models.autorec import lbfgs

    def run(make):
        torch.manual_seed(0)
        w = torch.nn.Parameter(torch.randn(6, 4))
        target = torch.randn(6, 4)
        opt = make([w])

        def closure():
            opt.zero_grad()
            loss = ((torch.tanh(w) - target) ** 2).sum() + 0.1 * (w ** 4).sum()
            loss.backward()
            return loss

        for _ in range(3):
            opt.step(closure)
        return w.detach().clone()

    lean = run(lambda p: lbfgs(p, max_iter=10, history_size=10))
    real = run(lambda p: torch.optim.LBFGS(p, lr=1, max_iter=10, history_size=10, line_search_fn="strong_wolfe",
                                           tolerance_grad=1e-9, tolerance_change=1e-12))
    assert torch.equal(lean, real)
    # After a real LBFGS was built, torch wraps LBFGS.step in its profile hook: the lean one still runs.
    assert getattr(torch.optim.LBFGS.step, "hooked", False)
    assert torch.equal(run(lambda p: lbfgs(p, max_iter=10, history_size=10)), real)
