"""Text normalisation for matching only: the original text and its offsets are never changed.

Arabic: diacritics and tatweel removed; alef forms (أ إ آ ٱ) → ا; ى → ي; ة → ه; ؤ → و; ئ → ي;
a lone hamza ء dropped; Persian/Maghrebi letters folded (ی ک گ ڤ ڨ پ چ); Arabic-Indic digits → ASCII.
Latin: case-folded, accents removed, curly apostrophes straightened, a possessive 's dropped.

Tokens keep their character offsets in the original text, so a match over normalised tokens
maps back to the exact surface form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ء": "",
    "ی": "ي", "ې": "ي", "ك": "ك", "ک": "ك", "گ": "ك", "ڤ": "ف", "ڨ": "ق", "پ": "ب", "چ": "ج",
    "ە": "ه", "ھ": "ه", "ۀ": "ه",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "’": "'", "‘": "'", "`": "'", "´": "'",
})

#: A token: letters/digits with Arabic marks inside, optionally joined by apostrophes (N'Djamena, Libya's).
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+(?:['’‘`](?:[^\W_]|[\u064b-\u065f\u0670])+)*")

#: TOKEN_RE for a text without "_": the same tokens, faster (one character class, no alternation).
#: [^\W_] is \w without "_" (tatweel U+0640 is a word character), so where no "_" occurs the
#: two patterns read the same characters.
_TOKEN_RE_NO_UNDERSCORE = re.compile(r"[\w\u064b-\u065f\u0670]+(?:['’‘`][\w\u064b-\u065f\u0670]+)*")
#: the same for a text without "_" nor an apostrophe (most Arabic articles): no joining part to
#: try after every token, which halves the scan
_TOKEN_RE_PLAIN = re.compile(r"[\w\u064b-\u065f\u0670]+")
_APOSTROPHES = "'’‘`"

_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")


def is_arabic(s: str) -> bool:
    """True when the string contains Arabic script."""
    return bool(_ARABIC_CHAR.search(s))


@lru_cache(maxsize=200_000)
def norm_token(tok: str) -> str:
    """Normalise one token for matching."""
    if _ARABIC_CHAR.search(tok):
        return _AR_DIACRITICS.sub("", tok).translate(_AR_MAP)
    t = tok.translate(_AR_MAP).casefold()
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return t


def norm_text(s: str) -> str:
    """Normalise a phrase: its tokens normalised and joined by single spaces."""
    return " ".join(norm_token(m.group()) for m in TOKEN_RE.finditer(s))


class Token(NamedTuple):
    """A token of the original text with its offsets and normalised form (a light tuple: an
    article has thousands of them)."""

    start: int
    end: int
    text: str
    norm: str
    arabic: bool
    upper: bool  # Latin token starting with a capital letter
    is_digit: bool = False  # the normalised token is all digits (Arabic-Indic digits folded)
    #: the normalised form, then its forms with an Arabic proclitic removed (see clitic_variants)
    forms: tuple[str, ...] = ()


#: a token as written -> its fields after the offsets (:func:`_token_info`); emptied when it
#: holds more than _INFO_MAX words (a plain dict: lru_cache's bookkeeping cost more per token)
_INFO: dict[str, tuple[str, str, bool, bool, bool, tuple[str, ...]]] = {}
_INFO_MAX = 200_000


def _token_info(tok: str) -> tuple[str, str, bool, bool, bool, tuple[str, ...]]:
    """(the token as written, normalised form, Arabic?, capitalised Latin?, digits?, forms): the
    fields of a :class:`Token` after its offsets."""
    ar = bool(_ARABIC_CHAR.search(tok))
    norm = norm_token(tok)
    forms = (norm, *clitic_variants(norm)) if ar else (norm,)
    return tok, norm, ar, (not ar) and tok[:1].isupper(), norm.isdigit(), forms


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets (punctuation is dropped; offsets keep its place)."""
    return tokenize_columns(text)[0]


