"""The Anki decks in the built site (exports/<slug>.apkg and exports/star-guide.apkg), read back as
Anki reads them: the zip, then its SQLite collection (collection.anki2) with sqlite3, checked against
the walkthrough data. Two builds give the same notes with the same GUIDs, so a newer deck updates the
cards a learner has instead of adding copies.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki
from bs4 import BeautifulSoup

from support import ROOT, WALKTHROUGHS, build_env
from macros import anki
from macros.core.text import md_inline
from macros.core.urls import export_uri
from macros.site import load_site


@dataclass(frozen=True)
class Note:
    front: str  # the text a learner reads, HTML aside
    back: str
    tags: frozenset[str]
    fields: tuple[str, ...]  # as stored, HTML


@dataclass
class Collection:
    notes: dict[str, Note]  # by GUID
    decks: dict[str, int]  # id by name
    note_mod: set[int]


def text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def read_apkg(data: bytes, folder: Path) -> Collection:
    """Opens the package as Anki does, and checks what Anki relies on as it goes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(f"file:{folder / 'collection.anki2'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ver, models, decks = db.execute("SELECT ver, models, decks FROM col").fetchone()
        assert ver == 11  # the schema version Anki imports
        models, decks = json.loads(models), json.loads(decks)
        assert {int(mid) for mid in models} == {anki.MODEL.model_id}
        (model,) = models.values()
        assert [field["name"] for field in model["flds"]] == ["Front", "Back"]
        notes, mods = {}, set()
        for nid, guid, mid, mod, tags, flds in db.execute("SELECT id, guid, mid, mod, tags, flds FROM notes"):
            assert mid == anki.MODEL.model_id and guid not in notes
            fields = tuple(flds.split("\x1f"))
            assert len(fields) == 2 and all(fields), fields
            notes[guid] = Note(text(fields[0]), text(fields[1]), frozenset(tags.split()), fields)
            mods.add(mod)
            cards = db.execute("SELECT did, ord FROM cards WHERE nid = ?", (nid,)).fetchall()
            assert len(cards) == 1 and cards[0][1] == 0 and str(cards[0][0]) in decks
        return Collection(notes, {deck["name"]: deck["id"] for deck in decks.values()}, mods)
    finally:
        db.close()


def built_deck(site: Path, uri: str, folder: Path) -> Collection:
    return read_apkg((site / uri).read_bytes(), folder)


def plain(markdown: str) -> str:
    return text(md_inline(markdown))


def test_each_deck_is_an_anki_collection_with_its_cards(site, walkthrough, tmp_path):
    deck = built_deck(site, export_uri(walkthrough.slug, "apkg"), tmp_path)
    assert deck.decks[anki.deck_name(walkthrough)] == anki.stable_id(f"deck:{walkthrough.slug}")
    assert anki.deck_name(walkthrough) == f"STAR Guide::{walkthrough.principle}::{walkthrough.title}"
    guid = lambda *key: genanki.guid_for(walkthrough.slug, *key)  # noqa: E731
    expected = {guid("quiz", item.id) for item in walkthrough.quiz}
    expected |= {guid("section", section.id) for section in walkthrough.sections}
    expected |= {guid("follow-up", probe.id) for probe in walkthrough.follow_ups}
    assert set(deck.notes) == expected, "one note per quiz item and per weak-vs-strong pair, GUIDs from slug and id"

    for item in walkthrough.quiz:
        note = deck.notes[guid("quiz", item.id)]
        assert plain(item.prompt) in note.front
        for option in item.options:
            assert plain(option.text) in note.front
        for index in item.answer:
            assert plain(item.options[index].why) in note.back and plain(item.options[index].text) in note.back
        if item.type == "rewrite":
            assert plain(item.model_answer) in note.back and all(plain(point) in note.back for point in item.checklist)
    for key, pair in [(("section", s.id), s) for s in walkthrough.sections] + [(("follow-up", p.id), p) for p in walkthrough.follow_ups]:
        note = deck.notes[guid(*key)]
        assert plain(pair.weak.line) in note.front and "What would you say instead?" in note.front
        assert plain(pair.strong.line) in note.back and plain(pair.strong.why) in note.back
        assert plain(pair.strong.line) not in note.front


def test_cards_are_tagged_by_principle_star_section_and_walkthrough(site, walkthrough, tmp_path):
    deck = built_deck(site, export_uri(walkthrough.slug, "apkg"), tmp_path)
    principle = load_site(ROOT).principles.by_name(walkthrough.principle).slug
    for note in deck.notes.values():
        assert {f"principle::{principle}", f"walkthrough::{walkthrough.slug}"} <= note.tags
    guid = lambda *key: genanki.guid_for(walkthrough.slug, *key)  # noqa: E731
    for section in walkthrough.sections:
        assert f"star::{section.id}" in deck.notes[guid("section", section.id)].tags
    for probe in walkthrough.follow_ups:
        assert "star::follow-ups" in deck.notes[guid("follow-up", probe.id)].tags
    # A quiz card is tagged with the sections its right answers teach: the classify items name one each.
    for item in walkthrough.quiz:
        if item.type == "classify":
            section = item.options[item.answer[0]].link.removesuffix("-compare")
            assert f"star::{section}" in deck.notes[guid("quiz", item.id)].tags, item.id


def test_one_deck_has_every_walkthrough(site, tmp_path):
    everything = built_deck(site, anki.ALL_DECKS, tmp_path / "all")
    union = {}
    for w in WALKTHROUGHS.values():
        union.update(built_deck(site, export_uri(w.slug, "apkg"), tmp_path / w.slug).notes)
        assert everything.decks[anki.deck_name(w)] == anki.stable_id(f"deck:{w.slug}")
    assert everything.notes == union


def test_two_builds_give_the_same_notes_and_a_later_one_updates_them(site, built_page, tmp_path, monkeypatch):
    """Built again in this process: from the same commit the same bytes as the site's; from a later
    commit the same notes and GUIDs, each with a later date, which Anki takes as an update."""
    site_url = built_page("").select_one("link[rel=canonical]")["href"]
    data = load_site(ROOT, site_url)
    walkthroughs = list(data.published.values())
    uri = export_uri(walkthroughs[0].slug, "apkg")
    epoch = int(build_env()["SOURCE_DATE_EPOCH"])  # the site fixture's build's
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    same = anki.deck_files(walkthroughs, data.principles, site_url)
    assert same[uri] == (site / uri).read_bytes()
    assert same == anki.deck_files(walkthroughs, data.principles, site_url)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch + 86400))
    later = read_apkg(anki.deck_files(walkthroughs, data.principles, site_url)[uri], tmp_path / "later")
    first = read_apkg(same[uri], tmp_path / "first")
    assert later.notes == first.notes and later.decks == first.decks
    assert min(later.note_mod) > max(first.note_mod)


def test_the_note_type_and_deck_ids_are_fixed():
    """Anki matches a re-imported note type and deck by id: these must never change."""
    assert anki.MODEL.model_id == anki.stable_id("model:STAR Guide card")
    assert 1 << 30 <= anki.stable_id("deck:act-without-approval") < 1 << 31
    assert anki.stable_id("deck:act-without-approval") == 1878576435


def test_data_text_shows_on_cards_as_written():
    """Data text is inline Markdown, never HTML: a title with a script element and a prompt with `<`
    and `&` come out on the cards as text."""
    seed = WALKTHROUGHS["act-without-approval"]
    title, prompt = "Act now <script>alert(1)</script>", "Does a handler returning List<String> & a < b help?"
    hostile = seed.model_copy(update={"title": title, "quiz": [seed.quiz[0].model_copy(update={"prompt": prompt}), *seed.quiz[1:]]})
    notes = anki.Cards(hostile, "bias-for-action", "https://example.org/guide/").notes()
    html = "".join(field for note in notes for field in note.fields)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("script") and not soup.find("string")
    assert title in text(notes[0].fields[0])
    assert prompt in text(notes[0].fields[0])
