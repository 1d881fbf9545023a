"""The cluster path: a real Dask LocalCluster with two worker processes, same bytes as a local run."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile
from reconciler.stories import PARTITION_FROM

if os.environ.get("CI"):
    pass  # in CI the cluster path must run: dask is in the test extra
else:
    pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def generate(n: int, folder: Path, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate_d", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.generate(n, folder, seed)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(PARTITION_FROM + 10, folder, seed=4)
    return folder


@pytest.mark.parametrize("which", ["seeds", "many-stories"])
def test_cluster_gives_the_same_bytes(scheduler: str, corpus: Path, which: str, tmp_path: Path) -> None:
    paths = [SEEDS] if which == "seeds" else [corpus]
    local = to_json(reconcile(paths, Options(jobs=1)))
    remote = to_json(reconcile(paths, Options(scheduler=scheduler, cache_dir=str(tmp_path / "cache"))))
    assert remote == local
    again = to_json(reconcile(paths, Options(scheduler=scheduler, cache_dir=str(tmp_path / "cache"))))
    assert again == local


def test_unreachable_scheduler() -> None:
    from reconciler._engine.distributed import Dask, SchedulerError

    with pytest.raises(SchedulerError, match="cannot reach"):
        Dask("tcp://127.0.0.1:9", timeout="1s")
