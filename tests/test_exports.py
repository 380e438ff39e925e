"""The LMS exports in the built site: JSON against its schema, QTI 1.2 and GIFT carrying every question.

Each format is read back the way an importer would (xml.etree, a small GIFT parser, jsonschema and
the pydantic model) and compared with the walkthrough data, so a question or a right answer lost on
the way fails here.
"""

from __future__ import annotations

import html
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

import pytest
from jsonschema import Draft202012Validator

from support import normal
from support.data import fixture_walkthrough
from macros import exports
from macros.core.schema import QuizItem, QuizOption, Walkthrough

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
IMSCP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def built(site, walkthrough, kind: str):
    path = site / exports.export_uri(walkthrough.slug, kind)
    assert path.is_file(), f"{path.relative_to(site)} was not built"
    return path


def plain(markup: str) -> str:
    """The text of an HTML fragment, as an LMS shows it."""
    return normal(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


# --- JSON and schema ----------------------------------------------------------------------------------


def test_every_export_is_in_the_built_site(site, walkthrough):
    expected = exports.site_files({walkthrough.slug: walkthrough})
    for uri, content in expected.items():
        path = site / uri
        assert path.is_file(), f"{uri} was not built"
        data = path.read_bytes()
        assert data == (content if isinstance(content, bytes) else content.encode("utf-8")), f"{uri} differs"


def test_json_validates_against_the_schema_and_round_trips(site, walkthrough):
    schema = json.loads((site / exports.SCHEMA_URI).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    text = built(site, walkthrough, "json").read_text(encoding="utf-8")
    errors = sorted(Draft202012Validator(schema).iter_errors(json.loads(text)), key=str)
    assert not errors, "\n".join(error.message for error in errors)
    assert Walkthrough.model_validate_json(text) == walkthrough


def test_the_schema_is_the_models_own(site):
    schema = json.loads((site / exports.SCHEMA_URI).read_text(encoding="utf-8"))
    assert schema.pop("$schema") == "https://json-schema.org/draft/2020-12/schema"
    assert schema == Walkthrough.model_json_schema()


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(lambda data: data.pop("principle"), id="missing-field"),  # quiz: is optional
        pytest.param(lambda data: data.update(sections=data["sections"][:4]), id="four-sections"),
        pytest.param(lambda data: data["quiz"][0].update(type="essay"), id="unknown-quiz-type"),
        pytest.param(lambda data: data.update(colour="blue"), id="unknown-field"),
        pytest.param(lambda data: data["timing"].update(pace_wpm="150"), id="number-as-string"),
    ],
)
def test_the_schema_rejects_what_the_model_rejects(site, walkthrough, breakage):
    schema = json.loads((site / exports.SCHEMA_URI).read_text(encoding="utf-8"))
    data = json.loads(built(site, walkthrough, "json").read_text(encoding="utf-8"))
    breakage(data)
    assert list(Draft202012Validator(schema).iter_errors(data)), "the schema accepted broken data"


# --- QTI 1.2 -----------------------------------------------------------------------------------------


def qti_items(root: ET.Element) -> dict[str, ET.Element]:
    return {item.get("ident"): item for item in root.iter(f"{QTI}item")}


def metadata(item: ET.Element) -> dict[str, str]:
    return {
        field_.findtext(f"{QTI}fieldlabel"): field_.findtext(f"{QTI}fieldentry")
        for field_ in item.iter(f"{QTI}qtimetadatafield")
    }


def scored_choices(item: ET.Element) -> set[str]:
    """The option idents that earn full credit: the respcondition that sets SCORE to 100."""
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is None or setvar.text != "100":
            continue
        negated = {var for not_ in condition.iter(f"{QTI}not") for var in not_.iter(f"{QTI}varequal")}
        return {var.text for var in condition.iter(f"{QTI}varequal") if var not in negated}
    return set()


def feedback(item: ET.Element) -> dict[str, str]:
    return {fb.get("ident"): normal("".join(fb.itertext())) for fb in item.iter(f"{QTI}itemfeedback")}


