"""The page's rows of each article, kept beside a build's outputs, so that a rebuild reads from the
store only the articles that changed.

The sentences the pages show -- per relation and per entity the latest few, and the money
figures -- are the largest reads of a page (one row per statement, mention and figure of every
article: 700,000 rows at 10,000 articles, most of the minute and a half a rebuild after one changed
article took; bench/README.md, Scale). Every statement, mention and money figure belongs to exactly
one article (its IRI is minted from the article's; aidkg.store.split_article), so these rows are
kept per article in `OUT/.aidkg-page-rows.sqlite`, with the content hash they were read from. A
build brings them up to date with the store's content hashes -- the changed articles' rows read
again by SELECTs bound to each article, removed articles' rows dropped, everything read again with
one query per kind when many changed -- and the latest few per relation and entity are picked by
SQLite. A build that writes articles again under the same content hash (--force, corrections)
deletes the file first (aidkg.exports.invalidate). It is a cache: deleting it costs one full read.
"""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..vocab import ALL_RELATIONS, AID

CACHE_NAME = ".aidkg-page-rows.sqlite"
WHOLE_READ_FROM = 100     # more changed articles than this: one query per kind over the whole store
VERSION = "3"             # of the tables below: another version is read again whole

_RELATIONS = " ".join(f"<{AID[r]}>" for r in ALL_RELATIONS)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (graph TEXT PRIMARY KEY, article TEXT, hash TEXT, title TEXT, date TEXT,
                                     source TEXT, publisher TEXT, site TEXT);
CREATE INDEX IF NOT EXISTS articles_article ON articles(article);
-- date and title: the article's ('' when it has none), copied so that an index gives the latest rows;
-- via: the words the sentence stands for an entity with (aid:viaReference), JSON [[words, entity IRI]]
CREATE TABLE IF NOT EXISTS evidence (article TEXT, s TEXT, p TEXT, o TEXT, sentence TEXT, method TEXT,
                                     date TEXT, title TEXT, via TEXT);
CREATE INDEX IF NOT EXISTS evidence_article ON evidence(article);
CREATE INDEX IF NOT EXISTS evidence_latest ON evidence(s, p, o, date DESC, title DESC, sentence DESC,
                                                       article DESC, method DESC);
CREATE TABLE IF NOT EXISTS mentions (article TEXT, e TEXT, sentence TEXT, start INTEGER, date TEXT, title TEXT);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_latest ON mentions(e, date DESC, title DESC, sentence DESC, article DESC,
                                                       start DESC);
