"""Turning untrusted article text, titles and URLs into HTML that stays inert.

Everything that came from an article is untrusted. It ends up in three places:

* HTML shown by Streamlit (``st.html``): escape ``& < > " '``;
* HTML that folium/Leaflet inserts from JavaScript. folium's own Popup and Tooltip put it inside a
  JavaScript *template literal* (`` `...` ``), where `` ` `` ends the string and ``${...}`` runs
  code, and a backslash starts an escape. :func:`esc` therefore also turns `` ` ``, ``$`` and
  ``\\`` into character references, which mean the same text to the browser and nothing to JS;
* data embedded in a ``<script>`` (:func:`js_json`), which must not close the element or be
  rewritten by streamlit-folium's variable renaming.

Only ``http``/``https`` URLs ever become links (:func:`safe_url`), always with
``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "`": "&#96;",
    "$": "&#36;",
    "\\": "&#92;",
    "{": "&#123;",
    "}": "&#125;",
}
_ESC_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# C0/C1 controls (except tab/newline), bidi overrides and other format characters that can
# disguise text; U+2028/2029 end lines in older JavaScript engines.
_STRIP_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def esc(value: object) -> str:
    """Escape text for HTML *and* for a JavaScript template literal (None -> "")."""
    if value is None:
        return ""
    s = _STRIP_RE.sub("", str(value))
    return _ESC_RE.sub(lambda m: _ESCAPES[m.group(0)], s)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=])")


def md(value: object) -> str:
    """Text for Streamlit's Markdown (alerts, captions) shown literally: no links, no emphasis,
    no ``:material/…:`` or ``:red[…]`` directives, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", _STRIP_RE.sub("", str(value)))


_URL_BAD_RE = re.compile("[\x00\t\r\n ]|" + _STRIP_RE.pattern)


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(url, str):
        return None
    return _safe_url(url)


