"""A tokenised article with sentences, shared by the recognisers (places, dates, actors)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..core.textnorm import Token, clitic_variants, is_arabic, split_sentences, tokenize


@dataclass(slots=True)
class Doc:
    text: str
    language: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    tok_sent: list[int]
    #: tokens inside an outlet name, an actor's name or a stop phrase: not place mentions
    masked: list[bool] = field(default_factory=list)
    #: tokens of a dateline ("TRIPOLI (Reuters) -", "سبها، ليبيا، 12 يناير 2014 –")
    dateline: list[bool] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _forms: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, language: str | None = None) -> Doc:
        tokens = tokenize(text)
        sentences = split_sentences(text)
        starts = [s for s, _ in sentences]
        tok_sent = [max(0, bisect.bisect_right(starts, t.start) - 1) for t in tokens]
        if not language:
            language = guess_language(text)
        n = len(tokens)
        forms = [(t.norm, *clitic_variants(t.norm)) if t.arabic else (t.norm,) for t in tokens]
        return cls(text, language, tokens, sentences, tok_sent, [False] * n, [False] * n, starts, forms)

    @property
    def arabic(self) -> bool:
        return self.language == "ar"

    def sentence_span(self, tok: int) -> tuple[int, int]:
        return self.sentences[self.tok_sent[tok]] if self.sentences else (0, len(self.text))

    def sentence_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def surface(self, i: int, j: int) -> str:
        """Original text of tokens i..j-1 (inclusive of the punctuation between them)."""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def gap(self, i: int, j: int) -> str:
        """The original characters between token i-1's end and token j's start."""
        a = self.tokens[i - 1].end if i > 0 else 0
        b = self.tokens[j].start if j < len(self.tokens) else len(self.text)
        return self.text[a:b]

    def forms(self, i: int) -> tuple[str, ...]:
        """The token's normalised form followed by its clitic-stripped forms."""
        return self._forms[i]

    def match(self, phrases: dict, first: dict[str, int], i: int, *, skip_masked: bool = False) -> tuple[int, str, int] | None:
        """Longest key of ``phrases`` starting at token i: (end token, key, form index) or None.

        ``first`` maps a first token to the longest phrase it starts, so most tokens are rejected
        with one dictionary lookup. Form index 0: the token as written; >0: a proclitic removed.
        Phrases do not run across a sentence end.
        """
        toks = self.tokens
        n = len(toks)
        if i >= n:
            return None
        best = None
        for f, head in enumerate(self._forms[i]):
            longest = first.get(head, 0)
            if not longest:
                continue
            sent = self.tok_sent[i]
            for L in range(min(longest, n - i), 0, -1):
                if best is not None and i + L <= best[0]:
                    break
                if self.tok_sent[i + L - 1] != sent:
                    continue
                if skip_masked and any(self.masked[k] for k in range(i, i + L)):
                    continue
                key = head if L == 1 else head + " " + " ".join(toks[k].norm for k in range(i + 1, i + L))
                if key in phrases:
                    best = (i + L, key, f)
                    break
        return best

    def match_phrases(self, table: object, i: int, max_tokens: int = 0) -> tuple[int, str, int] | None:
        """Longest phrase of a PhraseTable starting at token i (see :meth:`match`)."""
        return self.match(table.phrases, table.first, i)  # type: ignore[attr-defined]


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
