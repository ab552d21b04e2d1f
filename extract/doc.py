"""A tokenised article with sentences, shared by the recognisers (places, dates, actors)."""

from __future__ import annotations

import bisect
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from ..core.textnorm import Token, is_arabic, split_sentences, tokenize_columns
from ..geodata.lexicon import PhraseTable


@dataclass(slots=True)
class Doc:
    text: str
    language: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    tok_sent: list[int]
    #: tokens inside an outlet name, an actor's name or a stop phrase: not place mentions
    masked: list[bool] = field(default_factory=list)
    #: tokens of the dateline ("TRIPOLI (Reuters) -"): the mask of ``DocContext.dateline``, for the
    #: stages that read only the document (the date stage reads the dateline's date inside it)
    dateline: list[bool] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _forms: list[tuple[str, ...]] = field(default_factory=list)
    _tok_starts: list[int] = field(default_factory=list)
    #: per token: one past the last token of its sentence
    _sent_end: list[int] = field(default_factory=list)
    _max_span: int = 64
    #: per token: its normalised form (``tokens[k].norm``), for building phrase keys by slicing
    _norms: list[str] = field(default_factory=list)
    #: a token's forms -> the tokens having them (built on first use: :meth:`groups`)
    _groups: dict[tuple[str, ...], list[int]] | None = None
    #: normalised form -> the tokens having it (built on first use by :meth:`starts`)
    _where: dict[str, list[int]] | None = None
    #: id(keys) -> (keys, their tokens in order, the same as a set): see :meth:`starts`
    _starts: dict[int, tuple[Container[str], list[int], frozenset[int]]] = field(default_factory=dict)
    #: the article is in Arabic (set from ``language``)
    arabic: bool = field(init=False, default=False)

    @classmethod
    def from_text(cls, text: str, language: str | None = None) -> Doc:
        tokens, tok_starts, norms, forms = tokenize_columns(text)
        sentences = split_sentences(text)
        starts = [s for s, _ in sentences]
        if not language:
            language = guess_language(text)
        n = len(tokens)
        # a sentence's tokens start at or after its start and before the next one's (tokens before
        # the first sentence belong to it): one bisection per sentence, not per token
        edges = [0, *(bisect.bisect_left(tok_starts, a) for a in starts[1:]), n]
        tok_sent: list[int] = []
        sent_end: list[int] = []  # per token: one past the last token of its sentence
        for s in range(len(edges) - 1):
            size = edges[s + 1] - edges[s]
            if size:
                tok_sent += [s] * size
                sent_end += [edges[s + 1]] * size
        return cls(text, language, tokens, sentences, tok_sent, [False] * n, [False] * n, starts, forms, tok_starts,
                   sent_end, _norms=norms)

    def __post_init__(self) -> None:
        self.arabic = self.language == "ar"

    def sentence_span(self, tok: int) -> tuple[int, int]:
        return self.sentences[self.tok_sent[tok]] if self.sentences else (0, len(self.text))

    def sentence_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def first_token_from(self, char: int) -> int | None:
        """The first token that starts at or after character ``char`` (None past the last one)."""
        k = bisect.bisect_left(self._tok_starts, char)
        return k if k < len(self.tokens) else None

    def tokens_before(self, char: int, start: int = 0) -> int:
        """One past the last token (from ``start`` on) that ends at or before character ``char``."""
        k = start
        toks = self.tokens
        while k < len(toks) and toks[k].end <= char:
            k += 1
        return k

    def surface(self, i: int, j: int) -> str:
        """Original text of tokens i..j-1 (inclusive of the punctuation between them)."""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def gap(self, i: int, j: int) -> str:
        """The original characters between token i-1's end and token j's start."""
        a = self.tokens[i - 1].end if i > 0 else 0
        b = self.tokens[j].start if j < len(self.tokens) else len(self.text)
        return self.text[a:b]

    def gap_has(self, k: int, chars: str) -> bool:
        """Whether :meth:`gap` (k, k), the characters right before token k, holds one of ``chars``
        (single characters) — the gap is read once, not sliced again for each character asked about."""
        toks = self.tokens
        a = toks[k - 1].end if k > 0 else 0
        b = toks[k].start if k < len(toks) else len(self.text)
        if b - a == 1:
            return self.text[a] in chars  # the common case: one space
        return any(ch in chars for ch in self.text[a:b])

    def forms(self, i: int) -> tuple[str, ...]:
        """The token's normalised form followed by its clitic-stripped forms."""
        return self._forms[i]

    def starts(self, keys: Container[str]) -> list[int]:
        """The tokens, in order, with a form (as written or a proclitic removed) in ``keys`` —
        for a PhraseTable's ``first``, every token where one of its phrases can start.

        Computed once per document and ``keys`` from the document's distinct forms, so a stage
        walks only these tokens instead of testing every token against every table. ``keys`` is
        remembered by identity: pass a long-lived table (a vocab table, a set built in a stage's
        ``__init__``), not one made per call.
        """
        return self._start_entry(keys)[1]

    def start_set(self, keys: Container[str]) -> frozenset[int]:
        """:meth:`starts` as a set (is token k one of them?)."""
        return self._start_entry(keys)[2]

    def groups(self) -> dict[tuple[str, ...], list[int]]:
        """The document's distinct words: a token's forms (:meth:`forms`; the first is its
        normalised form) -> the tokens, in order, that have them. Built once per document, so a
        test on words runs once per distinct word, not per token. Read only."""
        got = self._groups
        if got is None:
            got = self._groups = {}
            for k, forms in enumerate(self._forms):
                at = got.get(forms)
                if at is None:
                    got[forms] = [k]
                else:
                    at.append(k)
        return got

    def _start_entry(self, keys: Container[str]) -> tuple[Container[str], list[int], frozenset[int]]:
        got = self._starts.get(id(keys))
        if got is not None and got[0] is keys:
            return got
        where = self._where
        if where is None:
            where = self._where = {}
            for forms, at in self.groups().items():
                for f in forms:
                    had = where.get(f)
                    # (a form shared by different words: "طرابلس" and the ب-less form of "بطرابلس")
                    where[f] = at if had is None else sorted(had + at)
        if isinstance(keys, (set, frozenset)):
            # walk the smaller side: most tables are a few dozen words, a document has hundreds of forms
            common: Iterable[str] = [f for f in keys if f in where] if len(keys) < len(where) else keys.intersection(where)
        elif isinstance(keys, dict):
            common = where.keys() & keys.keys()
        else:
            common = [f for f in where if f in keys]
        hits = [where[f] for f in common]
        if not hits:
            order: list[int] = []
        elif len(hits) == 1:
            order = hits[0]
        else:
            order = sorted({k for at in hits for k in at})
        got = (keys, order, frozenset(order))
        self._starts[id(keys)] = got
        return got

    def match(self, phrases: dict, first: dict[str, int], i: int, *, skip_masked: bool = False) -> tuple[int, str, int] | None:
        """Longest key of ``phrases`` starting at token i: (end token, key, form index) or None.

        ``first`` maps a first token to the longest phrase it starts, so most tokens are rejected
        with one dictionary lookup. Form index 0: the token as written; >0: a proclitic removed.
        Phrases do not run across a sentence end.
        """
        if i >= len(self._forms):
            return None
        forms = self._forms[i]
        if len(forms) == 1 and forms[0] not in first:
            return None  # the common case: one form, and no phrase starts with it
        norms = self._norms
        prefixes: frozenset[str] | None = None
        best = None
        shortest = 1  # a later form must match more tokens than the best so far
        limit = -1  # the most tokens a phrase at i may span (same sentence, unmasked): found lazily
        for f, head in enumerate(forms):
            longest = first.get(head, 0)
            if not longest:
                continue
            if limit < 0:
                limit = self._sent_end[i] - i
                if skip_masked:
                    masked = self.masked
                    for k in range(i, i + min(limit, self._max_span)):
                        if masked[k]:
                            limit = k - i
                            break
            # grow the phrase a word at a time while it begins a longer key; keep the longest key
            cap = min(longest, limit)
            if cap < 1:
                continue
            key, size, found, hit = head, 1, 0, ""
            if key in phrases:
                found, hit = 1, key
            if cap > 1:
                if prefixes is None:
                    prefixes = phrase_prefixes(phrases)
                while size < cap and key in prefixes:
                    key = key + " " + norms[i + size]
                    size += 1
                    if key in phrases:
                        found, hit = size, key
            if found >= shortest:
                best = (i + found, hit, f)
                shortest = found + 1
        return best

    def match_phrases(self, table: PhraseTable, i: int, max_tokens: int = 0) -> tuple[int, str, int] | None:
        """Longest phrase of a PhraseTable starting at token i (see :meth:`match`)."""
        first = table.first
        if i < len(self._forms):
            forms = self._forms[i]
            if len(forms) == 1 and forms[0] not in first:
                return None  # :meth:`match`'s common case, without its call
        return self.match(table.phrases, first, i)