def tokenize_columns(text: str) -> tuple[list[Token], list[int], list[str], list[tuple[str, ...]]]:
    """:func:`tokenize`, and three of the tokens' fields as columns: starts, normalised forms,
    forms (what :class:`~conflictmap.extract.doc.Doc` keeps), made in the same pass."""
    if "_" in text:
        rx = TOKEN_RE
    elif any(a in text for a in _APOSTROPHES):
        rx = _TOKEN_RE_NO_UNDERSCORE
    else:
        rx = _TOKEN_RE_PLAIN
    info = _INFO
    if len(info) > _INFO_MAX:
        info.clear()
    tokens: list[Token] = []
    starts: list[int] = []
    norms: list[str] = []
    forms: list[tuple[str, ...]] = []
    new = tuple.__new__
    end = 0
    # findall gives the tokens' strings without a match object each; a token starts at the first
    # place from the previous token's end where its string occurs, since every token begins with
    # a character that starts a match (a letter, digit or mark), and the regex finds the leftmost
    for tok in rx.findall(text):
        start = text.find(tok, end)
        end = start + len(tok)
        fields = info.get(tok)
        if fields is None:
            fields = info[tok] = _token_info(tok)
        # a Token made straight from (offsets + the cached fields): the NamedTuple's own __new__
        # costs a Python call per token
        tokens.append(new(Token, (start, end) + fields))  # noqa: RUF005 (one C concatenation)
        starts.append(start)
        norms.append(fields[1])
        forms.append(fields[5])
    return tokens, starts, norms, forms


# -- Arabic clitics --------------------------------------------------------------------------

_CONJ = ("و", "ف")
_PREP = ("ب", "ل")  # ك ("like") almost never precedes a place or an actor: كسبها is "earning it"
#: the proclitic prepositions (ب "in", ل "to"): one of them before a name is a little evidence of a place
PREP_CLITICS: tuple[str, ...] = _PREP
_ARTICLE = "ال"


@lru_cache(maxsize=200_000)
def clitic_variants(norm: str) -> tuple[str, ...]:
    """Forms of a normalised Arabic token with proclitics removed, longest first.

    و/ف (and, so), then ب/ل (in, for); لل+X is ل + ال+X. The token itself is not included.
    """
    if not norm or not ("\u0600" <= norm[0] <= "\u06ff"):
        return ()
    out: list[str] = []

    def add(x: str) -> None:
        if len(x) >= 2 and x not in out and x != norm:
            out.append(x)

    stems = [norm]
    if norm[0] in _CONJ and len(norm) > 3:
        stems.append(norm[1:])
        add(norm[1:])
    for s in stems:
        if s.startswith("لل") and len(s) > 3:
            add("ال" + s[2:])  # للسودان = ل + السودان
            add("ال" + s[1:])  # للواء = ل + اللواء (a word that starts with ل keeps it)
        if s[0] in _PREP and len(s) > 3:
            add(s[1:])  # لليبيا = ل + ليبيا, بطرابلس = ب + طرابلس
    return tuple(out)


def has_article(norm: str) -> bool:
    """True when the normalised Arabic word starts with the definite article ال."""
    return norm.startswith(_ARTICLE)


def with_article(norm: str) -> str:
    """The normalised Arabic word with the definite article ال before it (منطقه → المنطقه)."""
    return _ARTICLE + norm


def strip_article(norm: str) -> str | None:
    """The Arabic token without its definite article ال, or None when it has none."""
    if norm.startswith(_ARTICLE) and len(norm) > 4:
        return norm[2:]
    return None


#: a sentence's end: after . ! ? ؟ (group 1: the closing quotes and the space after the mark), or
#: line breaks. The mark is matched, not looked behind for: a pattern that opens with its characters
#: is scanned far faster than one that opens with a look-behind. One class of every mark opens it
#: (the regex engine then skips to the next of them) and a look-behind at the mark just read picks
#: the branch: the same matches as "[.!?؟]([\"'”»)\]]*\s+)|\n\s*\n|\n(?=\S)", scanned faster
_SENT_END = re.compile(r"[.!?؟\n](?:(?<=[.!?؟])([\"'”»)\]]*\s+)|(?<=\n)(?:\s*\n|(?=\S)))")
_ABBREV = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Brig|St|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc|approx)\.)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over the original text.

    Ends at . ! ? ؟ followed by space, and at line breaks (titles, captions and datelines stand
    on their own lines in scraped news); not after abbreviations such as U.S. or Gen.
    """
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start(1)
        if end < 0:  # a line break
            end = m.start()
        elif text[end - 1] == "." and m.group(1).strip() == "" and _ABBREV.search(text[max(0, end - 8) : end]):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
