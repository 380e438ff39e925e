"""Anki decks for candidates to drill with: exports/<slug>.apkg per walkthrough, and ALL_DECKS with
every walkthrough's deck in one file.

A deck, named `STAR Guide::<principle>::<title>`, has a card for each quiz item (the question and its
options; on the back the right answer and why) and for each weak-vs-strong pair of the STAR(+R)
sections and follow-up probes (the weak line and "What would you say instead?"; on the back the
strong line and why). Cards are tagged by principle, STAR section and walkthrough.

Importing a newer deck updates the cards a learner already has instead of adding copies: the note
type and deck ids are fixed, each note's GUID comes from the walkthrough's slug and the item's id, and
each note is stamped with the build's date (SOURCE_DATE_EPOCH, from the last commit), which Anki
compares to decide that an imported note is newer. The same data and date give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import sqlite3
import time
import zipfile

import genanki

from ..core.jinja import render_file
from ..core.principles import PrincipleCatalog
from ..core.schema import FollowUp, QuizItem, Section, Walkthrough
from ..core.text import md_inline
from ..core.urls import EXPORTS_DIR, export_uri, page_url
from ..exports import ZIP_DATE
from ..quiz import QuizView

ALL_DECKS = f"{EXPORTS_DIR}/star-guide.apkg"
DECK_ROOT = "STAR Guide"
# The note type every card uses: two HTML fields, as Anki's own "Basic".
NOTE_TYPE = "STAR Guide card"
CARD_CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.45; text-align: left;
  max-width: 40em; margin: 0 auto; }
blockquote { margin: 0.5em 0; padding-left: 0.8em; border-left: 3px solid #7986cb; }
.sg-card__from { font-size: 0.8em; opacity: 0.75; }
.sg-card__prompt { font-weight: 600; }
.sg-card__options li, .sg-card__answers li { margin: 0.3em 0; }
"""


def stable_id(name: str) -> int:
    """A fixed id for a note type or a deck, in the range genanki asks for (2**30 to 2**31)."""
    return (1 << 30) + int(hashlib.sha256(f"star-guide:{name}".encode()).hexdigest(), 16) % (1 << 30)


MODEL = genanki.Model(
    stable_id(f"model:{NOTE_TYPE}"),
    NOTE_TYPE,
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
    css=CARD_CSS,
)


def build_time() -> float:
    """The notes' date: the last commit's (SOURCE_DATE_EPOCH, which the Makefile and tests set), as
    MkDocs dates the sitemap; the clock for a bare `mkdocs build`."""
    return float(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def tag(text: str) -> str:
    """A tag of one word: Anki splits tags at spaces."""
    return "_".join(text.split())


def section_of_anchors(walkthrough: Walkthrough) -> dict[str, str]:
    """Which STAR(+R) section (or "follow-ups") each guide anchor teaches, for tagging quiz cards."""
    sections = {}
    for section in walkthrough.sections:
        sections[section.anchor] = sections[section.compare_anchor] = section.id
    for probe in walkthrough.follow_ups:
        sections[probe.anchor] = sections[probe.compare_anchor] = "follow-ups"
    for item in (*walkthrough.red_flags, *walkthrough.key_phrases):
        sections[item.anchor] = item.section
    return sections


class Cards:
    """The notes of one walkthrough's deck."""

    def __init__(self, walkthrough: Walkthrough, principle_slug: str, site_url: str):
        self.w = walkthrough
        self.guide = site_url.rstrip("/") + "/" + page_url("guide", walkthrough.slug)
        self.tags = [f"principle::{principle_slug}", f"walkthrough::{walkthrough.slug}"]
        self.sections = section_of_anchors(walkthrough)

    def note(self, key: tuple[str, ...], front: str, back: str, sections: list[str]) -> genanki.Note:
        star = [f"star::{tag(section)}" for section in dict.fromkeys(sections)]
        return genanki.Note(
            model=MODEL,
            fields=[front, back],
            tags=[*self.tags, *star],
            guid=genanki.guid_for(self.w.slug, *key),
        )

    def quiz_note(self, item: QuizItem) -> genanki.Note:
        """Tagged with the sections its right answers (or a rewrite's link) teach."""
        anchors = [item.options[index].link for index in item.answer] + ([item.link] if item.link else [])
        source = f"{self.guide}#{anchors[0]}" if anchors else self.guide
        front = render_file("anki/quiz_front.html.j2", w=self.w, item=item, md=md_inline)
        back = render_file(
            "anki/quiz_back.html.j2", item=item, md=md_inline, source=source,
            letter=QuizView.letter, letters=QuizView.letters,
        )
        return self.note(("quiz", item.id), front, back, [self.sections[a] for a in anchors if a in self.sections])

    def pair_note(self, pair: Section | FollowUp) -> genanki.Note:
        follow_up = isinstance(pair, FollowUp)
        part = "Follow-up probe" if follow_up else pair.name
        asked = pair.question if follow_up else None
        front = render_file("anki/pair_front.html.j2", w=self.w, pair=pair, part=part, asked=asked, md=md_inline)
        back = render_file("anki/pair_back.html.j2", pair=pair, md=md_inline, source=f"{self.guide}#{pair.compare_anchor}")
        kind = "follow-up" if follow_up else "section"
        return self.note((kind, pair.id), front, back, ["follow-ups" if follow_up else pair.id])

    def notes(self) -> list[genanki.Note]:
        return [
            *(self.quiz_note(item) for item in self.w.quiz),
            *(self.pair_note(section) for section in self.w.sections),
            *(self.pair_note(probe) for probe in self.w.follow_ups),
        ]


def deck_name(walkthrough: Walkthrough) -> str:
    return f"{DECK_ROOT}::{walkthrough.principle}::{walkthrough.title}"


def deck(walkthrough: Walkthrough, principles: PrincipleCatalog, site_url: str) -> genanki.Deck:
    principle = principles.by_name(walkthrough.principle)
    cards = Cards(walkthrough, principle.slug, site_url)
    built = genanki.Deck(
        stable_id(f"deck:{walkthrough.slug}"), deck_name(walkthrough),
        description=render_file("anki/deck.html.j2", w=walkthrough, guide=cards.guide, md=md_inline),
    )
    for note in cards.notes():
        built.add_note(note)
    return built


def apkg(decks: list[genanki.Deck], timestamp: float) -> bytes:
    """An .apkg file: a zip of the SQLite collection and an empty media list. genanki writes the
    collection to a temporary file with the clock's dates and zips it with the file's date; here the
    collection is built in memory with `timestamp`, and the zip has fixed dates."""
    connection = sqlite3.connect(":memory:")
    genanki.Package(decks).write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
    connection.commit()
    collection = connection.serialize()
    connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def deck_files(walkthroughs: list[Walkthrough], principles: PrincipleCatalog, site_url: str) -> dict[str, bytes]:
    """Every deck file of the site, by its path: one per walkthrough, and ALL_DECKS."""
    timestamp = build_time()
    decks = {w.slug: deck(w, principles, site_url) for w in walkthroughs}
    files = {export_uri(slug, "apkg"): apkg([built], timestamp) for slug, built in decks.items()}
    files[ALL_DECKS] = apkg(list(decks.values()), timestamp)
    return files
