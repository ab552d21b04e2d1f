"""GeoNames country dumps as supplementary gazetteers (`conflictmap gazetteer add-geonames`).

The dump below is the team's own, written in GeoNames' exact format (19 tab-separated columns, no
header): a few rows for Mali, ids invented, the places and their rough points real or invented.
It is written as GeoNames serves it (a .zip holding ML.txt and a readme), as .txt and as .txt.gz.
Nothing here touches the network: the download is tested against a server on loopback, and
"no network" by refusing every connection.
"""

from __future__ import annotations

import gzip
import http.server
import socket
import threading
import zipfile
from pathlib import Path

import pytest
from conflictmap.extract.model import Article
from conflictmap.extract.pipeline import Extractor
from conflictmap.geodata import geonames
from conflictmap.geodata.build import build_actors, build_gazetteer, build_vocab
from conflictmap.geodata.index import Index
from conflictmap.geodata.sources import index_key, source_texts, supplementary_files
from pytest import param

from conflictmap.core.textnorm import norm_text


def gn(gid: int, name: str, ascii_: str, alts: str, lat: float, lon: float, fclass: str, fcode: str, *,
       cc: str = "ML", a1: str = "", a2: str = "", a3: str = "", pop: int = 0, mod: str = "2024-03-01") -> str:
    """One dump row: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
    feature code, country code, cc2, admin1-4, population, elevation, dem, timezone, modification date."""
    return "\t".join([str(gid), name, ascii_, alts, f"{lat}", f"{lon}", fclass, fcode, cc, "", a1, a2, a3, "",
                      str(pop), "", "300", "Africa/Bamako", mod])


MOPTI_REGION, SEGOU_REGION, BANKASS_CERCLE = 9100001, 9100002, 9100003
MOPTI, BANKASS = 9100010, 9100012
KOUNA_MOPTI, KOUNA_SEGOU, SOKOURA_BANKASS, SOKOURA_SEGOU = 9100020, 9100021, 9100022, 9100023
SAME, ANEFIS, FAMA, AIRPORT, WELL = 9100030, 9100031, 9100033, 9100040, 9100051

ROWS = [
    gn(MOPTI_REGION, "Mopti Region", "Mopti Region", "Mopti,Région de Mopti,Region de Mopti,Fifth Region", 14.7, -3.4,
       "A", "ADM1", a1="04", pop=2_000_000),
    gn(SEGOU_REGION, "Ségou Region", "Segou Region", "Ségou,Segou,Région de Ségou", 13.6, -5.9, "A", "ADM1", a1="05"),
    gn(BANKASS_CERCLE, "Bankass Cercle", "Bankass Cercle", "Bankass", 14.08, -3.52, "A", "ADM2", a1="04",
       a2=str(BANKASS_CERCLE)),
    gn(MOPTI, "Mopti", "Mopti", "Mopti,موبتي,mwbty", 14.4843, -4.183, "P", "PPLA", a1="04", pop=114_000),
    gn(9100011, "Ségou", "Segou", "Segou,Ségou", 13.4317, -6.2157, "P", "PPLA", a1="05", pop=130_000),
    gn(BANKASS, "Bankass", "Bankass", "", 14.0769, -3.5178, "P", "PPLA2", a1="04", a2=str(BANKASS_CERCLE), pop=12_000),
    gn(KOUNA_MOPTI, "Kouna", "Kouna", "Kuna", 14.96, -3.82, "P", "PPL", a1="04"),
    gn(KOUNA_SEGOU, "Kouna", "Kouna", "", 13.05, -6.4, "P", "PPL", a1="05"),
    gn(SOKOURA_BANKASS, "Sokoura", "Sokoura", "", 14.02, -3.6, "P", "PPL", a1="04", a2=str(BANKASS_CERCLE)),
    gn(SOKOURA_SEGOU, "Sokoura", "Sokoura", "", 13.2, -6.0, "P", "PPL", a1="05"),
    gn(SAME, "Same", "Same", "", 14.8, -3.9, "P", "PPL", a1="04"),
    gn(ANEFIS, "Anefis", "Anefis", "Anefif,أنفيس,‏Anéfis‏", 17.95, 0.54, "P", "PPL", a1="10"),
    gn(9100032, "Old Kouna", "Old Kouna", "", 14.9, -3.8, "P", "PPLQ", a1="04"),
    gn(FAMA, "Fama", "Fama", "", 13.9, -5.1, "P", "PPL", a1="05"),
    gn(AIRPORT, "Mopti Ambodedjo Airport", "Mopti Ambodedjo Airport", "MZI,GAMB,Aéroport de Mopti", 14.5128, -4.0796,
       "S", "AIRP", a1="04"),
    gn(9100050, "Kouna", "Kouna", "", 14.965, -3.825, "H", "WLL", a1="04"),   # the village's own well
    gn(WELL, "In Tebzaz", "In Tebzaz", "", 19.9, -0.5, "H", "WLL", a1="08"),
    gn(9100060, "Hombori Tondo", "Hombori Tondo", "", 15.27, -1.67, "T", "MT", a1="04"),  # a mountain: left out
    gn(9100061, "Commune 3", "Commune 3", "", 12.65, -8.0, "A", "ADM3", a1="01"),          # no usable name
    gn(9100062, "Ouro Nema", "Ouro Nema", "", 45.0, 9.0, "P", "PPL", a1="04"),             # a point outside Mali
    gn(9100070, "Djibo", "Djibo", "", 14.1, -1.63, "P", "PPLA2", cc="BF", a1="13"),        # another country's row
    "9100080\tBroken row\tBroken row",                                                     # malformed
]
DUMP = "\n".join(ROWS) + "\n"

