"""Sparse rating matrices (issue 14, scale): the same answers as the dense matrix, without the grid."""

from __future__ import annotations

import numpy as np
import pytest

from solorec_gui.core.data import RatingMatrix, SparseRatingMatrix, from_cells
from solorec_gui.core.errors import InputError
from solorec_gui.core.eval import evaluate, holdout_split, kfold_splits
from solorec_gui.core.eval import align_cells as _align
from solorec_gui.core.eval.splits import positions
from solorec_gui.core.fit import fit
from solorec_gui.core.models import TrainSpec, model_class


def twins(n_users=40, n_items=30, density=0.3, seed=0):
    """The same ratings as a dense and a sparse matrix (cells given in a shuffled order)."""
    rng = np.random.default_rng(seed)
    keep = rng.random((n_users, n_items)) < density
    rows, cols = np.nonzero(keep)
    vals = rng.integers(1, 11, len(rows)) / 2.0
    order = rng.permutation(len(rows))
    users = [f"u{k}" for k in range(n_users)]
    items = [f"i{k}" for k in range(n_items)]
    dense = from_cells(users, items, rows[order], cols[order], vals[order], (0.5, 5.0), dense=True)
    sparse = from_cells(users, items, rows[order], cols[order], vals[order], (0.5, 5.0), dense=False)
    return dense, sparse


def test_sparse_matrix_answers_like_the_dense_one():
    dense, sparse = twins()
    assert isinstance(sparse, SparseRatingMatrix) and type(dense) is RatingMatrix
    assert sparse.shape == dense.shape and sparse.n_known == dense.n_known
    for a, b in zip(sparse.known_cells(), dense.known_cells()):
        np.testing.assert_array_equal(a, b)  # the same row-major order: the lecture's order
    np.testing.assert_array_equal(sparse.block(3, 17, 5, 29), dense.block(3, 17, 5, 29))
    np.testing.assert_array_equal(sparse.block(-5, 100, 0, 100), dense.values)  # clipped to the grid
    for u, i in [(0, 0), (3, 7), (39, 29), (12, 4)]:
        assert sparse.cell(u, i) == dense.cell(u, i) or (np.isnan(sparse.cell(u, i)) and np.isnan(dense.cell(u, i)))
    for a, b in zip(sparse.counts(), dense.counts()):
        np.testing.assert_array_equal(a, b)
    cols, vals = sparse.row(5)
    np.testing.assert_array_equal(cols, np.flatnonzero(dense.known_mask[5]))
    np.testing.assert_array_equal(vals, dense.values[5][dense.known_mask[5]])


def test_the_grid_of_a_sparse_matrix_is_refused_with_its_size():
    _, sparse = twins()
    for attr in ("values", "known_mask"):
        with pytest.raises(InputError, match=r"40 users × 30 items = 1,200 cells"):
            getattr(sparse, attr)
    assert "1,200" not in repr(sparse) and "40 users" in repr(sparse)  # repr never builds the grid


def test_splits_pick_the_same_cells_on_both_kinds():
    dense, sparse = twins()
    d_train, d_test = holdout_split(dense, 0.2, 7)
    s_train, s_test = holdout_split(sparse, 0.2, 7)
    assert s_train.dtype.kind == "i" and d_train.dtype == bool
    np.testing.assert_array_equal(positions(sparse, s_test), positions(dense, d_test))
    np.testing.assert_array_equal(positions(sparse, s_train), positions(dense, d_train))
    for (dt, dv), (st, sv) in zip(kfold_splits(dense, 4, 3), kfold_splits(sparse, 4, 3)):
        np.testing.assert_array_equal(positions(sparse, sv), positions(dense, dv))
        np.testing.assert_array_equal(positions(sparse, st), positions(dense, dt))
    # an inner split restricted to a training part stays inside it
    inner_train, inner_valid = holdout_split(sparse, 0.1, 1, within=s_train)
    assert set(inner_valid) <= set(s_train) and not set(inner_valid) & set(inner_train)


def test_fit_and_evaluate_give_the_same_numbers_on_both_kinds():
    dense, sparse = twins(seed=2)
    spec = TrainSpec("mf-large", model_class("mf-large").Params().replace(epochs=3, dim=4, batch_size=64))
    a = evaluate(dense, spec, folds=3, seed=5)
    b = evaluate(sparse, spec, folds=3, seed=5)
    assert a.rmse == pytest.approx(b.rmse, abs=1e-6) and a.n_test == b.n_test
    assert b.test_predictions is None and a.test_predictions is not None  # no grid for a sparse matrix


def test_predict_matrix_refuses_above_the_grid_limit(monkeypatch):
    from solorec_gui.core.data import matrix

    _, sparse = twins()
    result = fit(sparse, TrainSpec("mf-large", model_class("mf-large").Params().replace(epochs=1, dim=2)))
    monkeypatch.setattr(matrix, "MAX_CELLS", 100)
    with pytest.raises(InputError, match="top-N recommendations or the predictions for chosen users"):
        result.predict_matrix()
    block = result.model.predict_rows([0, 5], [1, 2, 3])
    np.testing.assert_allclose(block, result.model.predict_cells([0, 0, 0, 5, 5, 5], [1, 2, 3, 1, 2, 3]).reshape(2, 3))


