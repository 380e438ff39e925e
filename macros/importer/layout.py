"""The walkthrough document's layout: which line of the document goes into which field.

A document is one paragraph a line, headings and labels stripped (blank lines are ignored; line
numbers are the file's own). The layout is positional, with counts that vary:

    1            the question and the frame: "<question> - <frame> STAR Walkthrough"
    2            the summary, naming the principle: "... demonstrates <Principle> by ..."
    3-12         five pairs, Situation to Reflection: the coaching, then the common mistake
    then         follow-up probes, three lines each: the weak answer in quotes, why it fails, the strong answer
    then         the weak answer as bullets ("- ...")
    then         notes on key phrases, one a line
    last 11      the variants: outcome-first, ownership and technical (guidance, stresses, drops each),
                 then junior and senior (guidance only)

A line that fits nowhere stops the import with its number and what the layout expected there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..core.ids import SECTION_IDS, VARIANT_IDS

# Variants and how many lines each has in the document: guidance, then stresses and drops.
VARIANT_LINES = {"outcome-first": 3, "ownership": 3, "technical": 3, "junior": 1, "senior": 1}
VARIANT_FIELDS = ("guidance", "stresses", "drops")
TAIL = sum(VARIANT_LINES.values())
PAIRS = len(SECTION_IDS)
FIRST_FOLLOW_UP = 2 + 2 * PAIRS  # index among the document's lines
TITLE = re.compile(r"^(?P<question>.+?)\s+[-–—]\s+(?P<frame>.+?)\s+STAR\s+Walkthrough\.?$", re.I)
PRINCIPLE = re.compile(r"\bdemonstrates\s+(?P<principle>.+?)\s+by\b")
TAKEAWAYS = re.compile(r"\bKey takeaways?:\s*(?P<list>.+)$", re.I)
# A sentence ends at . ! or ? before a space and a capital, a digit or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'A-Z0-9$])")
# The weak line quoted at the start of the common mistake: first-person words, then " - " and the why.
QUOTED_MISTAKE = re.compile(r"^(?P<said>(?:I|I'm|I’m|We|My|Our)\b[^-–—]*?)\s+[-–—]\s+\S")
# The interviewer's verdict starts at the sentence that names the interviewer, or else at the second.
VERDICT_START = re.compile(r"^(?:the\s+)?interviewer\b", re.I)
# A bullet that names what the answer lacks, rather than a line of it.
MISSING_BULLET = re.compile(r"^(?:no|missing|lacks?|without|never)\b", re.I)
QUOTES = "\"“”‘’'"
# Words that do not name the question, left out of its slug.
SLUG_STOP_WORDS = frozenset(
    "a about an and are at by describe did do example for from give had has have how i in is it me of on or "
    "our share situation tell that the there time to walk was we were what when where which who why with "
    "you your".split()
)
SLUG_WORDS = 4
FLAG_ID_WORDS = 3


class DocumentError(Exception):
    """The document cannot be imported: the line (1-based) and what the layout expected there."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True)
class Sourced:
    """A value for one field, with the document line it comes from and, when it is only part of the
    line, which part."""

    path: str
    text: str
    line: int
    how: str = ""

    @property
    def note(self) -> str:
        return f"line {self.line}" + (f": {self.how}" if self.how else "")


@dataclass
class Line:
    number: int
    text: str

    @property
    def bullet(self) -> bool:
        return self.text.startswith("- ")

    @property
    def quoted(self) -> bool:
        return self.text[:1] in QUOTES and self.text[-1:] in QUOTES and len(self.text) > 1


@dataclass
class Section:
    id: str
    name: str
    coaching: Sourced
    weak_line: Sourced | None
    why: Sourced
    verdict: Sourced | None


@dataclass
class FollowUp:
    weak_line: Sourced
    why: Sourced
    verdict: Sourced | None
    strong_line: Sourced


@dataclass
class RedFlag:
    id: Sourced
    text: Sourced
    kind: Sourced


@dataclass
class Variant:
    id: str
    label: str
    parts: dict[str, Sourced]