CREATE TABLE IF NOT EXISTS money (article TEXT, iri TEXT, record TEXT);
CREATE INDEX IF NOT EXISTS money_article ON money(article);
"""

# Read for one article (its IRI bound first: the rows derived from it) or for the whole store (the
# derivation last: a scan of every derivation first is 2-3 times slower at 10,000 articles)
Q_ARTICLE = """SELECT ?a ?title ?date ?source ?publisher ?site WHERE { <first> <then> ?a a aid:Article .
  OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a dcterms:source ?source }
  OPTIONAL { ?a dcterms:publisher ?publisher } OPTIONAL { ?a aid:site ?site } }"""
Q_EVIDENCE = f"""SELECT ?a ?st ?s ?p ?o ?sentence ?method WHERE {{ <first> ?st prov:wasDerivedFrom ?a . <then>
  ?st rdf:predicate ?p . VALUES ?p {{ {_RELATIONS} }} ?st rdf:subject ?s ; rdf:object ?o .
  <last> ?st prov:wasDerivedFrom ?a . </last> ?a a aid:Article . FILTER(isIRI(?o))
  OPTIONAL {{ ?st aid:evidence ?sentence }} OPTIONAL {{ ?st aid:extractionMethod ?method }} }}"""
Q_VIA = """SELECT ?st ?words ?x ?start WHERE { <first> ?st prov:wasDerivedFrom ?a . <then>
  ?st aid:viaReference ?r . ?r aid:referringText ?words ; aid:refersTo ?x ; aid:referenceStart ?start .
  <last> ?st prov:wasDerivedFrom ?a . </last> ?a a aid:Article }"""
Q_MONEY = """SELECT ?a ?f ?amount ?kind ?scope ?period ?stated ?sentence ?donor ?recipient ?project ?whole ?from ?to
WHERE { <first> ?f prov:wasDerivedFrom ?a . <then> ?f a aid:MoneyFlow ; aid:amountYuan ?amount ; aid:moneyKind ?kind .
  <last> ?f prov:wasDerivedFrom ?a . </last> ?a a aid:Article .
  OPTIONAL { ?f aid:scope ?scope } OPTIONAL { ?f aid:period ?period } OPTIONAL { ?f aid:statedAs ?stated }
  OPTIONAL { ?f aid:evidence ?sentence } OPTIONAL { ?f aid:donor ?donor } OPTIONAL { ?f aid:recipient ?recipient }
  OPTIONAL { ?f aid:aboutProject ?project } OPTIONAL { ?f aid:includedIn ?whole }
  OPTIONAL { ?f aid:periodStart ?from } OPTIONAL { ?f aid:periodEnd ?to } }"""
Q_MENTIONS = """SELECT ?a ?e ?sentence ?start WHERE { <first> ?m prov:wasDerivedFrom ?a . <then>
  ?m a aid:Mention ; aid:mentionOf ?e . <last> ?m prov:wasDerivedFrom ?a . </last> ?a a aid:Article .
  OPTIONAL { ?m aid:evidence ?sentence } OPTIONAL { ?m aid:evidenceStart ?start } }"""


class _Row(dict):
    """A dict read like a pyoxigraph query solution (None for an unbound variable)."""

    def __init__(self, terms: dict, **more):
        super().__init__(terms, **more)

    def __missing__(self, key):
        return None


_NAMED = ox.NamedNode
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDF_TYPE, _SUBJECT, _PREDICATE, _OBJECT = (_RDF + k for k in ("type", "subject", "predicate", "object"))
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_ARTICLE, _MENTION, _MONEY = (str(AID[k]) for k in ("Article", "Mention", "MoneyFlow"))
_HASH, _EVIDENCE, _METHOD, _MENTION_OF, _START, _AMOUNT, _KIND = (str(AID[k]) for k in (
    "contentHash", "evidence", "extractionMethod", "mentionOf", "evidenceStart", "amountYuan", "moneyKind"))
_VIA, _WORDS, _REFERS_TO, _REF_START = (str(AID[k]) for k in ("viaReference", "referringText", "refersTo",
                                                               "referenceStart"))
_RELATION_IRIS = {str(AID[r]) for r in ALL_RELATIONS}
_DC = "http://purl.org/dc/terms/"
_ARTICLE_PROPS = (_DC + "title", _DC + "date", _DC + "source", _DC + "publisher", str(AID.site))
# the variables of Q_MONEY and the property each is read from
_MONEY_PROPS = {"amount": _AMOUNT, "kind": _KIND, **{k: str(AID[p]) for k, p in (
    ("scope", "scope"), ("period", "period"), ("stated", "statedAs"), ("sentence", "evidence"), ("donor", "donor"),
    ("recipient", "recipient"), ("project", "aboutProject"), ("whole", "includedIn"), ("from", "periodStart"),
    ("to", "periodEnd"))}}


def _bound(query: str, article: str | None) -> str:
    """The query for one article (`article`: its IRI) or, with None, for every article."""
    if article:
        query = query.replace("<first>", f"VALUES ?a {{ <{article}> }}").replace("<then>", "")
        return re.sub(r"<last>.*?</last>", "", query, flags=re.S)
    query = re.sub(r"<first>.*?<then>", "", query, flags=re.S)
    return query.replace("<last>", "").replace("</last>", "")


class PageRows:
    """The per-article rows of OUT's pages (a SQLite file; None: in memory)."""

    def __init__(self, out_dir: Path | None):
        path = Path(out_dir) / CACHE_NAME if out_dir is not None else ":memory:"
        self.db = sqlite3.connect(str(path))
        self.db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        version = None
        with contextlib.suppress(sqlite3.Error):
            row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            version = row[0] if row else None
        if version != VERSION:
            for table in ("meta", "articles", "evidence", "mentions", "money"):
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))
        self.db.commit()
        self._pending = 0
        self._indexed = True
        self._staging = False
        self._staged: set[str] = set()      # articles with rows in the TEMP tables

    def close(self) -> None:
        self._index()
        self.db.commit()
        self.db.close()

    # The two indexes that pick the latest rows hold every sentence again: kept up to date row by
    # row they cost a third of writing an article's rows. Into an empty file (a first build, or
    # after `invalidate`) the rows go without them, and they are made once, before anything reads
    # them (a build killed first leaves them to SCHEMA at the next open).
    LATEST_INDEXES = ("evidence_latest", "mentions_latest")

    # Into a file that has rows (a rebuild, a batch added to a large output), each row inserted
    # lands at a random place of every index (700,000 rows, 760 MB at 10,000 articles): random
    # B-tree pages read and written again at each commit, and more of them the bigger the file
    # (+2-3.7 CPU s for 500 articles into a 10,000-article output against an empty one;
    # bench/README.md, write path). So the build's rows are staged in TEMP tables without indexes
    # and moved in, sorted by the index's key, in one transaction before anything reads them:
    # each index page is written once (37,500 rows into that file: 0.7 CPU s against 1.6-1.9).
    # A build killed before leaves none of them: the articles they belong to are read again
    # from the store by the next build (`update`), as any article without rows.
    STAGED = ("articles", "evidence", "mentions", "money")

    def _defer_index(self) -> None:
        if self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
            for name in self.LATEST_INDEXES:
                self.db.execute(f"DROP INDEX IF EXISTS {name}")
            self._indexed = False
        elif not self._staging:
            for table in self.STAGED:
                self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS staged_{table} AS SELECT * FROM main.{table} WHERE 0")
            self._staging = True

    # the order of each table's largest index (evidence_latest, mentions_latest): rows moved in
    # this order touch each page of it once
    _ORDER = {"articles": "graph", "evidence": "s, p, o, date DESC, title DESC, sentence DESC, article DESC, method DESC",
              "mentions": "e, date DESC, title DESC, sentence DESC, article DESC, start DESC", "money": "article"}

    def _move_staged(self) -> None:
        if not self._staging:
            return
        with self.db:
            for table in self.STAGED:
                verb = "INSERT OR REPLACE" if table == "articles" else "INSERT"
                self.db.execute(f"{verb} INTO main.{table} SELECT * FROM temp.staged_{table} ORDER BY {self._ORDER[table]}")
                self.db.execute(f"DROP TABLE temp.staged_{table}")
        self._staging = False
        self._staged.clear()

    def _index(self) -> None:
        self._move_staged()
        if not self._indexed:
            self.db.executescript(SCHEMA)
            self._indexed = True

    # ------------------------------------------------------------------ keeping up with the store
    def update(self, store, hashes: dict | None = None) -> dict:
        """Read again the rows of the articles whose content hash changed; drop removed ones'.
        `hashes`: store.article_hashes() as it is now, when the caller has them."""
        self._index()
        from ..store import article_iri_for
        hashes = store.article_hashes() if hashes is None else hashes
        known = dict(self.db.execute("SELECT graph, hash FROM articles"))
        changed = [g for g, h in hashes.items() if known.get(g) != h]
        removed = [g for g in known if g not in hashes]
        whole = len(changed) > WHOLE_READ_FROM
        with self.db:
            if whole:
                for table in ("articles", "evidence", "mentions", "money"):
                    self.db.execute(f"DELETE FROM {table}")
                self._read(store, None, hashes)
            else:
                for g in changed + removed:
                    self._delete(article_iri_for(g))
                for g in changed:
                    self._read(store, article_iri_for(g), hashes)
        return {"read": len(hashes) if whole else len(changed), "removed": len(removed)}

    def _delete(self, article: str) -> None:
        for table in self.STAGED:
            self.db.execute(f"DELETE FROM main.{table} WHERE article = ?", (article,))
        if article in self._staged:     # (the same article twice in a build)
            self._staged.discard(article)
            for table in self.STAGED:
                self.db.execute(f"DELETE FROM temp.staged_{table} WHERE article = ?", (article,))

    def _read(self, store, article: str | None, hashes: dict[str, str]) -> None:
        from ..store import article_graph_for
        val = lambda row, k: row[k].value if row[k] is not None else None  # noqa: E731
        rows, when = [], {}
        for row in store.query(_bound(Q_ARTICLE, article)):
            a = row["a"].value
            rows.append((article_graph_for(a), a, hashes.get(article_graph_for(a)),
                         *(val(row, k) for k in ("title", "date", "source", "publisher", "site"))))
            when[a] = (val(row, "date") or "", val(row, "title") or "")
        self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        refs: dict[str, list] = defaultdict(list)
        for row in store.query(_bound(Q_VIA, article)):
            refs[row["st"].value].append((int(row["start"].value), row["words"].value, row["x"].value))
        self.db.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
            (row["a"].value, row["s"].value, row["p"].value, row["o"].value,
             val(row, "sentence") or "", val(row, "method"), *when.get(row["a"].value, ("", "")),
             via_text(refs.get(row["st"].value)))
            for row in store.query(_bound(Q_EVIDENCE, article))))
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", (
            (row["a"].value, row["e"].value, val(row, "sentence") or "",
             int(row["start"].value) if row["start"] is not None else 0, *when.get(row["a"].value, ("", "")))
            for row in store.query(_bound(Q_MENTIONS, article))))
        recs = (money_record(row, with_article=False) for row in store.query(_bound(Q_MONEY, article)))
        self.db.executemany("INSERT INTO money VALUES (?, ?, ?)", (
            (rec.pop("article"), rec["iri"], json.dumps(rec, ensure_ascii=False)) for rec in recs
            if rec is not None and rec.get("article")))

    # ------------------------------------------------------------------ told by the store
    def written(self, graph_iri: str, quads: list) -> None:
        """An article graph the store now holds (aidkg.store.Store.listeners): its rows from the
        quads in hand (the rows the SELECTs of `_read` give, without reading the store), or as a
        --jobs worker made them (`quads.page_rows`: aidkg.extraction.WorkerGraph)."""
        from ..store import article_iri_for
        article = article_iri_for(graph_iri)
        if self._indexed and self._pending == 0:
            self._defer_index()
        rows = getattr(quads, "page_rows", False)
        if rows is False:
            rows = article_rows(graph_iri, quads)
        self._delete(article)
        if rows is None:
            return
        head, evidence, mentions, money = rows
        into = "temp.staged_" if self._staging else "main."
        if self._staging:
            self._staged.add(article)
        self.db.execute(f"INSERT OR REPLACE INTO {into}articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", head)
        self.db.executemany(f"INSERT INTO {into}evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", evidence)
        self.db.executemany(f"INSERT INTO {into}mentions VALUES (?, ?, ?, ?, ?, ?)", mentions)
        self.db.executemany(f"INSERT INTO {into}money VALUES (?, ?, ?)", money)
        self._pending += 1
        if self._pending >= 64:
            self.commit()

    def removed(self, graph_iri: str) -> None:
        from ..store import article_iri_for
        self._delete(article_iri_for(graph_iri))

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    # ------------------------------------------------------------------ what the pages read
    def articles(self) -> dict[str, dict]:
        self._index()
        out = {}
        for a, title, date, source, publisher, site in self.db.execute(
                "SELECT article, title, date, source, publisher, site FROM articles"):
            info = {"article": a}
            for k, x in (("title", title), ("date", date), ("source", source), ("publisher", publisher),
                         ("site", site)):
                if x is not None:
                    info[k] = x
            out[a] = info
        return out

    def latest_evidence(self, n: int):
        """(s, predicate IRI, o, sentence, method, article, via) of the `n` latest statements of each
        relation triple: latest by the article's date, then title, sentence, article, method
        (each triple's rows read in that order from an index); via: `via_text` or None."""
        self._index()
        pick = ("SELECT s, p, o, sentence, method, article, via FROM evidence WHERE s = ? AND p = ? AND o = ? "
                "ORDER BY date DESC, title DESC, sentence DESC, article DESC, method DESC LIMIT ?")
        for key in self.db.execute("SELECT DISTINCT s, p, o FROM evidence").fetchall():
            yield from self.db.execute(pick, (*key, int(n)))

    def latest_mentions(self, n: int):
        """(entity, sentence, start, article) of the `n` latest sentences naming each entity."""
        self._index()
        pick = ("SELECT e, sentence, start, article FROM mentions WHERE e = ? "
                "ORDER BY date DESC, title DESC, sentence DESC, article DESC, start DESC LIMIT ?")
        for (e,) in self.db.execute("SELECT DISTINCT e FROM mentions").fetchall():
            yield from self.db.execute(pick, (e, int(n)))

    def money(self) -> list[dict]:
        return list(self.money_flows())

    def money_flows(self) -> "MoneyFlows":
        """The money flows as `money()` lists them, read from the file each time they are iterated."""
        return MoneyFlows(self)

    def _money(self):
        self._index()
        # in the order of (date, IRI): SQLite compares text as UTF-8 bytes, which is the order of
        # code points Python sorts strings in
        for a, record, title, date in self.db.execute(
                "SELECT m.article, m.record, a.title, a.date FROM money m JOIN articles a ON a.article = m.article "
                "ORDER BY COALESCE(a.date, ''), m.iri, m.rowid"):
            rec = json.loads(record)
            rec["article"] = a
            for k, x in (("title", title), ("date", date)):
                if x:
                    rec[k] = x
            yield rec