COUNTRIES = """iso2,name_en,name_ar,variants_en,variants_ar,demonyms_en,demonyms_ar,lat,lon,radius_km,capital_en,capital_ar,capital_lat,capital_lon,theatre
LY,Libya,ليبيا,,,Libyan|Libyans,ليبي|ليبية|الليبي|الليبية|الليبيين,27.0,17.0,700,Tripoli,طرابلس,32.8874,13.1873,1
ML,Mali,مالي,,,Malian|Malians,مالي|المالي|المالية|الماليين,17.5,-3.5,700,Bamako,باماكو,12.6391,-8.0029,1
BF,Burkina Faso,بوركينا فاسو,Burkina,,Burkinabe|Burkinabè,البوركيني,12.3,-1.6,350,Ouagadougou,واغادوغو,12.3714,-1.5197,1
"""
PLACES = """id,kind,country,lat,lon,radius_km,name_en,name_ar,variants_en,variants_ar,parent,ambiguous,note
ly.tripoli,city,LY,32.8874,13.1873,15,Tripoli,طرابلس,,,,0,test
"""
ACTORS = """id,name,type,country,aliases_en,aliases_ar,note
st.ml,Mali,state,ML,FAMa|Malian army,الجيش المالي,test
"""


def write_dump(folder: Path, fmt: str, text: str = DUMP, cc: str = "ML") -> Path:
    """The dump as GeoNames serves it (.zip with CC.txt and readme.txt), or as .txt / .txt.gz."""
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if fmt == "zip":
        path = folder / f"{cc}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("readme.txt", "Readme for GeoNames Gazetteer extract files\n")
            zf.writestr(f"{cc}.txt", data)
    elif fmt == "txt.gz":
        path = folder / f"{cc}.txt.gz"
        path.write_bytes(gzip.compress(data))
    else:
        path = folder / f"{cc}.txt"
        path.write_bytes(data)
    return path


def make_index(*supplementary: tuple[str, str]) -> Index:
    """A tiny index through the real builder: our countries, one curated town, the packaged vocabulary,
    and the supplementary gazetteers given."""
    vocab = [(n, t) for n, t in source_texts(supplementary=False) if n.startswith("vocab/")]
    files = [*vocab, ("sources/places/tiny.csv", PLACES), ("sources/countries.csv", COUNTRIES),
             ("sources/actors.csv", ACTORS), ("sources/outlets.csv", "name,lang,note\n"), *supplementary]
    return Index(gazetteer=build_gazetteer(files, with_geonames=False), actors=build_actors(files),
                 vocab=build_vocab(files), key="tiny-geonames")


@pytest.fixture(scope="module")
def converted() -> tuple[list[dict[str, str]], geonames.DumpReport]:
    report = geonames.DumpReport("ML", "test")
    rows = geonames.convert(DUMP.encode("utf-8").splitlines(keepends=True), "ML", report)
    return rows, report


@pytest.fixture(scope="module")
def with_dump(converted) -> Extractor:
    return Extractor(make_index(("supplementary/geonames-ML.csv", geonames.to_csv(converted[0]))))