def test_a_test_file_is_aligned_as_cells_and_overlap_is_refused():
    dense, sparse = twins(seed=4)
    train_pos, test_pos = holdout_split(sparse, 0.2, 1)
    train, test = sparse.masked(train_pos), sparse.masked(test_pos)
    grid, (rows, cols, vals) = _align(train, test)
    assert not grid.is_dense and grid.n_known == len(train_pos)
    r, c, v = sparse.known_cells(test_pos)
    np.testing.assert_array_equal(rows, r)
    np.testing.assert_array_equal(cols, c)
    np.testing.assert_array_equal(vals, v)
    with pytest.raises(InputError, match="in both the training and the test file"):
        _align(sparse, test)


def test_new_test_users_are_added_in_numeric_order():
    train = from_cells(["1", "3"], ["10"], [0, 1], [0, 0], [4.0, 2.0], dense=False)
    test = from_cells(["2"], ["10", "11"], [0, 0], [0, 1], [3.0, 5.0], dense=False)
    grid, (rows, cols, vals) = _align(train, test)
    assert grid.users == ["1", "2", "3"] and grid.items == ["10", "11"]
    assert grid.cell(2, 0) == 2.0 and np.isnan(grid.cell(1, 0))
    assert list(zip(rows, cols, vals)) == [(1, 0, 3.0), (1, 1, 5.0)]


def test_sparse_gradients_into_fused_adam_train_the_same_model_as_adam():
    """mf-large's large-data optimizer (embedding_adam) is Adam: same weights as torch.optim.Adam on dense
    gradients, to float32 rounding."""
    dense, _ = twins(seed=3)
    params = model_class("mf-large").Params().replace(epochs=3, dim=8, batch_size=50)
    a = fit(dense, TrainSpec("mf-large", params))
    b = fit(dense, TrainSpec("mf-large", params.replace(sparse=True)))
    for (name, wa), wb in zip(a.model.net.state_dict().items(), b.model.net.state_dict().values()):
        np.testing.assert_allclose(wa.numpy(), wb.numpy(), atol=2e-5, err_msg=name)
    assert a.history == pytest.approx(b.history, rel=1e-4)


def test_the_large_data_recipe_starts_at_two_million_ratings():
    from solorec_gui.core.catalog import default_params

    cls = model_class("mf-large")

    class Size:
        def __init__(self, n):
            self.n_known, self.n_users, self.n_items = n, 162_541, 59_047

    small, big = default_params("mf-large", Size(1_999_999)), default_params("mf-large", Size(2_000_000))
    assert small == cls.Params() and not small.sparse
    assert big.sparse and big.lr_decay < 1 and big.batch_size > small.batch_size
    assert default_params("mf", Size(24_000_000)) == model_class("mf").Params()  # other models: their defaults


def test_a_model_with_its_own_holdout_stops_early_on_it_and_keeps_its_best_epoch():
    dense, sparse = twins(n_users=60, n_items=50, density=0.4, seed=6)
    params = model_class("mf-large").Params().replace(epochs=60, dim=16, batch_size=64, lr=0.05, reg=0.0,
                                                        valid_share=0.2)
    for m in (dense, sparse):
        result = fit(m, TrainSpec("mf-large", params))
        assert result.val_history, "the model's own held-out share is validated every epoch"
        assert len(result.history) < 60  # it overfits without L2 and stops 2 epochs after its best
        assert result.best_epoch == len(result.history) - 2
        assert min(result.val_history) == result.val_history[result.best_epoch - 1]
    # the same seed holds out the same ratings on both kinds of matrix: the same training
    a, b = (fit(m, TrainSpec("mf-large", params)) for m in (dense, sparse))
    assert a.val_history == pytest.approx(b.val_history, rel=1e-5)
    # a caller's own validation set takes precedence (evaluate --patience), the model's share is not carved
    train, valid = holdout_split(dense, 0.1, 1)
    c = fit(dense, TrainSpec("mf-large", params.replace(epochs=3)), train_mask=train, valid_mask=valid)
    assert len(c.history) == 3 and len(c.val_history) == 3


def test_mf_large_predicts_a_block_by_matrix_product_like_cell_by_cell():
    dense, _ = twins(seed=8)
    model = fit(dense, TrainSpec("mf-large", model_class("mf-large").Params().replace(epochs=2, dim=4))).model
    rows, cols = np.array([3, 0, 17]), np.array([5, 1, 29, 2])
    expected = model.predict_cells(np.repeat(rows, 4), np.tile(cols, 3)).reshape(3, 4)
    np.testing.assert_allclose(model.predict_rows(rows, cols), expected, atol=1e-6)
    np.testing.assert_allclose(model.predict_rows([3]), model.predict_matrix()[[3]], atol=1e-6)
