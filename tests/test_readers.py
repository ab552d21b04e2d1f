"""Readers: every input kind, and every kind of bad input getting a one-line reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conflictmap.extract.model import Article
from conflictmap.extract.readers import Reader, Skipped, decode_text, source_from_url

from .conftest import FIXTURES, write_jsonl

AR_TEXT = (FIXTURES / "report_ar.txt").read_text(encoding="utf-8")


def read_all(*paths, **kw):
    r = Reader(**kw)
    out = list(r.read(paths))
    return [x for x in out if isinstance(x, Article)], [x for x in out if isinstance(x, Skipped)], r


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256", "iso8859_6"])
def test_txt_encodings_decode_to_the_same_arabic(tmp_path, encoding):
    # ISO-8859-6 has no letters for some Arabic punctuation; keep the text to what it can hold
    text = AR_TEXT if encoding != "iso8859_6" else AR_TEXT.replace("–", "-")
    p = tmp_path / f"a_{encoding}.txt"
    p.write_bytes(text.encode(encoding, errors="strict"))
    arts, skipped, _ = read_all(p)
    assert not skipped
    assert arts[0].text.replace("\r\n", "\n") == text
    assert arts[0].language == "ar"
    assert arts[0].title == "اشتباكات جنوب العاصمة الليبية"


def test_txt_id_is_stable_per_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text(AR_TEXT, encoding="utf-8")
    a1 = read_all(p)[0][0]
    a2 = read_all(p)[0][0]
    assert a1.id == a2.id
    p.write_text(AR_TEXT + "\nتحديث.", encoding="utf-8")
    a3 = read_all(p)[0][0]
    assert a3.id == a1.id and a3.content_hash != a1.content_hash  # same article, new text


def test_html_main_text_title_date_canonical_url():
    arts, skipped, _ = read_all(FIXTURES / "report_en.html")
    assert not skipped
    a = arts[0]
    assert "Qasr bin Ghashir" in a.text
    assert "tracker" not in a.text and "Subscribe" not in a.text and "Home" not in a.text.split("\n")[0]
    assert a.title.startswith("Fighting reaches Tripoli")
    assert a.published == "2019-04-07"
    assert a.url == "https://news.example.org/libya/2019/04/07/fighting-tripoli"
    assert a.source == "news.example.org"
    assert a.language == "en"


def test_jsonl_records_keep_their_ids(tmp_path):
    p = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "x1", "url": "https://www.libyaobserver.ly/news/1", "title": "t", "published": "2020-05-18",
         "language": "ar", "text": AR_TEXT},
        {"url": "https://example.com/2", "text": "Clashes erupted in Sabha on Monday, officials said."},
        {"text": "Fighting near Sirte intensified on Tuesday, the army said in a statement."},
    ])
    arts, skipped, _ = read_all(p)
    assert not skipped
    assert arts[0].id == "x1"
    assert arts[0].source == "libyaobserver.ly"
    assert arts[1].id.startswith("u") and arts[2].id.startswith("t")  # hash of url, else of text
    assert arts[1].language == "en"


def test_json_list_and_csv(tmp_path):
    recs = [{"id": "j1", "text": AR_TEXT}, {"id": "j2", "text": "Gunmen attacked a checkpoint in Gao on Friday."}]
    (tmp_path / "a.json").write_text(json.dumps({"articles": recs}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "id,url,title,published,language,text\n"
        'c1,https://x.org/1,T,07/04/2019,en,"Shelling hit Tajoura, residents said on Sunday."\n',
        encoding="utf-8")
    arts, skipped, _ = read_all(tmp_path / "a.json", tmp_path / "b.csv")
    assert not skipped
    assert [a.id for a in arts] == ["j1", "j2", "c1"]
    assert arts[2].published == "2019-07-04"  # dateparser reads the metadata field


def test_folder_recursive_with_sidecar(tmp_path):
    sub = tmp_path / "batch" / "april"
    sub.mkdir(parents=True)
    (sub / "one.txt").write_text(AR_TEXT, encoding="utf-8")
    (sub / "two.txt").write_text("Heavy clashes hit Ain Zara on Saturday, residents said.", encoding="utf-8")
    (sub / "meta.csv").write_text(
        "file,url,title,published,source\n"
        "one.txt,https://www.alwasat.ly/news/libya/1,عنوان,2019-04-07,Al Wasat\n", encoding="utf-8")
    (sub / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0binary")
    arts, skipped, reader = read_all(tmp_path / "batch")
    assert not skipped
    by = {Path(a.origin).name: a for a in arts}
    assert set(by) == {"one.txt", "two.txt"}
    assert by["one.txt"].url == "https://www.alwasat.ly/news/libya/1"
    assert by["one.txt"].published == "2019-04-07" and by["one.txt"].source == "Al Wasat"
    assert by["two.txt"].url is None
    assert reader.ignored == 1  # the photo


# -- bad input: each gets a one-line reason and the batch goes on ---------------------------

def test_bad_inputs_are_reported_and_the_rest_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(AR_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "french.txt").write_text(
        "Des combats ont éclaté dans la capitale libyenne, selon des habitants qui ont fui vers le sud du pays.",
        encoding="utf-8")
    (tmp_path / "scripts.html").write_bytes((FIXTURES / "scripts_only.html").read_bytes())
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(("اشتباكات في طرابلس " * 100 + "\n").encode() * 30000)  # ~55 MB
    lines = (tmp_path / "mixed.jsonl")
    lines.write_text(
        json.dumps({"id": "ok1", "text": "Clashes in Sabha killed three people on Monday."}) + "\n"
        + '{"id": "broken", "text": "Clashes in Sab\n'  # truncated line
        + json.dumps({"id": "notext"}) + "\n"
        + json.dumps({"id": "ok2", "text": "A drone strike hit Misrata air college on Tuesday."}) + "\n",
        encoding="utf-8")
    arts, skipped, _ = read_all(tmp_path)
    assert sorted(a.id for a in arts if a.origin.endswith(("jsonl:1", "jsonl:4"))) == ["ok1", "ok2"]
    assert any(Path(a.origin).name == "good.txt" for a in arts)
    reasons = {Path(s.origin.split(":")[0]).name + (":" + s.origin.split(":")[1] if ":" in s.origin else ""): s.reason
               for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "no supported language" in reasons["french.txt"]
    assert "no article text" in reasons["scripts.html"]
    assert "too large" in reasons["big.txt"]
    assert "invalid JSON on line 2" in reasons["mixed.jsonl:2"]
    assert reasons["mixed.jsonl:3"] == "record has no text"
    assert all("\n" not in s.reason for s in skipped)


def test_unsupported_language_field(tmp_path):
    p = write_jsonl(tmp_path / "x.jsonl", [{"id": "f", "language": "fr", "text": "Des combats à Tripoli."}])
    arts, skipped, _ = read_all(p)
    assert not arts and "not supported" in skipped[0].reason


def test_decode_text_rejects_binary():
    with pytest.raises(ValueError):
        decode_text(b"\x00\x01\x02PK\x03\x04" * 100)


@pytest.mark.parametrize("url,expected", [
    ("https://www.aljazeera.net/news/2019/6/26/x", "aljazeera.net"),
    ("http://alwasat.ly/news/libya/250089", "alwasat.ly"),
    ("javascript:alert(1)", None),
    ("", None),
])
def test_source_from_url(url, expected):
    assert source_from_url(url) == expected
