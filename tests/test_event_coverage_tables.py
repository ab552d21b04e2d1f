"""Every row of the event coverage tables (benchmarks/event_coverage/*.tsv) is valid: known
columns, ar/en, half a/b, an ACLED sub-event type or 'none' (a toll table: killed and injured
empty or a number), a non-empty place the gazetteer knows, and text; a malformed row is refused
with its line."""

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


TOLL_ROWS = [r for p in TABLES for r in COV.read_table(p) if r["kind"] == "toll"]


def test_there_is_a_toll_table_with_numbers_and_rows_without() -> None:
    assert len(TOLL_ROWS) >= 100
    assert any(r["killed"] == "0" for r in TOLL_ROWS), "rows where the text says nobody died"
    assert any(not r["killed"] for r in TOLL_ROWS), "rows with no number to record"
    assert sum(r["lang"] == "ar" for r in TOLL_ROWS) * 3 >= len(TOLL_ROWS), "Arabic and English about equally"


@pytest.mark.parametrize("row", TOLL_ROWS, ids=[f"{r['table']}:{r['line']}" for r in TOLL_ROWS])
def test_every_toll_row_has_numbers_and_a_place_the_gazetteer_knows(index, row: dict) -> None:
    from conflictmap.core.textnorm import norm_text

    for col in ("killed", "injured"):
        assert row[col] == "" or int(row[col]) >= 0
    names = {p.name.casefold() for p, _a in index.gazetteer.lookup(norm_text(row["place"]))}
    assert row["place"].casefold() in names, f"{row['place']!r} is not a gazetteer name"


TYPE_HEAD, TOLL_HEAD = "lang\thalf\texpect\tplace\ttext", "lang\thalf\tkilled\tinjured\tplace\ttext"


@pytest.mark.parametrize("head, line, problem", [
    pytest.param(TYPE_HEAD, "fr\ta\tArmed clash\tSabha\tDes combats ont eu lieu.", "lang must be ar/en", id="language"),
    pytest.param(TYPE_HEAD, "en\tc\tArmed clash\tSabha\tFighting broke out.", "half a/b", id="half"),
    pytest.param(TYPE_HEAD, "en\ta\tSkirmish\tSabha\tFighting broke out.", "not an ACLED sub-event type", id="sub-event"),
    pytest.param(TYPE_HEAD, "ar\tb\tnone\t\tهدد الوزير بالتدخل.", "empty text or place", id="no place"),
    pytest.param(TOLL_HEAD, "en\ta\tfive\t\tGao\tFive died.", "killed 'five' is not a number", id="toll-word"),
    pytest.param(TOLL_HEAD, "ar\tb\t\t٣\tSabha\tأصيب ثلاثة.", "injured '٣' is not a number", id="toll-arabic-indic"),
    pytest.param(TOLL_HEAD, "en\ta\t-2\t\tGao\tTwo died.", "killed '-2' is not a number", id="toll-negative"),
    pytest.param(TOLL_HEAD, "en\ta\t2\tGao\tTwo died.", "columns must be", id="toll-a-column-short"),
])
def test_a_malformed_row_is_refused_with_its_line(tmp_path: Path, head: str, line: str, problem: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text(head + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as err:
        COV.read_table(p)
    assert "bad.tsv:2" in str(err.value)