def check_qti(root: ET.Element, walkthrough: Walkthrough) -> None:
    assert root.tag == f"{QTI}questestinterop"
    items = qti_items(root)
    assert len(items) == len(walkthrough.quiz), "one QTI item per quiz question"
    for question in walkthrough.quiz:
        item = items[f"{walkthrough.slug}-{question.id}"]
        assert metadata(item)["question_type"] == exports.QTI_TYPES[question.type]
        text = plain(item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text)
        assert normal(question.prompt) in text
        if question.quote:
            assert normal(question.quote) in text
        notes = feedback(item)
        if question.type == "rewrite":
            assert item.find(f".//{QTI}response_str") is not None
            general = plain(notes["general_fb"])
            assert normal(question.model_answer) in general
            for check in question.checklist:
                assert normal(check) in general
            continue
        response = item.find(f".//{QTI}response_lid")
        assert response.get("rcardinality") == ("Multiple" if question.type == "multiple" else "Single")
        labels = response.findall(f".//{QTI}response_label")
        assert [normal(label.findtext(f".//{QTI}mattext")) for label in labels] == [
            normal(option.text) for option in question.options
        ]
        idents = [label.get("ident") for label in labels]
        assert scored_choices(item) == {idents[index] for index in question.answer}, question.id
        for ident, option in zip(idents, question.options):
            assert notes[f"{ident}_fb"] == normal(option.why)


def test_qti_is_well_formed_and_carries_every_question_and_answer(site, walkthrough):
    root = ET.parse(built(site, walkthrough, "qti.xml")).getroot()
    check_qti(root, walkthrough)


def test_qti_zip_is_the_qti_file_with_its_manifest(site, walkthrough):
    data = built(site, walkthrough, "qti.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        resources = manifest.findall(f"{IMSCP}resources/{IMSCP}resource")
        assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"]
        href = resources[0].find(f"{IMSCP}file").get("href")
        assert archive.read(href) == built(site, walkthrough, "qti.xml").read_bytes()
    assert exports.qti_package(walkthrough) == data, "the package must be the same bytes on every build"


# --- GIFT --------------------------------------------------------------------------------------------


@dataclass
class GiftAnswer:
    correct: bool
    weight: float | None
    text: str
    feedback: str


@dataclass
class GiftQuestion:
    title: str
    text: str
    answers: list[GiftAnswer] = field(default_factory=list)
    general_feedback: str = ""


def split_unescaped(text: str, separators: str) -> list[tuple[str, str]]:
    """Split `text` at unescaped separator characters: [(separator before the part, part)]."""
    parts, current, before, index = [], "", "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index : index + 2]
            index += 2
            continue
        if char in separators:
            parts.append((before, current))
            before, current = char, ""
        else:
            current += char
        index += 1
    parts.append((before, current))
    return parts


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def parse_gift(text: str) -> list[GiftQuestion]:
    """Moodle's reading of a GIFT file, for what this project writes: titles, choices, weights, feedback."""
    questions = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("//") and not line.startswith("$CATEGORY")]
        body = "\n".join(lines).strip()
        if not body:
            continue
        match = re.fullmatch(r"::(?P<title>(?:\\.|[^:\\])+)::(?P<rest>.*)", body, re.DOTALL)
        assert match, f"no ::title:: in {body[:60]!r}"
        rest = match["rest"]
        parts = split_unescaped(rest, "{")
        assert len(parts) == 2, f"expected one answer block in {match['title']}"
        (_, head), (_, answers) = parts
        assert answers.rstrip().endswith("}"), f"unclosed answers in {match['title']}"
        answers = answers.rstrip()[:-1]
        question = GiftQuestion(gift_unescape(match["title"]), gift_unescape(head.removeprefix("[html]")))
        general = answers.split("####", 1)
        if len(general) == 2:
            question.general_feedback = gift_unescape(general[1])
            answers = general[0]
        for marker, part in split_unescaped(answers, "=~"):
            if not marker:
                assert not part.strip(), f"text before the first answer in {question.title}"
                continue
            pieces = split_unescaped(part, "#")
            answer_text, note = pieces[0][1], "".join(p for _, p in pieces[1:])
            weight = None
            weighted = re.match(r"\s*%(-?[\d.]+)%", answer_text)
            if weighted:
                weight, answer_text = float(weighted[1]), answer_text[weighted.end():]
            question.answers.append(GiftAnswer(marker == "=", weight, gift_unescape(answer_text), gift_unescape(note)))
        questions.append(question)
    return questions


