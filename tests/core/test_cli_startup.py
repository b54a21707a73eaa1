"""The CLI starts from anywhere and does no work it does not need.

* A wheel built from the checkout carries solo.csv and the icons inside the package;
  unpacked outside the checkout (and without the editable install in sight), paths.py
  finds them and the CLI completes solo.csv.
* ``complete solo.csv`` imports neither pandas nor torch._dynamo (the first
  ``torch.optim.Adam`` would import it: ~1 s); ``bench/cli_startup.py`` times it against a
  bare ``import torch``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # With the venv's setuptools when it is recent enough (fast, offline), else in pip's isolated build env.
    for isolation in (["--no-build-isolation"], []):
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", *isolation, "-q", "-w", str(out)],
            check=False, capture_output=True, text=True, timeout=600,
        )
        if proc.returncode == 0:
            return next(out.glob("solorec-*.whl"))
    pytest.skip(f"cannot build a wheel here: {proc.stderr.strip()[-300:]}")


def test_wheel_carries_the_resources_as_files(wheel):
    """Every file under resources/ (the dataset, the icons, the lecture's texts ...), byte for byte:
    a new kind of resource needs its pattern in [tool.setuptools.package-data]."""
    files = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert {"solo.csv", "solorec.png", "solorec.svg"} <= {p.name for p in files}
    with zipfile.ZipFile(wheel) as z:
        for path in files:
            name = path.relative_to(ROOT / "resources").as_posix()
            assert z.read(f"solorec_gui/resources/{name}") == path.read_bytes(), name


def test_unpacked_wheel_outside_the_checkout_finds_and_opens_solo_csv(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # -S: no site-packages processing, so the checkout's editable install cannot answer the import;
    # the venv's site-packages comes after the wheel only for numpy, torch and friends.
    code = f"""
import json, sys
sys.path[:0] = [{str(site)!r}, {sysconfig.get_paths()["purelib"]!r}]
import solorec_gui
from solorec_gui.paths import bundled_dataset, resource
from solorec_gui.core.data import read_ratings
from solorec_gui import cli
m = read_ratings(bundled_dataset())
code = cli.main(["complete", str(bundled_dataset()), "-o", "done.csv", "--epochs", "2", "-q"])
print(json.dumps({{"package": solorec_gui.__file__, "solo": str(bundled_dataset()), "icon": resource("solorec.png").is_file(),
                  "shape": list(m.shape), "code": code}}))
"""
    proc = subprocess.run([sys.executable, "-S", "-c", code], check=False, cwd=elsewhere, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[-1])
    assert got["package"].startswith(str(site)) and got["solo"].startswith(str(site))
    assert got["icon"] and got["shape"] == [9, 8] and got["code"] == 0
    assert (elsewhere / "done.csv").is_file()


def test_resources_resolve_in_one_place(monkeypatch, tmp_path):
    from solorec_gui import paths

    assert paths.bundled_dataset().read_bytes() == (ROOT / "resources" / "solo.csv").read_bytes()
    monkeypatch.setenv("SOLOREC_RESOURCES", str(tmp_path))
    assert paths.resource("solorec.png") == tmp_path / "solorec.png"


# -- no torch._dynamo, no pandas: what `complete solo.csv` imports ------------------------------


@pytest.mark.parametrize("model", ["mf", "nn"])
@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
def test_lean_adam_is_bitwise_torch_adam(model, weight_decay, solo_path):
    """core.optim.LeanAdam performs torch.optim.Adam's CPU update exactly: same weights after 200 steps."""
    import copy

    import torch

    from solorec_gui.core.data import read_ratings
    from solorec_gui.core.models import TrainSpec
    from solorec_gui.core.optim import LeanAdam
    from solorec_gui.core.runtime import TrainingData

    data = TrainingData(read_ratings(solo_path))
    torch.manual_seed(43052)
    recommender = TrainSpec(model).create()
    recommender.setup(data)
    nets = [recommender.net, copy.deepcopy(recommender.net)]
    optimizers = [torch.optim.Adam(nets[0].parameters(), lr=0.1, weight_decay=weight_decay),
                  LeanAdam(nets[1].parameters(), lr=0.1, weight_decay=weight_decay)]
    for _ in range(200):
        for net, optimizer in zip(nets, optimizers):
            recommender.net = net
            loss = torch.nn.functional.mse_loss(recommender.forward(data.users, data.items), data.y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
    for a, b in zip(nets[0].parameters(), nets[1].parameters()):
        assert torch.equal(a, b)


def test_adam_falls_back_to_torch_where_it_must():
    import torch

    from solorec_gui.core.optim import LeanAdam, adam

    w = torch.nn.Parameter(torch.zeros(3))
    assert isinstance(adam([w], lr=0.1), LeanAdam)
    assert isinstance(adam([w], lr=0.1, lr_decay=0.9), torch.optim.Adam)  # a scheduler needs a real Optimizer


def test_complete_solo_csv_imports_neither_dynamo_nor_pandas(solo_path, tmp_path):
    code = (
        "import sys\nfrom solorec_gui import cli\n"
        f"assert cli.main(['complete', {str(solo_path)!r}, '-o', {str(tmp_path / 'out.csv')!r}, '-q']) == 0\n"
        "print(sorted(m for m in ('torch', 'torch._dynamo', 'pandas', 'openpyxl', 'python_calamine') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[-2] == "['torch']"  # (tqdm comes with torch: torch.hub imports it)