@pytest.fixture(scope="module")
def without_dump() -> Extractor:
    return Extractor(make_index())


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of our own (supplementary gazetteers go there)."""
    monkeypatch.setenv("CONFLICTMAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


# -- parsing and filtering ---------------------------------------------------------------------------

@pytest.mark.parametrize("name,primary,usable", [
    param("Mopti", False, True, id="latin"), param("Ségou", False, True, id="accents"),
    param("موبتي", False, True, id="arabic"), param("mwbty", False, False, id="lowercase-romanisation"),
    param("MZI", False, False, id="iata-code"), param("GAMB", False, False, id="icao-code"),
    param("Commune 3", True, False, id="digit"), param("Мопти", False, False, id="cyrillic"),
    param("Ba", True, False, id="two-letters"), param("mopti", True, True, id="lowercase-main-name"),
    param("Kouna (village)", False, False, id="brackets"), param("موبتي Mopti", False, False, id="mixed-scripts"),
])
def test_usable_name(name, primary, usable):
    assert geonames.usable_name(name, primary=primary) is usable


@pytest.mark.parametrize("fclass,fcode,kind", [
    ("P", "PPL", "city"), ("P", "PPLA2", "city"), ("P", "PPLX", "district"), ("P", "PPLQ", None), ("P", "PPLH", None),
    ("A", "ADM1", "region"), ("A", "ADM3", "region"), ("A", "PCLI", None), ("S", "AIRP", "site"), ("S", "MILB", "site"),
    ("S", "HTL", None), ("H", "WLL", "site"), ("H", "STM", None), ("T", "MT", None), ("L", "AREA", None),
])
def test_classify(fclass, fcode, kind):
    got = geonames.classify(fclass, fcode, 0)
    assert (got[0] if got else None) == kind


def test_convert_counts_keeps_and_skips(converted):
    rows, report = converted
    ids = {r["id"] for r in rows}
    assert report.rows == len(ROWS)
    assert report.bad == 1 and "line 22" in report.bad_examples[0] and "3 fields" in report.bad_examples[0]
    assert report.other_country == 1 and "gn:9100070" not in ids
    assert report.invalid == 1 and "gn:9100062" not in ids  # the point outside Mali
    assert "gn:9100032" not in ids and "gn:9100060" not in ids and "gn:9100061" not in ids  # PPLQ, mountain, "Commune 3"
    assert "gn:9100050" not in ids  # the well of the village Kouna is the village
    assert f"gn:{WELL}" in ids and f"gn:{AIRPORT}" in ids
    assert report.kept == len(rows) == 15
    assert report.by_class == {"A": 3, "P": 10, "S": 1, "H": 1}
    assert report.newest == "2024-03-01"


def test_converted_rows_are_place_rows(converted):
    rows, _ = converted
    by_id = {r["id"]: r for r in rows}
    mopti = by_id[f"gn:{MOPTI}"]
    assert (mopti["kind"], mopti["name_en"], mopti["name_ar"], mopti["feature"], mopti["population"]) == \
        ("city", "Mopti", "موبتي", "PPLA", "114000")
    assert "mwbty" not in mopti["variants_en"]
    assert mopti["admin"] == f"gn:{MOPTI_REGION}" and mopti["source"] == "geonames-dump"
    anefis = by_id[f"gn:{ANEFIS}"]
    assert anefis["name_ar"] == "أنفيس" and anefis["variants_en"].split("|") == ["Anefif"]  # Anéfis = Anefis once normalised
    airport = by_id[f"gn:{AIRPORT}"]
    assert airport["kind"] == "site" and airport["variants_en"] == "Aéroport de Mopti"  # codes dropped
    sokoura = by_id[f"gn:{SOKOURA_BANKASS}"]
    assert sokoura["admin"] == f"gn:{MOPTI_REGION}|gn:{BANKASS_CERCLE}"
    assert by_id[f"gn:{BANKASS_CERCLE}"]["admin"] == f"gn:{MOPTI_REGION}"
    assert list(rows[0]) == list(geonames.COLUMNS)


@pytest.mark.parametrize("fmt", ["zip", "txt", "txt.gz"])
def test_every_format_reads_the_same(tmp_path, fmt, converted):
    path = write_dump(tmp_path, fmt)
    assert geonames.find_dump(tmp_path, "ML") == path
    rows, report = geonames.read_dump(path, "ML")
    assert rows == converted[0]
    assert report.kept == converted[1].kept


@pytest.mark.parametrize("content,message", [
    param(b"not a zip at all", "corrupt or truncated", id="not-a-zip"),
    param(None, "no ML.txt inside the zip", id="zip-without-dump"),
])
def test_broken_zip(tmp_path, content, message):
    path = tmp_path / "ML.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "nothing here")
    else:
        path.write_bytes(content)
    with pytest.raises(geonames.DumpError, match=message):
        geonames.read_dump(path, "ML")


def test_truncated_gzip_and_wrong_country(tmp_path):
    gz = tmp_path / "ML.txt.gz"
    gz.write_bytes(gzip.compress(DUMP.encode())[:200])
    with pytest.raises(geonames.DumpError, match="corrupt or truncated"):
        geonames.read_dump(gz, "ML")
    mali_only = "".join(r + "\n" for r in ROWS if "\tBF\t" not in r)
    txt = write_dump(tmp_path / "bf", "txt", mali_only, cc="BF")  # Mali's rows under Burkina Faso's name
    with pytest.raises(geonames.DumpError, match="another country"):
        geonames.read_dump(txt, "BF")
    junk = tmp_path / "NE.txt"
    junk.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(geonames.DumpError, match="no row is a GeoNames dump row"):
        geonames.read_dump(junk, "NE")


# -- the builder reads supplementary gazetteers like the curated files -------------------------------

def test_builder_adds_the_dump(with_dump, without_dump):
    g = with_dump.index.gazetteer
    assert g.stats()["geonames-dump"] == 15
    assert "geonames-dump" not in without_dump.index.gazetteer.stats()
    region = g.get(f"gn:{MOPTI_REGION}")
    # an area does not take its chief town's name, but that name still names the area
    assert region is not None and region.kind == "region" and region.feature == "ADM1"
    assert all(p.kind != "region" for p, _a in g.lookup("mopti"))
    assert f"gn:{MOPTI_REGION}" in g.areas["mopti"] and f"gn:{BANKASS_CERCLE}" in g.areas["bankass"]
    assert g.lookup(norm_text("Region de Mopti"))[0][0].id == f"gn:{MOPTI_REGION}"
    # word-like names and actors' names need a cue noun
    assert [a for _p, a in g.lookup("same")] == [2]
    assert [a for _p, a in g.lookup("fama")] == [2]
    assert [a for _p, a in g.lookup("anefis")] == [0]


def test_a_dump_row_the_curated_files_know_lends_its_names():
    places = PLACES + "ml.anefis,city,ML,17.9500,0.5400,4,Anefis,أنفيس,,,,0,test\n"
    report = geonames.DumpReport("ML", "test")
    rows = geonames.convert(DUMP.encode().splitlines(), "ML", report)
    vocab = [(n, t) for n, t in source_texts(supplementary=False) if n.startswith("vocab/")]
    files = [*vocab, ("sources/places/tiny.csv", places), ("sources/countries.csv", COUNTRIES),
             ("sources/actors.csv", ACTORS), ("supplementary/geonames-ML.csv", geonames.to_csv(rows))]
    g = build_gazetteer(files, with_geonames=False)
    assert g.get(f"gn:{ANEFIS}") is None
    assert [p.id for p, _a in g.lookup("anefif")] == ["ml.anefis"]


def test_a_supplementary_file_without_source_column_is_curated():
    """A user's own supplementary gazetteer in the curated columns is read as curated rows."""
    mine = "id,kind,country,lat,lon,radius_km,name_en,name_ar,variants_en,variants_ar,parent,ambiguous,note\n" \
           "ml.my-camp,site,ML,16.27,-0.04,2,Camp Firhoun,معسكر فرهون,,,,0,my notes\n"
    ex = Extractor(make_index(("supplementary/mine.csv", mine)))
    p = ex.index.gazetteer.get("ml.my-camp")
    assert p is not None and p.curated and not p.supplementary
    assert [e.place_id for e in ex.extract(Article(id="t", text="Shots were fired at Camp Firhoun.", language="en"))] \
        == ["ml.my-camp"]