def check_gift(text: str, walkthrough: Walkthrough) -> None:
    questions = {q.title: q for q in parse_gift(text)}
    assert len(questions) == len(walkthrough.quiz), "one GIFT question per quiz question"
    for item in walkthrough.quiz:
        question = questions[item.id]
        assert normal(item.prompt) in plain(question.text)
        if item.quote:
            assert normal(item.quote) in plain(question.text)
        if item.type == "rewrite":
            assert question.answers == [], "a rewrite is an essay: no answers"
            assert normal(item.model_answer) in plain(question.general_feedback)
            continue
        assert [plain(a.text) for a in question.answers] == [normal(o.text) for o in item.options]
        assert [plain(a.feedback) for a in question.answers] == [normal(o.why) for o in item.options]
        if item.type == "multiple":
            right = [a.weight for i, a in enumerate(question.answers) if i in item.answer]
            wrong = [a.weight for i, a in enumerate(question.answers) if i not in item.answer]
            assert all(w is not None and w > 0 for w in right) and sum(right) == pytest.approx(100, abs=0.01)
            assert all(w is not None and w < 0 for w in wrong)
        else:
            assert [i for i, a in enumerate(question.answers) if a.correct] == item.answer


def test_gift_holds_every_question_with_its_answers(site, walkthrough):
    check_gift(built(site, walkthrough, "gift.txt").read_text(encoding="utf-8"), walkthrough)


def test_gift_parser_reads_what_moodle_documents():
    """The test's parser against a hand-written GIFT sample, so it cannot agree with the exporter by accident."""
    sample = (
        "// comment\n::Q1::[html]<p>What is 1 \\= 1?</p> {\n=yes#right\\: well done\n~no#wrong\n}\n\n"
        "::Q2::Pick two {\n~%50%a#ok\n~%50%b\n~%-100%c#no\n}\n\n::Q3::Write it {\n####model\n}\n"
    )
    q1, q2, q3 = parse_gift(sample)
    assert (q1.title, plain(q1.text)) == ("Q1", "What is 1 = 1?")
    assert [(a.correct, a.text, a.feedback) for a in q1.answers] == [(True, "yes", "right: well done"), (False, "no", "wrong")]
    assert [(a.weight, a.text) for a in q2.answers] == [(50, "a"), (50, "b"), (-100, "c")]
    assert (q3.answers, q3.general_feedback) == ([], "model")


# --- Escaping, on text full of special characters ----------------------------------------------------

NASTY = 'Say "we" {never} ~ever: #1 = <b>bold</b> & \\ back'


def nasty_walkthrough() -> Walkthrough:
    """The fixture walkthrough with a quiz whose every text uses GIFT's and XML's special characters."""
    base = fixture_walkthrough()
    options = [QuizOption(text=f"{NASTY} {i}", why=f"why {NASTY} {i}", link="action") for i in range(3)]
    quiz = [
        QuizItem(id="nasty-single", type="single", prompt=NASTY, quote=NASTY, options=options, answer=[2]),
        QuizItem(id="nasty-multiple", type="multiple", prompt=NASTY, options=options, answer=[0, 1]),
        QuizItem(id="nasty-classify", type="classify", prompt=NASTY, options=options, answer=[0]),
        QuizItem(
            id="nasty-rewrite", type="rewrite", prompt=NASTY, quote=NASTY, model_answer=NASTY,
            checklist=[NASTY], link="action",
        ),
    ]
    return base.model_copy(update={"quiz": quiz})


def test_special_characters_survive_gift_and_qti():
    walkthrough = nasty_walkthrough()
    check_gift(exports.gift_text(walkthrough), walkthrough)
    check_qti(ET.fromstring(exports.qti_xml(walkthrough)), walkthrough)


def test_gift_escape_escapes_every_special_character():
    escaped = exports.gift_escape("~=#{}:\\")
    assert escaped == "\\~\\=\\#\\{\\}\\:\\\\"
    assert gift_unescape(escaped) == "~=#{}:\\"
    assert "\n" not in exports.gift_escape("two\n\nparagraphs"), "a blank line would end the question"


def test_the_fixture_walkthrough_exports_too():
    """The test-only walkthrough (other question types and counts) goes through every format."""
    walkthrough = fixture_walkthrough()
    check_qti(ET.fromstring(exports.qti_xml(walkthrough)), walkthrough)
    check_gift(exports.gift_text(walkthrough), walkthrough)
    schema = exports.walkthrough_schema()
    assert not list(Draft202012Validator(schema).iter_errors(json.loads(exports.walkthrough_json(walkthrough))))
