"""Article → events: the stages composed (a pure function of one article and the index)."""

from __future__ import annotations

import atexit
import bisect
import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.textnorm import has_article, norm_text
from ..geodata.gazetteer import Place
from ..geodata.index import Index
from .actors import ActorTagger
from .context import DocContext, find_dateline
from .dates import DateResolver, Reference
from .doc import Doc, guess_language
from .events import EventCoder, Untied
from .model import UNLOCATED, Article, Event, make_event_id
from .places import DEFAULT_THEATRE, Mention, Recogniser, Resolver
from .relative import RelativeGrammar

if TYPE_CHECKING:
    from .online import OnlineGeocoder

SNIPPET_MAX = 600


@dataclass(slots=True)
class Analysis:
    """Everything the extractor found in one article (events plus the intermediate steps)."""

    doc: Doc
    mentions: list[Mention]
    reference: Reference
    events: list[Event]
    context: DocContext


_UNFREEZE_REGISTERED: list[bool] = []


def _freeze_long_lived() -> None:
    """Move every object alive now (the index, the stages' tables) out of the cyclic collector's
    reach. They live as long as the process and hold tens of thousands of containers that are
    never garbage, yet every full collection walked them again (and evicted the CPU caches).
    Objects frozen are still freed by reference counting; only a reference cycle that was already
    garbage stays. At exit they are handed back, so finalizers (a file's flush) still run."""
    gc.freeze()
    if not _UNFREEZE_REGISTERED:
        atexit.register(gc.unfreeze)
        _UNFREEZE_REGISTERED.append(True)


#: punctuation that closes a name the text gives a place ("in Kabarakoro, …", "in Kabarakoro (Mopti)")
_NAME_CLOSERS = ",،(;:."