@dataclass
class Parsed:
    """Everything the document gives, field by field."""

    question: Sourced
    title: Sourced
    frame: Sourced
    principle: Sourced
    summary: Sourced
    takeaways: list[Sourced]
    sections: list[Section]
    follow_ups: list[FollowUp]
    red_flags: list[RedFlag]
    phrase_notes: list[Sourced]
    variants: list[Variant]
    notes: list[str] = field(default_factory=list)  # what the report should say besides the placements

    def placed(self) -> list[Sourced]:
        """Every value placed from the document, in document order."""
        values = [self.title, self.question, self.frame, self.principle, self.summary, *self.takeaways]
        for s in self.sections:
            values += [s.coaching, s.weak_line, s.why, s.verdict]
        for f in self.follow_ups:
            values += [f.weak_line, f.why, f.verdict, f.strong_line]
        for flag in self.red_flags:
            values += [flag.id, flag.text, flag.kind]
        values += self.phrase_notes
        for v in self.variants:
            values += list(v.parts.values())
        return sorted((v for v in values if v is not None), key=lambda v: v.line)


# --- Reading ---------------------------------------------------------------------------------------


def read_lines(data: bytes) -> list[Line]:
    """The document's non-blank lines, numbered as in the file; DocumentError for what is not text."""
    if b"\0" in data:
        raise DocumentError(data[: data.index(b"\0")].count(b"\n") + 1, "binary data (a NUL byte): expected a plain-text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DocumentError(line, f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the document as UTF-8") from None
    lines = []
    for number, raw in enumerate(text.split("\n"), 1):
        raw = raw.rstrip("\r")
        odd = next((c for c in raw if unicodedata.category(c) in ("Cc", "Zl", "Zp") and c != "\t"), None)
        if odd is not None:
            raise DocumentError(number, f"a control character (U+{ord(odd):04X}): expected plain text, one paragraph a line")
        words = " ".join(raw.split())
        if words:
            lines.append(Line(number, words))
    if not lines:
        raise DocumentError(1, "the document is empty")
    return lines


# --- Placing ---------------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(text) if part]


def _period(text: str) -> str:
    return text if text[-1:] in ".!?…" else f"{text}."


def _unquoted(text: str) -> str:
    return text.strip(QUOTES).strip()


def slug_of(question: str) -> str:
    """A short slug from the question's words that name it: the first few, stop words left out."""
    ascii_text = unicodedata.normalize("NFKD", question).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))
    named = [word for word in words if word not in SLUG_STOP_WORDS] or words
    return "-".join(named[:SLUG_WORDS])


def _expect(line: Line, what: str, section_hint: str) -> None:
    """A line in a part of the layout where no bullet or quoted answer belongs."""
    if line.bullet or line.quoted:
        kind = "a bullet" if line.bullet else "a quoted answer"
        raise DocumentError(line.number, f"expected {what}, found {kind}: {section_hint}")


def weak_parts(line: Line, path: str) -> tuple[Sourced, Sourced | None]:
    """The why (the first sentence) and the interviewer's verdict (the rest, from the sentence that
    names the interviewer if a later one does)."""
    parts = sentences(line.text)
    start = next((i for i in range(1, len(parts)) if VERDICT_START.match(parts[i])), 1)
    why = " ".join(parts[:start])
    how = "the whole line" if start == len(parts) else ("the first sentence" if start == 1 else f"the first {start} sentences")
    verdict = None
    if start < len(parts):
        verdict = Sourced(f"{path}.verdict", " ".join(parts[start:]), line.number, f"from sentence {start + 1} on")
    return Sourced(f"{path}.why", why, line.number, how), verdict