class MoneyFlows:
    """A build's money flows (G.graph["money"] of its page data), read from the rows file each time
    they are iterated rather than held: 25,000 of them at 10,000 articles are ~55 MB as dicts,
    which were held beside the making of graph.html -- the build's peak memory (bench/README.md,
    Memory). Iterated by aidkg.analysis.counted_money and the pages' digest, never indexed."""

    def __init__(self, rows: PageRows):
        self._rows = rows

    def __iter__(self):
        return self._rows._money()


def via_text(refs: list[tuple[int, str, str]] | None) -> str | None:
    """A statement's references ((start, words, entity IRI) each) as the `via` column holds them:
    JSON [[words, entity IRI], …] in the order of the text; None without any."""
    return json.dumps([[w, x] for _, w, x in sorted(refs)], ensure_ascii=False) if refs else None


def article_rows(graph_iri: str, quads) -> tuple | None:
    """The rows of one article graph (its quads): (its `articles` row, evidence rows, mention rows,
    money rows), or None when it holds no aid:Article. A pure function of the quads, so that a
    --jobs worker makes them beside the article (aidkg.extraction) and the writer only inserts."""
    from ..graph import triples_of
    from ..store import article_iri_for
    article = article_iri_for(graph_iri)
    props: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples_of(quads):
        props[s.value][p.value].append(o)
    one = lambda node, p: (props[node].get(p) or [None])[0]  # noqa: E731
    text = lambda node, p: one(node, p).value if one(node, p) is not None else None  # noqa: E731
    types = lambda node: {t.value for t in props[node].get(_RDF_TYPE, ())}  # noqa: E731
    if _ARTICLE not in types(article):
        return None
    head = (graph_iri, article, text(article, _HASH), *(text(article, p) for p in _ARTICLE_PROPS))
    date, title = text(article, _ARTICLE_PROPS[1]) or "", text(article, _ARTICLE_PROPS[0]) or ""
    evidence, mentions, money = [], [], []
    for node, by in props.items():
        if article not in {x.value for x in by.get(_DERIVED, ())}:
            continue
        kinds = types(node)
        p = text(node, _PREDICATE)
        if p in _RELATION_IRIS:     # a statement of a relation (Q_EVIDENCE does not ask its type)
            s, o = one(node, _SUBJECT), one(node, _OBJECT)
            if s is not None and o is not None and o.__class__ is _NAMED:
                refs = [(int(text(r.value, _REF_START) or 0), text(r.value, _WORDS) or "", one(r.value, _REFERS_TO).value)
                        for r in by.get(_VIA, ()) if one(r.value, _REFERS_TO) is not None]
                evidence.append((article, s.value, p, o.value, text(node, _EVIDENCE) or "", text(node, _METHOD),
                                 date, title, via_text(refs)))
        if _MENTION in kinds and one(node, _MENTION_OF) is not None:
            start = text(node, _START)
            mentions.append((article, one(node, _MENTION_OF).value, text(node, _EVIDENCE) or "",
                             int(start) if start is not None else 0, date, title))
        if _MONEY in kinds and one(node, _AMOUNT) is not None and one(node, _KIND) is not None:
            row = _Row({k: one(node, p) for k, p in _MONEY_PROPS.items()}, f=_NAMED(node), a=_NAMED(article))
            rec = money_record(row, with_article=False)
            if rec is not None:
                rec.pop("article", None)
                money.append((article, rec["iri"], json.dumps(rec, ensure_ascii=False)))
    return head, evidence, mentions, money


from .views import money_record  # noqa: E402 -- views imports nothing of this module


def remove(out_dir: Path) -> None:
    """Forget every article's rows (aidkg.exports.invalidate)."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (Path(out_dir) / (CACHE_NAME + suffix)).unlink()
