// The story rules in JavaScript (docs/assets/sg/practice.js) against the same fixtures as Python
// (tests/test_rules.py): stories.json, written by hand, and practice-cases.json, which holds every
// sample line and model answer with what macros/practice/rules.py found in it. Equal results: no drift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyze, sentences, suggest, words } from "../../docs/assets/sg/practice.js";

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
const { payload, samples, data } = fixture("practice-cases.json");
const { stories } = fixture("stories.json");
const { rules } = payload;
const byslug = Object.fromEntries(payload.walkthroughs.map((w) => [w.slug, w]));
const run = (slug, story, role) => analyze(rules, byslug[slug], story, role);
const problems = (result) => result.findings.filter((f) => f.level == "problem");
const level = (result, section) => {
  const i = rules.rubric.findIndex((line) => line.section == section);
  return i < 0 ? null : result.scores[i].level;
};
// Without offsets (UTF-16 units here, code points in Python): what both interpreters must agree on.
const normal = (result, story) => ({
  findings: result.findings
    .map((f) => [f.level, f.rule, f.part, f.match, f.sentence ? story[f.part].slice(...f.sentence) : null, f.message, f.link])
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0)),
  scores: result.scores,
  timing: result.timing,
});
const count = (items) => {
  const out = {};
  for (const item of items) out[JSON.stringify(item)] = (out[JSON.stringify(item)] || 0) + 1;
  return out;
};
// Python sorts by json.dumps, which escapes non-ASCII; sort both sides the same way before comparing.
const resort = (n) => ({ ...n, findings: [...n.findings].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) });

test("every sample and model answer gets exactly what Python found", () => {
  assert.ok(samples.length > 50, "practice-cases.json has too few samples");
  for (const sample of samples) {
    const got = normal(run(sample.walkthrough, sample.story, sample.role), sample.story);
    assert.deepEqual(resort(got), resort(sample.expect), `${sample.walkthrough} ${sample.kind} ${JSON.stringify(sample.story).slice(0, 80)}`);
  }
});

for (const story of stories) {
  test(`story: ${story.name}`, () => {
    const result = run(story.walkthrough, story.story, story.role);
    const triples = (lvl) => count(result.findings.filter((f) => f.level == lvl).map((f) => [f.rule, f.part, f.match]));
    assert.deepEqual(triples("problem"), count(story.expect.problems));
    if (story.expect.credited) assert.deepEqual(triples("ok"), count(story.expect.credited));
    assert.deepEqual(Object.fromEntries(result.scores.map((s) => [s.id, [s.passed, s.total]])), story.expect.scores);
    const seconds = Object.fromEntries(result.timing.parts.filter((p) => p.seconds).map((p) => [p.id, p.seconds]));
    assert.deepEqual({ ...seconds, total: result.timing.total.seconds }, story.expect.seconds);
  });
}

test("every model answer passes every rule", () => {
  for (const w of payload.walkthroughs)
    for (const [role, answer] of Object.entries(w.answers))
      assert.deepEqual(problems(run(w.slug, answer, role)).map((f) => f.message), [], `${w.slug} ${role}`);
});

test("every weak line of every walkthrough is flagged for the right reason", () => {
  const real = samples.filter((s) => data.includes(s.walkthrough));
  const pairs = {};
  for (const s of real.filter((s) => s.kind == "weak" || s.kind == "strong"))
    ((pairs[`${s.walkthrough} ${Object.keys(s.story)[0]}`] ||= {})[s.kind] = s);
  assert.ok(Object.keys(pairs).length >= 6);
  for (const [where, { weak, strong }] of Object.entries(pairs)) {
    const w = run(weak.walkthrough, weak.story), st = run(strong.walkthrough, strong.story);
    const strongRules = new Set(problems(st).map((f) => f.rule));
    assert.ok(problems(w).some((f) => !strongRules.has(f.rule)), `${where}: the weak line is not flagged beyond the strong one`);
    if (level(w, weak.section) != null) {
      assert.ok(level(w, weak.section) < 3, `${where}: the weak line keeps full marks`);
      assert.equal(level(st, strong.section), 3, `${where}: the strong line loses marks`);
    }
  }
  for (const s of real.filter((s) => s.kind == "red-flag" || s.kind == "sink")) {
    const text = Object.values(s.story)[0], result = run(s.walkthrough, s.story);
    assert.ok(problems(result).some((f) => f.match && text.includes(f.match)), `${text}: not flagged at its words`);
    assert.notEqual(level(result, s.section), 3, `${text}: keeps full marks`);
  }
  for (const s of real.filter((s) => s.kind == "signal"))
    assert.deepEqual(problems(run(s.walkthrough, s.story)).filter((f) => f.match), [], JSON.stringify(s.story));
});

test("every pattern compiles in JavaScript and never matches nothing", () => {
  const all = [...rules.rules.flatMap((r) => [...r.patterns, ...r.when]), ...Object.values(rules.suggest).flat()];
  assert.ok(all.length > 40);
  for (const p of all) assert.ok(!new RegExp(`^(?:${p})$`, "i").test(""), p);
});

test("sentences end at . ! ? … before a space or a line break, not inside a number", () => {
  const text = "It dropped 0.3% of events. Why? Nobody knew…\n- a bullet\n“Quoted.” Done";
  assert.deepEqual(sentences(text).map(([s, e]) => text.slice(s, e)), [
    "It dropped 0.3% of events.", "Why?", "Nobody knew…", "- a bullet", "“Quoted.”", "Done",
  ]);
  assert.equal(words("  two\nwords "), 2);
});

test("a pasted model answer splits back into its sections (measured over every model answer)", () => {
  let right = 0, all = 0;
  for (const w of payload.walkthroughs)
    for (const answer of Object.values(w.answers)) {
      const split = suggest(Object.values(answer).join(" "), rules.suggest, payload.sections);
      for (const [id, text] of Object.entries(answer))
        for (const [s, e] of sentences(text)) {
          all++;
          if (split[id].includes(text.slice(s, e))) right++;
        }
    }
  console.log(`# paste split: ${right} of ${all} sentences land in their section (${((100 * right) / all).toFixed(1)}%)`);
  assert.ok(right / all >= 0.9, `only ${right} of ${all}`);
});