@lru_cache(maxsize=16384)
def _safe_url(url: str) -> str | None:  # every popup asks for its articles' URLs: once per URL
    u = url.strip()
    if not u[:8].lower().startswith(("http://", "https://")):
        return None
    if _URL_BAD_RE.search(u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u


def link(href: str, text: object, *, new_tab: bool = True, css_class: str | None = None) -> str:
    """An ``<a>``; ``href`` must be a :func:`safe_url` result or an app-relative link we built."""
    attrs = f"href='{esc(href)}'"
    if css_class:
        attrs += f" class='{esc(css_class)}'"
    if new_tab:
        attrs += " target=_blank rel='noopener noreferrer'"
    return f"<a {attrs}>{esc(text)}</a>"


def app_link(base_path: str, params: dict[str, Any]) -> str:
    """A link to a view of this app (``/?article=ID``, ``/?place=...``), under the base URL path."""
    base = "/" + base_path.strip("/") if base_path.strip("/") else ""
    if len(params) == 1 and "article" in params:  # the common case, on every popup link
        return f"{base}/?article={quote(str(params['article']), safe='')}"
    return f"{base}/?{urlencode(params, doseq=True)}"


_RTL_LANGS = frozenset(("ar", "fa", "ur", "he", "ps", "ckb", "arz", "ary"))
_LTR_LANGS = frozenset(("en", "fr", "it", "es", "de", "tr", "ru", "pt"))


def is_rtl(text: str | None, language: str | None = None) -> bool:
    """Arabic (or another right-to-left) language code, or mostly right-to-left letters."""
    lang = language.lower().split("-")[0] if language else ""
    if lang in _RTL_LANGS:
        return True
    if lang in _LTR_LANGS or not text:
        return False
    letters = [ch for ch in text[:400] if ch.isalpha()]
    if not letters:
        return False
    rtl = sum(1 for ch in letters if unicodedata.bidirectional(ch) in ("R", "AL"))
    return rtl / len(letters) > 0.4


def dir_attrs(text: str | None, language: str | None = None) -> str:
    return ' dir=rtl lang=ar' if is_rtl(text, language) else ' dir=ltr'


def find_mention(snippet: str, mention: str) -> list[tuple[int, int]]:
    """Where ``mention`` occurs in ``snippet`` (exact, else case-insensitive); may be several."""
    if not snippet or not mention:
        return []
    spans: list[tuple[int, int]] = []
    for hay, needle in ((snippet, mention), (snippet.casefold(), mention.casefold())):
        if len(hay) != len(snippet):  # casefold changed lengths: offsets would be wrong
            break
        i = hay.find(needle)
        while i >= 0:
            spans.append((i, i + len(needle)))
            i = hay.find(needle, i + len(needle))
        if spans:
            return spans
    return spans


def clip_around(text: str, spans: Sequence[tuple[int, int]], limit: int) -> tuple[str, list[tuple[int, int]]]:
    """Cut ``text`` to about ``limit`` characters around the first span; shift the spans."""
    if len(text) <= limit:
        return text, list(spans)
    centre = spans[0][0] if spans else 0
    lo = max(0, min(centre - limit // 3, len(text) - limit))
    hi = lo + limit
    head = "… " if lo > 0 else ""
    tail = " …" if hi < len(text) else ""
    shifted = [(a - lo + len(head), b - lo + len(head)) for a, b in spans if a >= lo and b <= hi]
    return head + text[lo:hi] + tail, shifted


def mark_spans(text: str, spans: Iterable[tuple[int, int]], *, tag: str = "mark") -> str:
    """Escape ``text`` and wrap the (non-overlapping) spans in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for a, b in sorted(spans):
        if a < pos or b <= a or b > len(text):
            continue
        out.append(esc(text[pos:a]))
        out.append(f"<{tag}>{esc(text[a:b])}</{tag}>")
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def snippet_html(snippet: str, mention: str, language: str | None, *, limit: int = 240) -> str:
    """The sentence, clipped around the mention, the mention highlighted, in its direction."""
    spans = find_mention(snippet or "", mention or "")
    text, spans = clip_around(snippet or "", spans, limit)
    return f'<div class=cm-snip{dir_attrs(snippet, language)}>{mark_spans(text, spans)}</div>'


@dataclass(frozen=True)
class Span:
    """A mention in an article's text, with the link that takes it to the map."""

    start: int
    end: int
    href: str
    title: str


def article_text_html(text: str, spans: Sequence[Span]) -> str:
    """The article text escaped, each mention a highlighted link to its point on the map."""
    out: list[str] = []
    pos = 0
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        if sp.start < pos or sp.end <= sp.start or sp.end > len(text):
            continue
        out.append(esc(text[pos:sp.start]))
        out.append(
            f'<a class=cm-mention href="{esc(sp.href)}" target="_self" title="{esc(sp.title)}">'
            f"<mark>{esc(text[sp.start:sp.end])}</mark></a>"
        )
        pos = sp.end
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n", "<br>")


_JS_ESCAPES = (("</", "<\\/"), ("<!--", "<\\u0021--"), ("`", "\\u0060"), ("$", "\\u0024"),
               ("_", "\\u005f"), ("{", "\\u007b"), ("}", "\\u007d"), ("\u2028", "\\u2028"),
               ("\u2029", "\\u2029"))


_LEAVES = frozenset((str, int, float, bool, type(None)))


def _no_dicts(value: Any) -> None:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            raise TypeError("js_json takes lists, strings and numbers only (no objects)")
        if isinstance(v, (list, tuple)) and not _LEAVES.issuperset(map(type, v)):
            # a list of leaves alone (most of them: a popup's values) is settled by the one C-level
            # test above; the rest is looked at in turn (0.18 -> 0.02 s for a map of 2 500 places)
            stack.extend(x for x in v if type(x) not in _LEAVES)


_KEY_SEP = "\x00"


def js_json(value: Any) -> str:
    """JSON (lists, strings, numbers, booleans, null; no objects) for embedding in a script.

    ``</`` cannot close ``<script>``, `` ` `` and ``$`` cannot open a template-literal
    substitution, braces cannot start Jinja syntax and ``_`` cannot be taken for one of
    streamlit-folium's ``name_<id>`` variables. Without objects none of these characters is JSON
    syntax, so each becomes a ``\\u`` escape (or ``<\\/``) wherever it is."""
    # an object's key is followed by the key separator, here a NUL: JSON writes every NUL inside
    # a string as \u0000, so a raw one in the text means an object. The walk over the value
    # (:func:`_no_dicts`, a third of the time for a map of 2 500 places) is left for texts with
    # "{}" in them (an empty object, or a string holding those two characters)
    s = json.dumps(value, ensure_ascii=False, separators=(",", _KEY_SEP), allow_nan=False)
    if _KEY_SEP in s or "{}" in s:
        _no_dicts(value)
    for ch, rep in _JS_ESCAPES:
        if ch in s:
            s = s.replace(ch, rep)
    return s