#: id(phrases) -> (phrases, the keys' proper word prefixes): see :func:`phrase_prefixes`
_PREFIXES: dict[int, tuple[dict, frozenset[str]]] = {}


def phrase_prefixes(phrases: dict) -> frozenset[str]:
    """Every proper word prefix of a key of ``phrases`` ("قصر بن" of "قصر بن غشير"): where a
    match may grow by one more word. Built once per table (tables live as long as the index) and
    remembered by identity, like :meth:`Doc.starts`."""
    got = _PREFIXES.get(id(phrases))
    if got is not None and got[0] is phrases:
        return got[1]
    out: set[str] = set()
    for key in phrases:
        at = key.find(" ")
        while at >= 0:
            out.add(key[:at])
            at = key.find(" ", at + 1)
    prefixes = frozenset(out)
    _PREFIXES[id(phrases)] = (phrases, prefixes)
    return prefixes


def guess_language(text: str) -> str:
    """'ar' when Arabic letters dominate, else 'en' (the two languages the extractor reads)."""
    sample = text[:4000]
    ar = sum(1 for c in sample if "\u0600" <= c <= "\u06ff")
    lat = sum(1 for c in sample if c.isascii() and c.isalpha())
    return "ar" if ar >= lat else "en"


def detect_language(text: str) -> str | None:
    """'ar', 'en', or None when the text is in neither (too few letters of either script).

    English is told apart from other Latin-script languages by its commonest words.
    """
    sample = text[:6000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 20:
        return None
    ar = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if ar / len(letters) > 0.5:
        return "ar"
    lat = sum(1 for c in letters if c.isascii())
    if lat / len(letters) < 0.6:
        return None
    words = [w.lower() for w in sample.split()]
    if not words:
        return None
    common = {"the", "of", "and", "in", "to", "a", "said", "on", "for", "was", "is", "by", "with", "that", "from"}
    share = sum(1 for w in words if w.strip(".,;:\"'()") in common) / len(words)
    return "en" if share >= 0.06 else None


__all__ = ["Doc", "detect_language", "guess_language", "is_arabic"]
