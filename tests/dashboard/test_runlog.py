"""The opt-in run log the many-users benchmark reads (``CONFLICTMAP_RUN_LOG``)."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path

import pytest
from conflictmap.dashboard import runlog


class Rerun(Exception):
    """Stands for Streamlit's RerunException (a run cut short by the user's next change)."""


@pytest.mark.parametrize(("raises", "outcome"), [
    pytest.param(None, "ok", id="a run that ends"),
    pytest.param(Rerun, "Rerun", id="a run cut short"),
])
def test_each_run_appends_one_record(tmp_path: Path, raises: type[Exception] | None, outcome: str) -> None:
    log = tmp_path / "runs.jsonl"
    for _ in range(2):
        with pytest.raises(Rerun) if raises else nullcontext(), \
                runlog.timed_run(str(log), lambda: {"session": "s1", "query": "from=2019-04-01"}):
            sum(range(10_000))
            if raises:
                raise raises()
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(records) == 2
    for r in records:
        assert r["outcome"] == outcome
        assert r["session"] == "s1" and r["query"] == "from=2019-04-01"
        assert r["s"] >= 0 and r["cpu"] >= 0 and r["t"] > 1.7e9


def test_off_without_a_path_and_never_breaks_the_page(tmp_path: Path) -> None:
    with runlog.timed_run(None, lambda: 1 / 0):  # type: ignore[arg-type, return-value]
        pass
    assert list(tmp_path.iterdir()) == []
    log = tmp_path / "runs.jsonl"
    with runlog.timed_run(str(log), lambda: 1 / 0):  # type: ignore[arg-type, return-value]
        pass
    assert json.loads(log.read_text())["describe_error"] == "ZeroDivisionError"
    assert runlog.log_path({}) is None
    assert runlog.log_path({runlog.ENV: str(log)}) == str(log)

