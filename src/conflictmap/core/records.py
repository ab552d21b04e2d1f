"""Records that pickle the same whether their module runs compiled (mypyc) or from source."""

from __future__ import annotations

from dataclasses import fields


def by_fields(obj: object) -> tuple[object, tuple[object, ...]]:
    """A dataclass's ``__reduce__``: one call of its class with its fields in order.

    A class compiled by mypyc pickles its state as a dict and a slotted dataclass run from source
    as slots, so a pickle made by one would not load in the other (the cached index, a Dask
    worker's events); and a compiled class with its own ``__init__`` cannot be made empty first.
    """
    return (type(obj), tuple(getattr(obj, f.name) for f in fields(obj)))  # type: ignore[arg-type]
