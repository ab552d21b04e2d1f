"""Untrusted text stays inert: HTML, template literals, script data, links."""

from __future__ import annotations

import json

import pytest
from conflictmap.dashboard import escaping as H

EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${alert(1)}", "`+alert(1)+`",
        "\\`${x}", "'\";alert(1)//", "{{ 7*7 }}{% if 1 %}x{% endif %}", "</script><b>", "a\u2028b\u202eevil"]


@pytest.mark.parametrize("text", EVIL)
def test_esc_leaves_no_markup_and_no_template_literal_syntax(text: str) -> None:
    out = H.esc(text)
    for ch in "<>\"'`$\\{}":
        assert ch not in out
    assert "\u2028" not in out and "\u202e" not in out


def test_esc_keeps_arabic_and_ordinary_text() -> None:
    assert H.esc("اشتباكات في طرابلس & Tripoli") == "اشتباكات في طرابلس &amp; Tripoli"
    assert H.esc(None) == ""


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,<script>", False), ("vbscript:x", False),
    ("//evil.example.org", False), ("/relative", False), ("https://", False), ("https://a b.org", False),
    (None, False), (42, False), ("", False),
])
def test_only_http_urls_are_links(url: object, ok: bool) -> None:
    assert (H.safe_url(url) is not None) is ok


def test_link_has_noopener_and_escapes() -> None:
    out = H.link("https://example.org/?a=1&b='x'", "<b>t</b>")
    assert "rel='noopener noreferrer'" in out and "target=_blank" in out
    assert "<b>" not in out and "&amp;b=&#39;x&#39;" in out


def test_js_json_round_trips_and_is_inert() -> None:
    value = [[1.5, "x", None, True, *EVIL]]
    s = H.js_json(value)
    assert json.loads(s) == value
    for bad in ("</script", "`", "${", "{{", "{%", "_", "\u2028"):
        assert bad not in s
    with pytest.raises(TypeError):
        H.js_json([{"a": 1}])


@pytest.mark.parametrize("value", [
    pytest.param({"a": 1}, id="top"),
    pytest.param([1, "x", {"a": 1}], id="among-leaves"),
    pytest.param([["x", 2], ["y", ("z", [None, {}])]], id="deep-in-tuple"),
    pytest.param([[1, 2]] * 50 + [[3, [4, [5, {"k": "v"}]]]], id="after-many-leaf-lists"),
    pytest.param([["a\x00b", "{}"], [{}]], id="empty-object-beside-braces-and-nul"),
    pytest.param([["{}"], {"\x00": "\x00"}], id="object-with-nul-key"),
])
def test_js_json_refuses_an_object_anywhere(value: object) -> None:
    with pytest.raises(TypeError):
        H.js_json(value)


@pytest.mark.parametrize("value", [
    pytest.param(["{}", "{ }", '{"a": 1}'], id="braces-in-strings"),
    pytest.param([["a\x00b", "\x00"], ["\u0000 {}"]], id="nul-in-strings"),
    pytest.param(["اشتباكات {} في سرت", ["{}" * 3]], id="arabic-with-braces"),
])
def test_js_json_takes_strings_that_look_like_objects(value: list[object]) -> None:
    # objects are found by the key separator (a raw NUL) and, for "{}", by a walk: strings with
    # a NUL or braces in them are text, not objects
    s = H.js_json(value)
    assert json.loads(s) == value
    assert "\x00" not in s and "{" not in s and "}" not in s


def test_mention_is_found_and_highlighted_in_rtl_snippet() -> None:
    snippet = "اندلعت اشتباكات عنيفة في جنزور اليوم."
    html = H.snippet_html(snippet, "جنزور", "ar")
    assert "dir=rtl" in html and "<mark>جنزور</mark>" in html


def test_mention_case_insensitive_and_clipped() -> None:
    snippet = "x" * 500 + " fighting in TRIPOLI today " + "y" * 500
    html = H.snippet_html(snippet, "Tripoli", "en", limit=120)
    assert "<mark>TRIPOLI</mark>" in html and "…" in html and len(html) < 300


def test_is_rtl_by_language_or_script() -> None:
    assert H.is_rtl("hello", "ar")
    assert H.is_rtl("اشتباكات في طرابلس")
    assert not H.is_rtl("clashes in Tripoli")


def test_article_text_marks_every_mention_as_a_link() -> None:
    text = "Clashes in Tripoli <script>x</script> and Gharyan."
    spans = [H.Span(11, 18, "/?place=a&b=1", "Tripoli"), H.Span(41, 48, "/?place=b", "Gharyan")]
    out = H.article_text_html(text, spans)
    assert out.count("<mark>") == 2 and "<script>" not in out
    assert "href=\"/?place=a&amp;b=1\"" in out


def test_app_link_quotes_ids() -> None:
    assert H.app_link("", {"article": "a b&c"}) == "/?article=a%20b%26c"
    assert H.app_link("base/", {"place": "x"}) == "/base/?place=x"


def test_markdown_text_is_literal() -> None:
    out = H.md("[x](javascript:alert(1)) **b** :red[hi] <b>")
    assert "](" not in out.replace("\\]\\(", "") and "**" not in out.replace("\\*", "")
    assert "\\:red\\[hi\\]" in out and "\\<b\\>" in out