def parse(lines: list[Line], principles: list[str], framework: str | None) -> Parsed:
    """Place every line of the document in its field; DocumentError at the first line that fits nowhere."""
    notes: list[str] = []
    title = TITLE.match(lines[0].text)
    if lines[0].number != 1 or not title:
        raise DocumentError(
            lines[0].number,
            "expected the title: the interview question, then ' - <frame> STAR Walkthrough' "
            "(as in '… - Amazon LP STAR Walkthrough'); this does not look like a walkthrough document",
        )
    question_text = title["question"].strip()
    question = Sourced("question", question_text, 1, "before ' - '")
    title_value = Sourced("title", question_text, 1, "the question: shorten it for the navigation")
    frame = Sourced("framework", _framework(title["frame"], framework, notes), 1, f"the frame, '{title['frame']} STAR Walkthrough'")

    if len(lines) < 2:
        raise DocumentError(lines[0].number + 1, "expected the summary, naming the principle ('… demonstrates <Principle> by …'); the document ends")
    second = lines[1]
    _expect(second, "the summary", "the second paragraph is the summary")
    named = PRINCIPLE.search(second.text)
    if not named:
        raise DocumentError(second.number, "expected the summary, which names the principle as '… demonstrates <Principle> by …'")
    principle = Sourced("principle", _principle(named["principle"], principles, notes), second.number, "'demonstrates … by'")
    summary = Sourced("summary", second.text, second.number)
    takeaways = _takeaways(second)

    if len(lines) < FIRST_FOLLOW_UP:
        at = lines[-1].number + 1
        raise DocumentError(at, f"expected the five coaching and common-mistake pairs, Situation to Reflection; the document ends after {len(lines) - 2} of their 10 lines")
    sections = []
    for index, section_id in enumerate(SECTION_IDS):
        coaching_line, mistake_line = lines[2 + 2 * index], lines[3 + 2 * index]
        name = section_id.capitalize()
        hint = "lines 3 to 12 are five pairs, Situation to Reflection: the coaching, then the common mistake"
        _expect(coaching_line, f"the coaching for the {name}", hint)
        _expect(mistake_line, f"the common mistake in the {name}", hint)
        path = f"sections[{index}]"
        why, verdict = weak_parts(mistake_line, f"{path}.weak")
        said = QUOTED_MISTAKE.match(mistake_line.text)
        weak_line = Sourced(f"{path}.weak.line", _period(said["said"]), mistake_line.number, "the words before ' - '") if said else None
        sections.append(Section(section_id, name, Sourced(f"{path}.coaching", coaching_line.text, coaching_line.number), weak_line, why, verdict))

    rest = lines[FIRST_FOLLOW_UP:]
    first_bullet = next((i for i, line in enumerate(rest) if line.bullet), None)
    if first_bullet is None:
        at = rest[0].number if rest else lines[-1].number + 1
        raise DocumentError(at, "expected the weak answer as bullets ('- …') after the follow-ups; the document has none")
    follow_ups = _follow_ups(rest[:first_bullet])
    after = rest[first_bullet:]
    bullets = []
    while after and after[0].bullet:
        bullets.append(after.pop(0))
    red_flags: list[RedFlag] = []
    for line in bullets:
        red_flags.append(_red_flag(line, len(red_flags), {flag.id.text for flag in red_flags}))

    if len(after) < TAIL:
        at = after[-1].number + 1 if after else bullets[-1].number + 1
        raise DocumentError(
            at,
            f"expected the {TAIL} lines of the variants after the notes on key phrases (outcome-first, ownership "
            f"and technical: guidance, stresses, drops; junior and senior: guidance); the document ends with {len(after)} line(s) after the bullets",
        )
    notes_lines, tail = after[: len(after) - TAIL], after[len(after) - TAIL:]
    for line in notes_lines + tail:
        if line.bullet:
            raise DocumentError(
                line.number,
                f"a bullet after the weak answer's bullets ended at line {bullets[-1].number}: the weak answer is one run of bullets, "
                "then notes on key phrases and the variants",
            )
        if line.quoted:
            raise DocumentError(line.number, "a quoted answer after the weak answer's bullets: follow-ups come before the bullets")
    phrase_notes = [Sourced(f"key_phrases[{i}].why", line.text, line.number) for i, line in enumerate(notes_lines)]
    variants, position = [], 0
    for index, variant_id in enumerate(VARIANT_IDS):
        parts = {}
        for name in VARIANT_FIELDS[: VARIANT_LINES[variant_id]]:
            line = tail[position]
            parts[name] = Sourced(f"variants[{index}].{name}", line.text, line.number)
            position += 1
        variants.append(Variant(variant_id, variant_id.capitalize(), parts))
    return Parsed(question, title_value, frame, principle, summary, takeaways, sections, follow_ups, red_flags,
                  phrase_notes, variants, notes)