# -- recognition: what the dump adds, and the evidence it needs ----------------------------------------

K_MOPTI, K_SEGOU = f"gn:{KOUNA_MOPTI}", f"gn:{KOUNA_SEGOU}"


@pytest.mark.parametrize("lang,text,expected", [
    # the region named picks the namesake
    param("en", "Militants burnt a market in Kouna, in the Mopti region, on Monday.", [K_MOPTI, f"gn:{MOPTI_REGION}"],
          id="en-homonym-region-mopti"),
    param("en", "Farmers from Kouna in the Ségou region marched on the town hall.", [K_SEGOU, f"gn:{SEGOU_REGION}"],
          id="en-homonym-region-segou"),
    param("ar", "اقتحم مسلحون قرية كونا في منطقة موبتي", [f"gn:{MOPTI}"], id="ar-village-without-arabic-name"),
    param("en", "Soldiers patrolled the Bankass Cercle all week.", [f"gn:{BANKASS_CERCLE}"], id="en-area-name"),
    # a cercle named by its chief town: the village of that cercle
    param("en", "Gunmen raided Sokoura near Bankass overnight.", [f"gn:{SOKOURA_BANKASS}", f"gn:{BANKASS}"],
          id="en-homonym-cercle-town"),
    # Arabic alternate names
    param("ar", "هاجم مسلحون قرية أنفيس فجر الأحد", [f"gn:{ANEFIS}"], id="ar-cue-noun"),
    param("ar", "وقعت اشتباكات عنيفة قرب أنفيس فجر اليوم", [f"gn:{ANEFIS}"], id="ar-preposition-no-focus"),
    param("ar", "أعلن الجيش عن انتشار قواته في مدينة موبتي", [f"gn:{MOPTI}"], id="ar-town"),
    # a preposition is enough in an article about the country, or that names no country
    param("en", "Clashes were reported near Anefis late on Friday.", [f"gn:{ANEFIS}"], id="en-preposition-no-focus"),
    param("en", "Malian soldiers were deployed to Anefis.", [f"gn:{ANEFIS}"], id="en-preposition-focus"),
    param("en", "The convoy stopped at In Tebzaz for water.", [f"gn:{WELL}"], id="en-well"),
    param("en", "A mortar round hit Mopti Ambodedjo Airport at dawn.", [f"gn:{AIRPORT}"], id="en-airport-name"),
    # ... but not in an article about another country
    param("en", "Libyan units clashed in Tripoli and near Anefis.", ["ly.tripoli"], id="en-other-country"),
    param("ar", "اشتباكات في طرابلس وقرب أنفيس بحسب مصادر ليبية", ["ly.tripoli"], id="ar-other-country"),
    # no cue at all: not a place
    param("en", "Anefis said nothing to reporters.", [], id="en-bare-name"),
    # word-like and actors' names need a cue noun
    param("en", "Same men returned the next day.", [], id="en-word-like"),
    param("en", "Militants entered the village of Same at night.", [f"gn:{SAME}"], id="en-word-like-cue-noun"),
    param("en", "Fire was exchanged between FAMa and militants near Bankass.", [f"gn:{BANKASS}"], id="en-actor-name"),
    param("en", "Traders were robbed in the village of Fama.", [f"gn:{FAMA}"], id="en-actor-name-cue-noun"),
    # a person's name is no village
    param("en", "Villagers said Kouna Traore was abducted.", [], id="en-person-name"),
])
def test_dump_places_in_sentences(with_dump, without_dump, lang, text, expected):
    got = [e.place_id for e in with_dump.extract(Article(id="t", text=text, language=lang)) if e.lat is not None]
    assert got == expected
    before = [e.place_id for e in without_dump.extract(Article(id="t", text=text, language=lang))]
    assert not any(str(p).startswith("gn:") for p in before)  # the dump is what finds them


