"""The walkthrough schema: one source of truth for validation, anchors and the published JSON Schema.

Every page, export and check reads a walkthrough through these models, so a rule written here holds
everywhere. Cross-field rules that pydantic cannot express per field (slug vs file name, references to
anchors, budgets) live in `macros.core.validate`, which reports them in the same `file:line: path:
message` form.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .ids import FOLLOW_UPS, SECTION_IDS, VARIANT_IDS

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
SectionId = Literal[SECTION_IDS]
VariantId = Literal[VARIANT_IDS]
# Where something is heard: a STAR(+R) section or the answers to the follow-up probes.
HeardIn = Literal[(*SECTION_IDS, FOLLOW_UPS)]
# A walkthrough's quiz size when it sets none: hand-written items first, then derived ones up to this.
QUIZ_SIZE = 12


class Strict(BaseModel):
    """Base for every model: unknown keys are typos, and strings are never coerced from numbers."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Fact(Strict):
    """One number or fact of the story, shown in the story box and on the cheat sheet."""

    id: Slug
    label: Text
    value: Text
    note: Text


class Story(Strict):
    """The candidate's story, told once; every model answer must stay consistent with it."""

    one_line: Text
    root_cause: Text = Field(description="The technical root cause, the same in every variant.")
    facts: list[Fact] = Field(min_length=1)


class WeakLine(Strict):
    """What a weak candidate says, why it fails and what the interviewer concludes."""

    line: Text
    why: Text
    verdict: Text


class StrongLine(Strict):
    """What a strong candidate says instead, and why it works."""

    line: Text
    why: Text


class Section(Strict):
    """One STAR(+R) section: the coaching, its budget and a weak-vs-strong comparison."""

    id: SectionId
    name: Text
    coaching: Text = Field(description="What a strong section does.")
    must_show: Text = Field(description="The one thing this section must prove, for the cheat sheet.")
    budget_seconds: int | None = Field(default=None, gt=0)
    weak: WeakLine
    strong: StrongLine

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def compare_anchor(self) -> str:
        return f"{self.id}-compare"


class FollowUp(Strict):
    """A probe the interviewer asks after the story, with a weak and a strong answer."""

    id: Slug
    question: Text
    tests: Text = Field(description="What the interviewer is really checking with this probe.")
    weak: WeakLine
    strong: StrongLine

    @property
    def anchor(self) -> str:
        return f"follow-up-{self.id}"

    @property
    def compare_anchor(self) -> str:
        return f"follow-up-{self.id}-compare"


class RedFlag(Strict):
    """One line of the weak answer as an interviewer hears it, or what that answer leaves out."""

    id: Slug
    text: Text
    kind: Literal["said", "missing"]
    why: Text
    section: SectionId

    @property
    def anchor(self) -> str:
        return f"red-flag-{self.id}"


class KeyPhrase(Strict):
    """A phrase that signals the competency (use it) or sinks it (avoid it), with why."""

    id: Slug
    phrase: Text
    effect: Literal["signal", "sink"]
    why: Text
    section: SectionId

    @property
    def anchor(self) -> str:
        return f"phrase-{self.id}"


class When(Strict):
    """Who should pick a variant: the "which variant when" table row."""

    role: Text
    seniority: Text
    interviewer: Text


class Answer(Strict):
    """A complete first-person model answer, one paragraph per STAR(+R) section."""

    situation: Text
    task: Text
    action: Text
    result: Text
    reflection: Text


class Variant(Strict):
    """One way to tell the story: guidance, what it stresses and drops, and the full answer."""

    id: VariantId
    label: Text
    when: When
    guidance: Text
    stresses: Text
    drops: Text
    answer: Answer

    @property
    def anchor(self) -> str:
        # pymdownx.tabbed builds tab ids as "<heading id>-<slug of label>" (combine_header_slug).
        return f"variants-{self.id}"


class Timing(Strict):
    """Speaking-time budgets, checked at build against every model answer."""

    pace_wpm: int = Field(gt=0, description="Words a minute used to turn word counts into seconds.")
    total_seconds: dict[VariantId, int] = Field(
        description="The longest a variant's whole answer may take, per variant id."
    )


class QuizOption(Strict):
    """One choice of a quiz item, with why it is right or wrong; `link` names the guide anchor that teaches it."""

    text: Text
    why: Text
    link: Slug


class QuizItem(Strict):
    """A self-check item: single choice, multiple select, classify (into a section) or a rewrite.

    classify items list the sections as options; rewrite items carry a model rewrite and a checklist
    instead of options.
    """

    id: Slug
    type: Literal["single", "multiple", "classify", "rewrite"]
    prompt: Text
    quote: Text | None = Field(default=None, description="The line the question is about, if any.")
    options: list[QuizOption] = Field(default_factory=list)
    answer: list[int] = Field(default_factory=list, description="Zero-based indices of the correct options.")
    model_answer: Text | None = None
    checklist: list[Text] = Field(default_factory=list)
    link: Slug | None = Field(default=None, description="Anchor that teaches a rewrite item.")


class Walkthrough(Strict):
    """One interview question, as one YAML file under data/walkthroughs/."""

    slug: Slug
    title: Text = Field(description="Short title for navigation.")
    question: Text
    framework: Text = Field(description='The frame, e.g. "Amazon Leadership Principles".')
    principle: Text
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=50, max_length=160)]
    summary: Text
    takeaways: list[Text] = Field(min_length=1)
    story: Story
    sections: list[Section] = Field(min_length=5, max_length=5)
    follow_ups: list[FollowUp] = Field(min_length=1)
    red_flags: list[RedFlag] = Field(min_length=1)
    key_phrases: list[KeyPhrase] = Field(min_length=1)
    timing: Timing
    variants: list[Variant] = Field(min_length=5, max_length=5)
    quiz: list[QuizItem] = Field(
        default_factory=list,
        description="Hand-written quiz items, asked first; the build adds items derived from the data up to `quiz_size`.",
    )
    quiz_size: int = Field(
        default=QUIZ_SIZE,
        gt=0,
        description="How many items the quiz has: derived items fill up to it after the hand-written ones (never dropped).",
    )
    draft: bool = Field(
        default=False,
        description="A draft may lack any field; the build lists what is missing and publishes it only as a preview (SG_DRAFTS=1).",
    )

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def variant(self, variant_id: str) -> Variant:
        return next(v for v in self.variants if v.id == variant_id)

