"""``bpmf`` (Bayesian MF by Gibbs sampling, core/models/bpmf.py) and ``blend-bpmf`` (it, I-AutoRec and
U-AutoRec stacked with weights that depend on the user's and the item's rating counts)."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from solorec_gui.core import catalog
from solorec_gui.core.errors import ConfigError
from solorec_gui.core.models import create, model_class, model_names

torch = pytest.importorskip("torch")
from solorec_gui.core.fit import fit  # noqa: E402
from solorec_gui.core.modelfile import loads_model, model_bytes  # noqa: E402
from solorec_gui.core.models import bpmf as bpmf_module  # noqa: E402
from solorec_gui.core.models.blend import BAYES_MIX, COUNT_FEATURES  # noqa: E402

from test_blend_stack import low_rank, rmse  # noqa: E402  (tests/core is on the path: no packages)

QUICK = dict(epochs=60, burn_in=10)


@pytest.fixture(scope="module")
def problem():
    return low_rank(seed=3)


@pytest.fixture(scope="module")
def trained(problem):
    matrix, train, _ = problem
    return fit(matrix, create("bpmf", **QUICK), train_mask=train)


def mean_rmse(matrix, train, test) -> float:
    r, c = np.nonzero(test)
    return float(np.sqrt(np.mean((matrix.values[r, c] - matrix.values[train].mean()) ** 2)))


def test_it_learns_the_low_rank_tastes_better_than_the_biases(problem, trained):
    matrix, train, test = problem
    assert trained.warning is None and len(trained.history) == QUICK["epochs"]
    assert trained.history[-1] < trained.history[0] / 2  # the sampled weights fit the training ratings
    model = trained.model
    assert rmse(model, matrix, test) < 0.5 * mean_rmse(matrix, train, test)
    baseline = fit(matrix, "baseline", train_mask=train).model
    assert rmse(model, matrix, test) < 0.6 * rmse(baseline, matrix, test)


def test_keeps_every_nth_sample_after_the_burn_in_side_by_side(trained):
    model = trained.model
    p = model.params
    assert bpmf_module.kept_samples(p) == 25  # sweeps 11, 13, …, 59 of 60
    assert int(model.net.n_kept) == 25
    assert model.net.user_emb.weight.shape == (model.n_users, 25 * p.dim)
    # No slot left empty: every kept sample wrote its columns.
    blocks = model.net.item_emb.weight.reshape(model.n_items, 25, p.dim)
    assert bool((blocks.abs().sum(dim=(0, 2)) > 0).all())


def test_whole_matrix_cells_and_rows_agree(trained):
    model = trained.model
    full = model.predict_matrix()
    rows, cols = np.divmod(np.arange(full.size), full.shape[1])
    np.testing.assert_allclose(model.predict_cells(rows, cols).reshape(full.shape), full, atol=1e-5)
    np.testing.assert_allclose(model.predict_rows([4, 0, 9]), full[[4, 0, 9]], atol=1e-5)
    np.testing.assert_allclose(model.predict_rows([2], [5, 1]), full[[2]][:, [5, 1]], atol=1e-5)
    u, v = model.embeddings()
    assert u.shape == (model.n_users, model.params.dim) and v.shape == (model.n_items, model.params.dim)


def test_the_same_seed_draws_the_same_chain_and_another_seed_another(problem, trained):
    matrix, train, _ = problem
    again = fit(matrix, create("bpmf", **QUICK), train_mask=train).model.predict_matrix()
    np.testing.assert_array_equal(again, trained.model.predict_matrix())
    other = fit(matrix, create("bpmf", seed=7, **QUICK), train_mask=train).model.predict_matrix()
    assert np.abs(other - again).max() > 1e-3


def test_a_model_file_predicts_exactly_as_the_trained_model(problem, trained):
    matrix, _, _ = problem
    loaded = loads_model(model_bytes(trained, matrix))
    assert loaded.model.name == "bpmf" and int(loaded.model.net.n_kept) == 25
    np.testing.assert_array_equal(loaded.model.predict_matrix(), trained.model.predict_matrix())


def test_a_noisy_user_gets_a_lower_noise_precision():
    matrix, train, _ = low_rank(seed=4)
    values = matrix.values.copy()
    noisy = 11
    known = ~np.isnan(values[noisy])
    values[noisy, known] = np.random.default_rng(0).choice([1.0, 5.0], known.sum())  # ratings at random
    from solorec_gui.core.data import RatingMatrix

    noisy_matrix = RatingMatrix(matrix.users, matrix.items, values, matrix.scale)
    model = fit(noisy_matrix, create("bpmf", **QUICK), train_mask=train).model
    alpha = model.net.user_alpha.numpy()
    assert alpha[noisy] < 0.5 * np.median(alpha)
    flat = fit(noisy_matrix, create("bpmf", user_noise=False, **QUICK), train_mask=train).model
    assert np.ptp(flat.net.user_alpha.numpy()) < 1e-6 * flat.net.user_alpha.numpy().max()  # one for all


def test_cold_users_and_items_are_predicted_from_the_biases():
    matrix, train, _ = low_rank(seed=5)
    train = train.copy()
    train[2, :] = train[8, :] = False
    train[:, 3] = False
    model = fit(matrix, create("bpmf", **QUICK), train_mask=train).model
    pred = model.predict_matrix()
    np.testing.assert_allclose(pred[2], pred[8], atol=1e-6)  # the same: the biases' mean and the item's bias
    assert np.abs(model.table("user_emb")[[2, 8]]).max() == 0.0 and np.abs(model.table("item_emb")[3]).max() == 0.0


def test_fewer_sweeps_than_the_burn_in_still_keep_the_last_sample(problem):
    matrix, train, test = problem
    result = fit(matrix, create("bpmf", epochs=5), train_mask=train)  # burn-in 20 by default
    assert bpmf_module.kept_samples(result.model.params) == 1 and int(result.model.net.n_kept) == 1
    assert rmse(result.model, matrix, test) < mean_rmse(matrix, train, test)


def test_a_stopped_chain_predicts_from_the_sample_it_has(problem):
    matrix, train, test = problem
    calls = []
    result = fit(matrix, create("bpmf", **QUICK), train_mask=train,
                 on_epoch=lambda report: calls.append(report.epoch), should_stop=lambda: len(calls) >= 4)
    assert result.stopped and len(result.history) == 4  # still in the burn-in: the current sample
    assert int(result.model.net.n_kept) == 1
    assert np.isfinite(result.model.predict_matrix()).all()


def test_too_many_kept_floats_is_refused_with_the_size(problem, monkeypatch):
    matrix, train, _ = problem
    monkeypatch.setattr(bpmf_module, "MAX_KEPT_FLOATS", 1000)
    with pytest.raises(ConfigError, match=r"keep 25 samples × 10 dims.*fewer sweeps"):
        fit(matrix, create("bpmf", **QUICK), train_mask=train)


def test_fold_in_a_user_moves_nobody_else_and_follows_her_ratings(problem, trained):
    matrix, train, _ = problem
    model = copy.deepcopy(trained.model)
    before = model.predict_matrix()
    known = np.nonzero(train[6])[0]
    new = model.fold_in("users", [(known, matrix.values[6, known]), (np.zeros(0, int), np.zeros(0))])
    after = model.predict_matrix()
    assert new.tolist() == [matrix.n_users, matrix.n_users + 1]
    np.testing.assert_allclose(after[:-2], before, atol=1e-5)
    err = np.sqrt(np.mean((after[-2, known] - matrix.values[6, known]) ** 2))
    assert err < 0.6 * np.sqrt(np.mean((matrix.values[6, known] - matrix.values[train].mean()) ** 2))
    assert len(model.net.user_alpha) == matrix.n_users + 2
    # An item folded in from its raters: also close to its ratings.
    raters = np.nonzero(train[:, 4])[0]
    model.fold_in("items", [(raters, matrix.values[raters, 4])])
    err = np.sqrt(np.mean((model.predict_matrix()[raters, -1] - matrix.values[raters, 4]) ** 2))
    assert err < 0.6 * np.sqrt(np.mean((matrix.values[raters, 4] - matrix.values[train].mean()) ** 2))


# -- blend-bpmf: count-aware stacking ---------------------------------------------------------------

FAST_PARTS = dict(bpmf=QUICK, autorec=dict(dim=24, epochs=4, reg=2.0), uautorec=dict(dim=12, epochs=3, reg=2.0))


def fast(name):
    params = model_class(name).Params()
    return params.replace(**{part: getattr(params, part).replace(**kw) for part, kw in FAST_PARTS.items()})


@pytest.fixture(scope="module")
def blended(problem):
    matrix, train, _ = problem
    return fit(matrix, create("blend-bpmf-learned", fast("blend-bpmf-learned")), train_mask=train)


def test_registered_and_what_auto_trains_on_movielens_shapes():
    assert {"bpmf", "blend-bpmf", "blend-bpmf-learned"} <= set(model_names())
    assert catalog.LARGE_DATA_MODEL == "blend-bpmf" and catalog.LEARNED_BLEND_MODEL == "blend-bpmf-learned"
    assert model_class("blend-bpmf").Params().learn == 0.0 and model_class("blend-bpmf-learned").Params().learn == 0.1
    assert len(BAYES_MIX) == 4 and all(len(row) == COUNT_FEATURES for row in BAYES_MIX)


def test_the_weights_depend_on_the_counts_and_every_path_predicts_the_same(problem, blended):
    matrix, train, test = problem
    model = blended.model
    assert blended.warning is None
    coef = model.net["mix"].coef.numpy()
    assert not np.allclose(coef, np.array(BAYES_MIX), atol=1e-3)  # learned on this file's held-out share
    # The users' and items' counts are those the parts trained on (90 % of the training ratings).
    assert int(model.net["mix"].user_count.sum()) == int(round(0.9 * train.sum()))
    full = model.predict_matrix()
    rows, cols = np.divmod(np.arange(full.size), full.shape[1])
    cells = model.predict_cells(rows[::3], cols[::3])
    np.testing.assert_allclose(cells, full.ravel()[::3], atol=1e-5)
    # One cell by hand: the count features, each part's weight, the offset.
    u, i = 7, 5
    f = np.array([1.0, np.log1p(model.net["mix"].user_count[u].item()), np.log1p(model.net["mix"].item_count[i].item()),
                  (1 + model.net["mix"].user_count[u].item()) ** -0.5, (1 + model.net["mix"].item_count[i].item()) ** -0.5])
    parts = [part.predict_matrix()[u, i] for part in model.parts]
    w = coef @ f
    assert full[u, i] == pytest.approx(np.clip(w[-1] + w[:3] @ parts, *model.scale), abs=1e-5)
    assert rmse(model, matrix, test) < 0.5 * mean_rmse(matrix, train, test)


def test_the_fixed_weights_are_ml_100ks_and_a_model_file_keeps_learned_ones(problem, blended):
    matrix, train, _ = problem
    fixed = fit(matrix, create("blend-bpmf", fast("blend-bpmf")), train_mask=train)
    np.testing.assert_allclose(fixed.model.net["mix"].coef.numpy(), np.array(BAYES_MIX))
    assert [span.name for span in fixed.phases] == [
        "Bayesian MF (Gibbs sampling)", "I-AutoRec (large data)", "U-AutoRec (large data)"]
    loaded = loads_model(model_bytes(blended, matrix))
    np.testing.assert_array_equal(loaded.model.net["mix"].coef.numpy(), blended.model.net["mix"].coef.numpy())
    np.testing.assert_allclose(loaded.model.predict_matrix(), blended.model.predict_matrix(), atol=1e-6)


def test_fold_in_through_the_blend_counts_the_newcomers_ratings(problem, blended):
    matrix, train, _ = problem
    model = copy.deepcopy(blended.model)
    before = model.predict_matrix()
    known = np.nonzero(train[5])[0]
    model.fold_in("users", [(known, matrix.values[5, known])])
    after = model.predict_matrix()
    assert model.net["mix"].user_count[-1].item() == len(known)
    np.testing.assert_allclose(after[:-1], before, atol=1e-5)
    err = np.sqrt(np.mean((after[-1, known] - matrix.values[5, known]) ** 2))
    assert err < np.sqrt(np.mean((matrix.values[5, known] - matrix.values[train].mean()) ** 2))


def test_explain_gives_the_terms_and_the_posterior_spread(problem, trained):
    """The terms add up to the prediction; the kept samples' spread is wider where the model knows less."""
    matrix, train, _ = problem
    model = trained.model
    full = model.predict_matrix()
    info = model.explain(3, 4)
    assert info["samples"] == 25 and info["low"] <= info["score"] <= info["high"] and info["sd"] > 0
    assert info["mean"] + info["b_u"] + info["b_i"] + info["dot"] == pytest.approx(full[3, 4], abs=1e-5)
    assert "25 posterior samples" in info["lines"][0] and "how sure" in info["lines"][1]
    # A user with two training ratings: her cells are less certain than those of the most active user.
    sparse = train.copy()
    sparse[9, np.nonzero(train[9])[0][2:]] = False
    model = fit(matrix, create("bpmf", **QUICK), train_mask=sparse).model
    busiest = int(np.argmax(sparse.sum(axis=1)))
    sd = lambda u: np.mean([model.explain(u, i)["sd"] for i in range(matrix.n_items)])  # noqa: E731
    assert sd(9) > 1.2 * sd(busiest)


def test_the_blend_explains_a_cell_by_its_parts_and_their_weights(problem, blended):
    from solorec_gui.core.analysis import explain_cell

    matrix, _, _ = problem
    model = blended.model
    info = model.explain(2, 7)
    parts = [part.predict_matrix()[2, 7] for part in model.parts]
    assert info["parts"] == pytest.approx(parts, abs=1e-5)
    assert info["offset"] + np.dot(info["weights"], parts) == pytest.approx(model.predict_matrix()[2, 7], abs=1e-4)
    text = explain_cell(blended, matrix, 2, 7)["text"]
    assert "U-AutoRec (large data)" in text and "posterior samples" in text
