"""Bulk writes that run the same on SQLite and PostgreSQL: COPY on PostgreSQL (psycopg 3), one
executemany on SQLite; upserts and keyed deletes of many rows in one statement each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Float, Integer, Table, Text, func, literal, text
from sqlalchemy.engine import Connection

from .schema import StoreError


def text_array() -> Any:
    """PostgreSQL's ``text[]`` type, imported on first use: the postgresql dialect (and asyncio,
    which it pulls in) costs a SQLite run ~40 ms of start-up for nothing."""
    from sqlalchemy.dialects.postgresql import ARRAY

    return ARRAY(Text)


def _pg_type(column: Column[Any]) -> str:
    if isinstance(column.type, Integer):
        return "int4"
    if isinstance(column.type, Float):
        return "float8"
    return "text"


def _pg_text(v: Any) -> Any:
    """PostgreSQL text cannot hold NUL: replace it by U+FFFD (one character, so offsets hold)."""
    return v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v


def copy_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
              *, scrub: bool = False, into: str | None = None) -> None:
    """``COPY table (columns) FROM STDIN (FORMAT BINARY)`` inside the connection's transaction
    (``into``: another table with the same columns, e.g. a staging table)."""
    raw = conn.connection.driver_connection
    if raw is None or not hasattr(raw, "cursor") or not hasattr(raw, "pipeline"):
        raise StoreError("PostgreSQL bulk writes need the psycopg (3) driver: use a postgresql+psycopg:// URL")
    from psycopg.copy import QueuedLibpqWriter

    cols = ", ".join('"' + c + '"' for c in columns)
    sql = f"COPY {into or table.name} ({cols}) FROM STDIN (FORMAT BINARY)"
    # a queued writer sends from a thread: the server ingests while Python formats the next rows
    with raw.cursor() as cur, cur.copy(sql, writer=QueuedLibpqWriter(cur)) as cp:
        cp.set_types([_pg_type(table.c[c]) for c in columns])
        if scrub:
            for row in rows:
                cp.write_row([_pg_text(v) for v in row])
        else:
            for row in rows:
                cp.write_row(row)


def _stage(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """PostgreSQL: ``rows`` COPYed into an empty temporary table with ``table``'s ``columns``
    (same types and collations, no constraints), kept for the session and emptied at commit; its
    name. Strings with a NUL (which PostgreSQL refuses) are scrubbed on a second try."""
    import psycopg

    name = f"cm_stage_{table.name}_{len(columns)}"
    cols = ", ".join(f'"{c}"' for c in columns)
    conn.execute(text(f"CREATE TEMP TABLE IF NOT EXISTS {name} ON COMMIT DELETE ROWS AS "
                      f"SELECT {cols} FROM {table.name} WITH NO DATA"))
    conn.execute(text(f"DELETE FROM {name}"))  # empty unless used before in this transaction
    try:
        with conn.begin_nested():
            copy_rows(conn, table, columns, rows, into=name)
    except psycopg.DataError:
        copy_rows(conn, table, columns, rows, scrub=True, into=name)
    return name


def _quote(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def executemany(conn: Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """SQLite: one executemany of plain tuples (``?`` placeholders), without SQLAlchemy's
    per-row parameter processing, which costs more than SQLite's own work here."""
    if rows:
        conn.exec_driver_sql(sql, rows if isinstance(rows, list) else list(rows))


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Plain INSERT of many rows (COPY on PostgreSQL)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        import psycopg

        try:
            with conn.begin_nested():
                copy_rows(conn, table, columns, rows)
        except psycopg.DataError:  # a NUL in a string: scrubbed on a second try
            copy_rows(conn, table, columns, rows, scrub=True)
    else:
        executemany(conn, f"INSERT INTO {table.name} ({_quote(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [tuple(r) for r in rows])


def upsert_rows(conn: Connection, table: Table, key: Sequence[str], values: Sequence[str],
                rows: Sequence[Sequence[Any]], sets: Mapping[str, str]) -> None:
    """Insert ``rows`` (``key`` then ``values`` columns); where the key exists, set each column of
    ``sets`` to its SQL expression (``excluded.col`` is the new row, ``table.col`` the stored one)."""
    if not rows:
        return
    cols = [*key, *values]
    set_sql = ", ".join(f"{c} = {expr}" for c, expr in sets.items())
    conflict = f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {set_sql}"
    if conn.dialect.name == "postgresql":
        stage = _stage(conn, table, cols, rows)
        conn.execute(text(f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM {stage} "
                          f"{conflict}"))
        return
    executemany(conn, f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) {conflict}",
                [tuple(r) for r in rows])


def in_ids(conn: Connection, column: Any, ids: Sequence[str]) -> list[Any]:
    """Conditions "``column`` is one of ``ids``": one array parameter on PostgreSQL (a long IN list
    costs more to parse than to run), IN lists of 500 on SQLite."""
    if conn.dialect.name == "postgresql":
        return [column == func.any(literal(list(ids), type_=text_array()))]
    return [column.in_(list(ids[k:k + 500])) for k in range(0, len(ids), 500)]


def delete_keys(conn: Connection, table: Table, key: Sequence[str], keys: Sequence[Sequence[Any]],
                condition: str = "") -> None:
    """Delete the rows whose ``key`` columns equal one of ``keys`` (and meet ``condition``, SQL on
    the table's columns)."""
    if not keys:
        return
    extra = f" AND {condition}" if condition else ""
    if conn.dialect.name == "postgresql":
        stage = _stage(conn, table, key, keys)
        match = " AND ".join(f"t.{k} = s.{k}" for k in key)
        conn.execute(text(f"DELETE FROM {table.name} t USING {stage} s WHERE {match}{extra}"))
        return
    where = " AND ".join(f"{k} = ?" for k in key)
    executemany(conn, f"DELETE FROM {table.name} WHERE {where}{extra}", [tuple(k) for k in keys])