# -- the command: add from a folder, download, list, remove, errors ---------------------------------------

def test_add_list_remove_from_folder(tmp_path, cache, cli, capsys):
    folder = tmp_path / "dumps"
    write_dump(folder, "zip")
    key_before = index_key()
    assert cli(["gazetteer", "add-geonames", "ml", "--from", str(folder), "--no-build"]) == 0
    out = capsys.readouterr().out
    assert "ML (Mali): 22 rows read, 15 places kept" in out and "1 malformed rows skipped" in out
    assert "GeoNames, geonames.org" in out
    csv_file = cache / "gazetteers" / "geonames-ML.csv"
    assert csv_file.exists() and [n for n, _t in supplementary_files()] == ["supplementary/geonames-ML.csv"]
    key_with = index_key()
    assert key_with != key_before  # adding a country rebuilds the index

    assert cli(["gazetteer", "geonames", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ML  Mali: 15 places; dump of about 2024-03-01") and str(folder / "ML.zip") in out

    assert cli(["gazetteer", "geonames", "remove", "ML", "BF", "--no-build"]) == 1  # BF was never added
    out = capsys.readouterr().out
    assert "ML: removed" in out and "BF: was not added" in out
    assert not csv_file.exists() and index_key() == key_before
    assert cli(["gazetteer", "geonames", "list"]) == 0
    assert "no GeoNames country added" in capsys.readouterr().out


def test_missing_and_corrupt_dumps_lose_nothing(tmp_path, cache, cli, capsys):
    folder = tmp_path / "dumps"
    write_dump(folder, "txt.gz")
    assert cli(["gazetteer", "add-geonames", "ML", "--from", str(folder), "--no-build"]) == 0
    saved = (cache / "gazetteers" / "geonames-ML.csv").read_text(encoding="utf-8")
    capsys.readouterr()
    # ML's file is now broken and NE's is missing: both reported, ML's earlier import kept
    (folder / "ML.txt.gz").write_bytes(b"\x1f\x8b broken")
    assert cli(["gazetteer", "add-geonames", "ML", "NE", "--from", str(folder), "--no-build"]) == 1
    err = capsys.readouterr().err
    assert "ML: " in err and "corrupt or truncated" in err and "earlier import of ML" in err
    assert "NE: no GeoNames dump for NE in" in err and "NE.zip, NE.txt.gz and NE.txt" in err
    assert (cache / "gazetteers" / "geonames-ML.csv").read_text(encoding="utf-8") == saved
    assert not (cache / "gazetteers" / "geonames-NE.csv").exists()


@pytest.mark.parametrize("args,message", [
    param(["ML", "XX"], "unknown country code(s) XX", id="unknown-code"),
    param(["Mali"], "unknown country code(s) MALI", id="name-not-code"),
    param(["ML", "--from", "/nonexistent/folder"], "no such folder", id="no-folder"),
])
def test_usage_errors(cache, cli, capsys, args, message):
    assert cli(["gazetteer", "add-geonames", *args, "--no-build"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (cache / "gazetteers").exists()


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*_a, **_k):
        raise OSError("network is unreachable (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_no_network_is_a_clear_error(cache, cli, capsys, no_network):
    assert cli(["gazetteer", "add-geonames", "ML", "BF", "--no-build"]) == 2
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.startswith("conflictmap: error")]
    assert len(lines) == 1
    assert "cannot download https://download.geonames.org/export/dump/ML.zip" in lines[0]
    assert "--from" in lines[0] and "nothing was changed" in lines[0]
    assert not (cache / "gazetteers").exists()


def test_download_from_a_server(tmp_path, cache, cli, capsys, monkeypatch):
    """The download path end to end, against an HTTP server on loopback that serves the zip."""
    served = tmp_path / "served"
    write_dump(served, "zip")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(served), **k)

        def log_message(self, *_a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("CONFLICTMAP_GEONAMES_URL", f"http://127.0.0.1:{server.server_port}/{{cc}}.zip")
        assert cli(["gazetteer", "add-geonames", "ML", "--no-build"]) == 0
        assert "15 places kept" in capsys.readouterr().out
        assert (cache / "gazetteers" / "geonames-ML.csv").exists()
        assert cli(["gazetteer", "add-geonames", "NE", "--no-build"]) == 1  # the server has no NE.zip: 404
        assert "GeoNames answered 404" in capsys.readouterr().err
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_the_real_build_reads_the_cache_folder(cache, converted):
    """build_index (what the loader runs) takes the supplementary gazetteers of the cache folder."""
    from conflictmap.geodata.build import build_index

    rows, report = converted
    geonames.save(rows, report)
    idx = build_index(with_geonames=False)
    g = idx.gazetteer
    # every kept row is a place of its own, except the regions the package curates (Mopti, Ségou)
    assert idx.stats["geonames-dump"] >= 9
    assert g.get(f"gn:{SEGOU_REGION}") is None and g.get(f"gn:{MOPTI_REGION}") is None
    kouna = [p for p, _a in g.lookup("kouna")]
    assert {p.id for p in kouna} == {f"gn:{KOUNA_MOPTI}", f"gn:{KOUNA_SEGOU}"}
    assert all(p.supplementary for p in kouna)
    # the package's curated Mopti Region stands for the dump's: it takes its other names, and the
    # villages of the region point at it
    assert g.get(f"gn:{MOPTI_REGION}") is None
    assert g.get(f"gn:{KOUNA_MOPTI}").admin == ("ml.mopti-region",)
    assert [p.id for p, _a in g.lookup(norm_text("Région de Mopti"))] == ["ml.mopti-region"]
    assert "ml.mopti-region" in g.areas["mopti"]
