"""Every row of the event coverage tables (benchmarks/event_coverage/*.tsv) is valid: known
columns, ar/en, half a/b, an ACLED sub-event type or 'none', a non-empty place and text; and a
malformed row is refused with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import load_benchmark

COV = load_benchmark("event_coverage")
TABLES = sorted(COV.TABLES.glob("*.tsv"))


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_every_row_of_a_coverage_table_is_valid(path: Path) -> None:
    rows = COV.read_table(path)
    assert rows, f"{path.name} has no rows"
    assert {r["lang"] for r in rows} == {"ar", "en"}, "each table has Arabic and English rows"
    assert {r["half"] for r in rows} == {"a", "b"}, "each table has a tuning and a check half"


@pytest.mark.parametrize("line, problem", [
    pytest.param("fr\ta\tArmed clash\tSabha\tDes combats ont eu lieu.", "lang must be ar/en", id="language"),
    pytest.param("en\tc\tArmed clash\tSabha\tFighting broke out.", "half a/b", id="half"),
    pytest.param("en\ta\tSkirmish\tSabha\tFighting broke out.", "not an ACLED sub-event type", id="sub-event"),
    pytest.param("ar\tb\tnone\t\tهدد الوزير بالتدخل.", "empty text or place", id="no place"),
])
def test_a_malformed_row_is_refused_with_its_line(tmp_path: Path, line: str, problem: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text("lang\thalf\texpect\tplace\ttext\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as err:
        COV.read_table(p)
    assert "bad.tsv:2" in str(err.value)