def _framework(frame: str, framework: str | None, notes: list[str]) -> str:
    """The catalog's framework when the frame names it, in full or with its trailing words as initials
    ("Amazon LP" for "Amazon Leadership Principles"); else the frame as written."""
    if framework:
        words, frame_words = framework.split(), frame.split()
        head, initials = frame_words[:-1], frame_words[-1] if frame_words else ""
        short = words[: len(head)] == head and initials == "".join(word[0] for word in words[len(head):])
        if frame.lower() == framework.lower() or short:
            return framework
        notes.append(f"line 1: the frame '{frame}' is not the principles catalog's '{framework}': kept as written")
    return frame


def _principle(name: str, principles: list[str], notes: list[str]) -> str:
    known = {p.lower(): p for p in principles}
    if name.lower() in known:
        return known[name.lower()]
    notes.append(f"line 2: '{name}' is not a principle of data/principles.yml: the build will ask for one that is")
    return name


def _takeaways(line: Line) -> list[Sourced]:
    found = TAKEAWAYS.search(line.text)
    if not found:
        return []
    items = [item.strip(" .") for item in re.split(r",\s+(?:and\s+)?", found["list"])]
    return [
        Sourced(f"takeaways[{i}]", _period(item[0].upper() + item[1:]), line.number, "'Key takeaways:' split at its commas")
        for i, item in enumerate(items)
        if item
    ]


def _follow_ups(lines: list[Line]) -> list[FollowUp]:
    """Groups of three lines, each starting with a quoted weak answer."""
    starts = [i for i, line in enumerate(lines) if line.quoted]
    if lines and (not starts or starts[0] != 0):
        raise DocumentError(
            lines[0].number,
            "expected a follow-up's weak answer in quotes (\"…\") or the weak answer's bullets ('- …'): "
            "the five coaching and common-mistake pairs end at the line before",
        )
    follow_ups = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        group = lines[start:end]
        if len(group) != 3:
            span = f"line {group[0].number}" if len(group) == 1 else f"lines {group[0].number} to {group[-1].number}"
            raise DocumentError(
                group[0].number,
                f"this follow-up has {len(group)} line{'s' * (len(group) != 1)} ({span}); a follow-up is three: "
                "the weak answer in quotes, why it fails, the strong answer",
            )
        answer, fails, strong = group
        path = f"follow_ups[{len(follow_ups)}]"
        why, verdict = weak_parts(fails, f"{path}.weak")
        follow_ups.append(FollowUp(
            Sourced(f"{path}.weak.line", _unquoted(answer.text), answer.number, "without its quotes"),
            why, verdict, Sourced(f"{path}.strong.line", strong.text, strong.number),
        ))
    return follow_ups


def _red_flag(line: Line, index: int, taken: set[str]) -> RedFlag:
    text = line.text[2:].strip()
    missing = bool(MISSING_BULLET.match(text))
    words = [w for w in re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("'", ""))]
    if words[:1] == ["i"] and len(words) > 1:
        words = words[1:]
    path = f"red_flags[{index}]"
    flag_id = "-".join(words[:FLAG_ID_WORDS]) or "flag"
    if flag_id in taken:  # two bullets that start alike: number the later one
        flag_id = next(f"{flag_id}-{n}" for n in range(2, len(taken) + 3) if f"{flag_id}-{n}" not in taken)
    return RedFlag(
        Sourced(f"{path}.id", flag_id, line.number, "from its first words"),
        Sourced(f"{path}.text", text, line.number, "the bullet"),
        Sourced(f"{path}.kind", "missing" if missing else "said", line.number,
                "names what the answer lacks" if missing else "a line of the answer as heard"),
    )
