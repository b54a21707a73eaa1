"""Adam without ``torch.optim``'s start-up cost: torch.optim.Adam's own arithmetic, on the CPU.

Why this exists: the first ``torch.optim`` optimizer a process builds imports
``torch._dynamo``, the compiler, which costs about as much as ``import torch``
itself (1 to 2 s here). It cannot be avoided by how the optimizer is built:
``Optimizer.add_param_group`` (called by every constructor) and ``zero_grad``
are wrapped in ``torch._disable_dynamo``, which imports ``torch._dynamo`` on
their first call, and ``step`` is wrapped in ``_use_grad_for_differentiable``,
which imports it on every call; ``foreach=``, ``fused=``, ``capturable=`` and
``differentiable=`` only choose what runs inside those wrappers. Even
``torch.optim.SGD`` pays it. A CLI run on solo.csv (63 ratings, 100 tiny
epochs) would spend more time importing the compiler than training.

:class:`LeanAdam` performs the update of ``torch.optim.Adam``'s single-tensor
path, the one torch takes for CPU tensors (foreach kernels are off on the CPU),
with the same tensor operations in the same order and the same float32 step
counter, so the weights are bitwise identical to torch.optim.Adam's
(``tests/core/test_cli_startup.py`` compares them for MF and NN, with and
without weight decay). :func:`adam` returns it for CPU parameters and
``torch.optim.Adam`` otherwise (CUDA, where torch uses foreach kernels, and
when a learning-rate scheduler needs a real ``torch.optim.Optimizer``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import torch


def adam(params: Iterable[torch.Tensor], *, lr: float, weight_decay: float = 0.0, lr_decay: float = 1.0) -> Any:
    """``torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)``, as :class:`LeanAdam` where it is the same.

    ``lr_decay`` != 1 means a ``torch.optim.lr_scheduler`` will drive the optimizer: it
    accepts only ``torch.optim.Optimizer`` instances, so torch's own Adam is returned.
    """
    params = list(params)
    if lr_decay == 1.0 and all(p.device.type == "cpu" and not p.is_sparse for p in params):
        return LeanAdam(params, lr=lr, weight_decay=weight_decay)
    return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)


class LeanAdam:
    """``torch.optim.Adam`` (amsgrad, maximize and the other options off) for CPU tensors; see the module docstring.

    The interface the training loop uses: ``param_groups`` (``lr`` may be changed
    between steps), ``zero_grad(set_to_none=True)``, ``step()``, ``state``.
    """

    def __init__(
        self,
        params: Iterable[torch.Tensor],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        params = list(params)
        if not params:
            raise ValueError("optimizer got an empty parameter list")
        self.param_groups: list[dict[str, Any]] = [
            {"params": params, "lr": float(lr), "betas": (float(betas[0]), float(betas[1])), "eps": float(eps),
             "weight_decay": float(weight_decay)}
        ]
        self.state: dict[torch.Tensor, dict[str, torch.Tensor]] = {}

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    if p.grad.grad_fn is not None:
                        p.grad.detach_()
                    else:
                        p.grad.requires_grad_(False)
                    p.grad.zero_()

    def step(self) -> None:
        """One update of every parameter that has a gradient (torch's ``_single_tensor_adam``)."""
        with torch.no_grad():
            for group in self.param_groups:
                beta1, beta2 = group["betas"]
                lr, eps, weight_decay = group["lr"], group["eps"], group["weight_decay"]
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    grad = param.grad
                    if grad.is_sparse:
                        raise RuntimeError("Adam does not support sparse gradients, please consider SparseAdam instead")
                    state = self.state.get(param)
                    if state is None:
                        scalar = torch.float64 if torch.get_default_dtype() == torch.float64 else torch.float32
                        state = self.state[param] = {
                            "step": torch.tensor(0.0, dtype=scalar),
                            "exp_avg": torch.zeros_like(param, memory_format=torch.preserve_format),
                            "exp_avg_sq": torch.zeros_like(param, memory_format=torch.preserve_format),
                        }
                    step_t, exp_avg, exp_avg_sq = state["step"], state["exp_avg"], state["exp_avg_sq"]
                    step_t += 1
                    if weight_decay != 0:
                        grad = grad.add(param, alpha=weight_decay)
                    exp_avg.lerp_(grad, 1 - beta1)
                    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                    step = step_t.item()
                    bias_correction1 = 1 - beta1**step
                    bias_correction2 = 1 - beta2**step
                    step_size = lr / bias_correction1
                    bias_correction2_sqrt = bias_correction2**0.5
                    denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
                    param.addcdiv_(exp_avg, denom, value=-step_size)



def embedding_adam(params: Iterable[torch.Tensor], *, lr: float) -> torch.optim.Optimizer:
    """Adam for big embedding tables trained from sparse gradients (``nn.Embedding(sparse=True)``).

    Measured on one thread with MovieLens-25M's shape (162,541 + 59,047 rows of dim 64,
    mini-batches of 65,536 ratings; ``bench/scale.py`` has the figures of a run):
    autograd's dense embedding backward costs ~60 ms a step, the sparse backward ~9 ms;
    ``torch.optim.SparseAdam`` then coalesces (~80 ms a step) and a row-wise "lazy" Adam
    spends ~45 ms gathering and scattering moments of random rows; scattering the sparse
    gradient into a dense one (``index_add_``) and taking torch's fused CPU Adam over the
    whole table costs ~25 ms. The result is the ordinary Adam of the dense model.
    """
    return _ScatterAdam(list(params), lr=lr)


class _ScatterAdam(torch.optim.Adam):
    """``torch.optim.Adam(fused=True)`` that first turns sparse gradients into dense ones by ``index_add_``."""

    def __init__(self, params: list[torch.Tensor], lr: float) -> None:
        fused = all(p.device.type in ("cpu", "cuda") for p in params)
        super().__init__(params, lr=lr, fused=fused)

    def step(self, closure=None):  # type: ignore[override]
        for group in self.param_groups:
            for p in group["params"]:
                g = p.grad
                if g is not None and g.is_sparse:
                    dense = torch.zeros_like(p)
                    dense.index_add_(0, g._indices()[0], g._values())
                    p.grad = dense
        return super().step(closure)