class Extractor:
    """Reads one article at a time; build it once per process (it holds the index)."""

    def __init__(self, index: Index, theatre: Sequence[str] = DEFAULT_THEATRE) -> None:
        g, v = index.gazetteer, index.vocab
        self.index = index
        self.recogniser = Recogniser(g, v)
        self.resolver = Resolver(g, v, theatre)
        self.grammar = RelativeGrammar(g, v)
        self.dates = DateResolver(v)
        self.actors = ActorTagger(index.actors, g, v)
        self.events = EventCoder(v, index.actors)  # events stage (extract/events.py)
        self.theatre = tuple(theatre)
        #: news agencies in a dateline's brackets, normalised without spaces ("(أ ف ب)" → "افب")
        self.agencies = frozenset(w.replace(" ", "") for w in v.words("place_media", "agency"))
        self.noun_of = v.words("place_words", "noun_of")
        self.of = v.words("place_words", "of")
        self.locative = v.words("place_words", "locative")
        self.bare_after = v.words("place_words", "bare_after")
        self.articles = v.words("place_words", "article")
        self.months = v.words("months")  # "in March, ...": a date, no place name
        #: opt-in online geocoder (extract.online.OnlineGeocoder); None: never touch the network
        self.online: OnlineGeocoder | None = None
        _freeze_long_lived()

    def extract(self, article: Article) -> list[Event]:
        return self.analyse(article).events

    def analyse(self, article: Article) -> Analysis:
        """The stages in order: mask outlets, find actors and mask their names, recognise and
        resolve place names, the dateline, the relative grammar, dates, actors per sentence."""
        lang = article.language if article.language in ("ar", "en") else guess_language(article.text)
        doc = Doc.from_text(article.text, lang)
        ctx = DocContext.start(doc, self.index.gazetteer)
        lex = self.index.actors

        # outlet names first, then actors: a place inside an outlet's or an actor's name
        # ("ليبيا الأحرار", "سرايا الدفاع عن بنغازي") is not a place mention
        self.recogniser.mask_outlets(doc)
        actor_mentions = self.actors.find(doc)
        self.recogniser.mask_spans(doc, [(m.i, m.j) for m in actor_mentions
                                         if m.j - m.i >= 2 and m.via != "demonym" and lex.actors[m.actor].type != "state"])
        cands = self.recogniser.recognise(doc)
        exprs = self.dates.find(doc)
        ctx.dateline = find_dateline(doc, {c.i for c in cands}, exprs, self.agencies)
        for k in ctx.dateline:
            doc.dateline[k] = True
        mentions = self.resolver.resolve(doc, cands, ctx)
        ctx.set_focus(m.place for m in mentions)
        mentions = self.grammar.apply(doc, mentions, ctx)
        if self.online is not None:
            mentions = sorted(mentions + self._online_mentions(doc, mentions, ctx), key=lambda m: (m.start, m.end))
        headline = [m for m in mentions if m.i in ctx.dateline]  # "Sabha: ...": where an unplaced event is
        mentions = [m for m in mentions if m.i not in ctx.dateline]

        ctx.set_place_focus(m.place for m in mentions)

        ref = ctx.reference = self.dates.reference(doc, exprs, article.published, article.url)
        dated = self.dates.for_sentences(doc, exprs, ref)

        actor_mentions = [a for a in actor_mentions if a.i not in ctx.dateline]
        actors_by_sent = self.actors.by_sentence(doc, actor_mentions, ctx.place_focus, ref.day)

        published = article.published or (ref.day.isoformat() if ref.trusted and ref.day else None)
        events: list[Event] = []
        seen: set[tuple[int, str, object]] = set()
        ids: set[str] = set()
        for m in mentions:
            s = doc.tok_sent[m.i]
            pick = self.dates.pick(dated.get(s, []), m.start, m.end)
            # mentions of one place in one sentence merge, unless they speak of different days
            dkey = (s, m.place.id, pick[1].day if pick else None)
            if dkey in seen:
                continue
            seen.add(dkey)
            if pick is not None:
                expr, res = pick
                event_date, precision = res.day.isoformat(), res.precision
                basis = "explicit" if expr.explicit else "relative"
                date_conf = 1.0 if ref.basis != "inferred" or expr.explicit else 0.7
            elif ref.trusted and ref.day is not None:
                event_date, precision, basis, date_conf = ref.day.isoformat(), "day", "published", 0.85
            elif ref.day is not None:
                # no publication date: the page's own latest date stands in for it, loosely
                day = ref.today or ref.day
                event_date, precision, basis, date_conf = day.isoformat(), "week", "published", 0.6
            else:
                event_date, precision, basis, date_conf = None, "none", "none", 1.0
            p = m.place
            eid = make_event_id(article.id, m.start)
            k = 2
            while eid in ids:  # several points from one phrase ("southern and western districts")
                eid = f"{make_event_id(article.id, m.start)}.{k}"
                k += 1
            ids.add(eid)
            events.append(Event(
                event_id=eid, article_id=article.id,
                mention=article.text[m.start:m.end], start=m.start, end=m.end,
                place_name=p.name, place_name_ar=p.name_ar, place_id=p.id, kind=p.kind, country=p.country,
                lat=round(p.lat, 5), lon=round(p.lon, 5), geo_precision=m.precision,
                uncertainty_km=m.uncertainty_km, snippet=self._snippet(doc, s, m.start, m.end),
                article_url=article.url, article_title=article.title, source=article.source,
                published=published, event_date=event_date, date_precision=precision, date_basis=basis,
                actors=self._actors_for(doc, s, actors_by_sent), language=lang,
                confidence=round(m.confidence * date_conf, 2),
            ))
        self._adopt_orphan_actors(doc, events, actors_by_sent)
        untied = Untied()  # what no place took: coded below at a headline's town or the article's country
        codings = self.events.code(doc, events, ctx, untied)  # events stage: type, sub-event type, fatalities, injured
        for c in codings:  # "Qasr bin Ghashir: A landmine left over from the 2019 war exploded on Tuesday": the
            # heading is far from the words that date the event; its trigger's nearest date does
            if c.headed and c.trigger is not None:
                t0, t1 = doc.tokens[c.trigger.i].start, doc.tokens[c.trigger.j - 1].end
                pick = self.dates.pick(dated.get(doc.sentence_index(t0), []), t0, t1)
                if pick is not None:
                    c.event.event_date, c.event.date_precision = pick[1].day.isoformat(), pick[1].precision
                    c.event.date_basis = "explicit" if pick[0].explicit else "relative"
        home = self._headline_place(doc, ctx, headline)

        def coded(span: tuple[int, int], place: Place | None, at: int, named: str = "") -> Event:
            """An event added at ``place`` for a trigger no place of the text took, coded on its own."""
            extra = self._country_event(article, doc, span, place, dated, ref, published, lang, actors_by_sent,
                                        at, named)
            self.events.code(doc, [extra], ctx)
            return extra

        span = untied.unplaced
        if span is not None:  # an event the text places nowhere: at the town of a headline "Sabha: ..."
            # (precision 2), else at its country (precision 3), if one is clear
            place, at = home, 2
            if place is None:
                # an epithet ("rebels", "government forces") is read through the article's country: no evidence of it
                iso = self.events.lone_country(ctx.focus, (self.events.home_country(lex.actors[a.actor])
                                                           for a in actor_mentions if not a.eras), self.theatre)
                place, at = self.index.gazetteer.country_place(iso), 3
            if place is None and ctx.focus is not None:
                at = 0  # the article is about a country outside the theatre: not ours to record
            elif place is None:
                # no country is clear ("gunmen abducted a teacher in a village": a village no gazetteer
                # knows, actors of no one country): the event is kept, unlocated, for the table and the
                # exports; the map cannot draw it
                at = UNLOCATED
            if at:
                extra = coded(span, place, at, self._named_in_text(doc, span, mentions) if at == UNLOCATED else "")
                if extra.event_type:
                    events.append(extra)
        if home is not None:  # paragraphs that tell an event at no place of their own: the article's own town
            # (only a kind of event the article tells nowhere else: a paragraph that goes on about "the
            # fighting" told before is no new event)
            kinds = {e.event_type for e in events if e.event_type}
            for orphan in untied.orphans:
                extra = coded(orphan, home, 2)
                if extra.event_type and extra.event_type not in kinds:
                    kinds.add(extra.event_type)
                    events.append(extra)
        return Analysis(doc, mentions, ref, events, ctx)

    def _headline_place(self, doc: Doc, ctx: DocContext, headline: list[Mention]) -> Place | None:
        """The town a headline or dateline without a news agency names ("Sabha: clashes broke out ...",
        "سبها - ..."): where an event the text places nowhere else happened. A dateline that names an
        agency ("TRIPOLI (Reuters) -") only says where the report was filed."""
        towns = [m for m in headline if m.place.kind not in ("country", "region")]
        if not towns or not ctx.dateline:
            return None
        start = doc.tokens[ctx.dateline.start].start
        line = doc.text[start : start + 80].split("\n", 1)[0]  # "سبها - (أ ف ب) -": the agency may follow
        text = norm_text(line).replace(" ", "")
        if any(a in text for a in self.agencies):
            return None
        return towns[0].place

    def _country_event(self, article: Article, doc: Doc, span: tuple[int, int], place: Place | None, dated: dict,
                       ref: Reference, published: str | None, lang: str, actors_by_sent: dict[int, list[str]],
                       geo_precision: int = 3, named: str = "") -> Event:
        """An event at a whole country (or a headline's town), anchored at its trigger (the events
        stage's ``unplaced``); with no ``place``, an unlocated event (no point, ``geo_precision``
        :data:`UNLOCATED`, kind ``unlocated``) whose ``place_name`` is ``named``: the name the text
        gives its place, if any (see :meth:`_named_in_text`)."""
        start, end = span
        s = doc.sentence_index(start)
        pick = self.dates.pick(dated.get(s, []), start, end)
        if pick is not None:
            event_date, precision = pick[1].day.isoformat(), pick[1].precision
            basis = "explicit" if pick[0].explicit else "relative"
        elif ref.day is not None:
            event_date, precision, basis = ref.day.isoformat(), "day" if ref.trusted else "week", "published"
        else:
            event_date, precision, basis = None, "none", "none"
        if place is None:
            where: dict = {"place_name": named, "place_name_ar": None, "place_id": "", "kind": "unlocated",
                           "country": None, "lat": None, "lon": None, "uncertainty_km": 0.0}
        else:
            where = {"place_name": place.name, "place_name_ar": place.name_ar, "place_id": place.id,
                     "kind": place.kind, "country": place.country, "lat": round(place.lat, 5),
                     "lon": round(place.lon, 5), "uncertainty_km": place.radius_km}
        return Event(
            event_id=make_event_id(article.id, start), article_id=article.id, mention=article.text[start:end],
            start=start, end=end, geo_precision=geo_precision, snippet=self._snippet(doc, s, start, end),
            article_url=article.url, article_title=article.title, source=article.source, published=published,
            event_date=event_date, date_precision=precision, date_basis=basis,
            actors=self._actors_for(doc, s, actors_by_sent), language=lang, confidence=0.5, **where)

    @staticmethod
    def _adopt_orphan_actors(doc: Doc, events: list[Event], by_sent: dict[int, list[str]]) -> None:
        """Actors acting in a sentence that has no place ("وتحركت قوات اللواء 444 لإيقاف الاشتباكات")
        join the events of the nearest sentence with places before it in the same paragraph (else
        after it); a sentence that is a paragraph of its own joins the nearest one within two
        sentences. Only acting actors travel: by_sent holds no merely mentioned name."""
        ev_sents: dict[int, list[Event]] = {}
        for e in events:
            ev_sents.setdefault(doc.sentence_index(e.start), []).append(e)
        if not ev_sents:
            return
        breaks = [m.start() for m in re.finditer("\n\n", doc.text)]

        def paragraph(s: int) -> int:
            return bisect.bisect_left(breaks, doc.sentences[s][0])

        placed = sorted(ev_sents)
        for s, names in by_sent.items():
            if s in ev_sents or not names:
                continue
            k = bisect.bisect_left(placed, s)
            before = placed[k - 1] if k > 0 else None
            after = placed[k] if k < len(placed) else None
            target = next((t for t in (before, after) if t is not None and paragraph(t) == paragraph(s)), None)
            if target is None:  # a paragraph of its own: the nearest sentence with places, if close
                near = [t for t in (before, after) if t is not None and abs(t - s) <= 2]
                target = min(near, key=lambda t: (abs(t - s), t)) if near else None
            if target is None:
                continue
            for e in ev_sents[target]:
                e.actors = [*e.actors, *(n for n in names if n not in e.actors)]

    def _online_mentions(self, doc: Doc, mentions: list[Mention], ctx: DocContext) -> list[Mention]:
        """Names the text marks as places ("مدينة X", "the village of X") that no row knows."""
        covered = {k for m in mentions for k in range(m.i, m.j)}
        by_start = {m.i: m for m in mentions}
        focus = DocContext().set_place_focus(m.place for m in mentions)
        codes = [c for c in ((focus,) if focus else ()) + self.theatre]
        toks, out = doc.tokens, []
        for start, end in self._unknown_names(doc, 0, len(toks), covered, by_start):
            if any(k in covered for k in range(start, end)):
                continue
            place = self.online.lookup(doc.surface(start, end), codes)  # type: ignore[union-attr]
            if place is not None:
                out.append(Mention(toks[start].start, toks[end - 1].end, start, end, place, 2, place.radius_km, 0.5,
                                   "online", None))
                covered.update(range(start, end))
        return out

    def _unknown_names(self, doc: Doc, lo: int, hi: int, covered: set[int], by_start: dict[int, Mention], *,
                       loose: bool = False) -> list[tuple[int, int]]:
        """Token spans (start, end) within lo..hi of names that no row knows but the text marks as
        places: after a cue noun ("مدينة X", "the village of X"). ``loose`` (English) adds a name right
        before a settlement noun ("X village", no article before it) and one after a preposition of
        place that a comma, a bracket or the sentence's end closes ("a post in X, killing two")."""
        v, toks = self.index.vocab, doc.tokens
        out: list[tuple[int, int]] = []

        def name(start: int) -> int:
            end = start
            while end < hi and end - start < 2 and end not in covered and \
                    self.grammar.is_unknown_name(doc, end, by_start):
                if loose and (toks[end].norm in self.months or
                              (doc.arabic and end > start and not has_article(toks[end].norm))):
                    break  # a month is a date; a second Arabic word joins only definite ("بئر الغنم", not "… ليلا")
                end += 1
            return end

        for k in range(lo, hi - 1):
            if doc.arabic:
                if any(v.place_cues.get(f, 0) == 2 for f in doc.forms(k)) and (end := name(k + 1)) > k + 1:
                    out.append((k + 1, end))
                continue
            norm = toks[k].norm
            if norm in self.noun_of and toks[k + 1].norm in self.of:
                if (end := name(k + 2)) > k + 2:
                    out.append((k + 2, end))
            elif loose and norm in self.locative and (end := name(k + 1)) > k + 1 and \
                    (end == hi or toks[end].norm in self.bare_after or doc.gap_has(end, _NAME_CLOSERS)):
                out.append((k + 1, end))
            elif loose and norm in self.bare_after and k > lo and not doc.gap_has(k, _NAME_CLOSERS) and \
                    self.grammar.is_unknown_name(doc, k - 1, by_start) and k - 1 not in covered:
                start = k - 2 if k - 2 >= lo and k - 2 not in covered and not doc.gap_has(k - 1, _NAME_CLOSERS) and \
                    self.grammar.is_unknown_name(doc, k - 2, by_start) else k - 1
                if start == lo or toks[start - 1].norm not in self.articles:
                    out.append((start, k))
        return out

    def _named_in_text(self, doc: Doc, span: tuple[int, int], mentions: list[Mention]) -> str:
        """The name the text gives the place of an event that no row can place ("gunmen raided the
        village of Kabarakoro", "in Kabarakoro, …"), nearest its trigger in the trigger's sentence;
        "" when the text marks none. It labels an unlocated event: what a supplementary gazetteer lacks."""
        s = doc.sentence_index(span[0])
        lo = bisect.bisect_left(doc.tok_sent, s)
        hi = bisect.bisect_right(doc.tok_sent, s)
        covered = {k for m in mentions for k in range(m.i, m.j)}
        spans = self._unknown_names(doc, lo, hi, covered, {m.i: m for m in mentions}, loose=True)
        if not spans:
            return ""
        start, end = min(spans, key=lambda se: abs(doc.tokens[se[0]].start - span[0]))
        return doc.surface(start, end)

    @staticmethod
    def _actors_for(doc: Doc, s: int, by_sent: dict[int, list[str]]) -> list[str]:
        """The sentence's actors; a sentence naming none takes those of the sentence before it in
        the same paragraph ("Clashes broke out ... The Force said it controlled X")."""
        if by_sent.get(s):
            return by_sent[s]
        if s == 0 or "\n\n" in doc.text[doc.sentences[s - 1][1] : doc.sentences[s][0]]:
            return []
        return list(by_sent.get(s - 1, []))

    @staticmethod
    def _snippet(doc: Doc, s: int, start: int, end: int) -> str:
        a, b = doc.sentences[s] if doc.sentences else (0, len(doc.text))
        if b - a <= SNIPPET_MAX:
            return doc.text[a:b]
        lo = max(a, start - SNIPPET_MAX // 2)
        hi = min(b, lo + SNIPPET_MAX)
        lo = max(a, hi - SNIPPET_MAX)
        if lo > a:
            sp = doc.text.find(" ", lo)
            lo = sp + 1 if 0 <= sp < start else lo
        if hi < b:
            sp = doc.text.rfind(" ", end, hi)
            hi = sp if sp > end else hi
        return ("…" if lo > a else "") + doc.text[lo:hi] + ("…" if hi < b else "")
