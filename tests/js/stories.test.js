// The story bank's pure logic (docs/assets/sg/stories.js): import validation, the coverage matrix,
// the Markdown copy and the stored format's migration.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { SPEC, coverage, covered, markdown, parseBank, problems } from "../../docs/assets/sg/stories.js";
import { read } from "../../docs/assets/sg/store.js";

const PRINCIPLES = [
  { slug: "ownership", name: "Ownership" },
  { slug: "dive-deep", name: "Dive Deep" },
  { slug: "frugality", name: "Frugality" },
];
const SLUGS = PRINCIPLES.map((p) => p.slug);
const BANK = {
  version: 1,
  stories: [
    { id: "a", title: "Webhook drop", summary: "Found a silent 0.3% loss", principles: ["ownership", "dive-deep"], mood: "extra field" },
    { id: "b", title: "Cost spike", principles: ["dive-deep"] },
  ],
  primary: { "dive-deep": "b", ownership: "gone" },
  backup: { "dive-deep": "a" },
};

describe("import validation", () => {
  it("accepts the documented format and keeps extra fields", () => {
    const { data } = parseBank(JSON.stringify(BANK), SLUGS);
    assert.equal(data.stories[0].mood, "extra field");
    assert.deepEqual(data.primary, BANK.primary);
  });

  it("gives a story without an id or principles both", () => {
    const { data } = parseBank('{"version":1,"stories":[{"title":"T"}]}', SLUGS);
    assert.deepEqual(data.stories[0].principles, []);
    assert.match(data.stories[0].id, /^s/);
  });

  it("takes a bare list of stories (version 0) too", () => {
    assert.equal(parseBank('[{"title":"T","principles":["frugality"]}]', SLUGS).data.stories[0].title, "T");
  });

  it("names every problem by its path, and imports nothing then", () => {
    const bad = { version: 1, stories: [{ title: "" }, "x", { title: "T", principles: ["ownership", "nope"], numbers: 3 }, { title: "U", principles: "ownership" }] };
    assert.deepEqual(problems(bad, SLUGS), [
      "stories[0].title: a title is required",
      "stories[1]: a story must be an object",
      "stories[2].numbers: must be text",
      'stories[2].principles[1]: "nope" is not a principle (one of: ownership, dive-deep, frugality)',
      "stories[3].principles: must be a list of principle slugs",
    ]);
    assert.ok(parseBank(JSON.stringify(bad), SLUGS).problems.length === 5);
  });

  it("refuses what is not JSON, not a bank, or from a newer version", () => {
    assert.deepEqual(parseBank("{oops", SLUGS), { problems: ["it is not JSON"] });
    assert.deepEqual(parseBank('{"version":1}', SLUGS), { problems: ['the file needs {"version": 1, "stories": [...]}'] });
    assert.deepEqual(parseBank('{"version":2,"stories":[]}', SLUGS), { problems: ["it comes from a newer version of this guide"] });
  });
});

describe("coverage matrix", () => {
  it("lists the stories per principle, their primary and backup, and the gaps", () => {
    assert.deepEqual(coverage(BANK, PRINCIPLES), [
      { slug: "ownership", name: "Ownership", ids: ["a"], primary: null, backup: null, gap: false },
      { slug: "dive-deep", name: "Dive Deep", ids: ["a", "b"], primary: "b", backup: "a", gap: false },
      { slug: "frugality", name: "Frugality", ids: [], primary: null, backup: null, gap: true },
    ]);
    assert.equal(covered(BANK, PRINCIPLES), 2);
  });

  it("drops a mark once its story no longer answers the principle", () => {
    const bank = { ...BANK, stories: [{ ...BANK.stories[0] }, { ...BANK.stories[1], principles: [] }] };
    assert.equal(coverage(bank, PRINCIPLES)[1].primary, null);
  });

  it("shows an empty bank as all gaps", () => {
    assert.ok(coverage(SPEC.fresh(), PRINCIPLES).every((row) => row.gap));
  });
});

describe("stored bank", () => {
  it("migrates a bare list (version 0) to version 1 and calls a story without a title corrupt", () => {
    assert.deepEqual(read('[{"title":"T"}]', SPEC).data, { version: 1, stories: [{ title: "T" }] });
    assert.equal(read('{"version":1,"stories":[{}]}', SPEC).state, "corrupt");
  });
});

describe("Markdown export", () => {
  it("gives each story, its principles and the matrix with its gaps", () => {
    const text = markdown(BANK, PRINCIPLES);
    assert.match(text, /^# My story bank\n/);
    assert.match(text, /## Webhook drop\n\nFound a silent 0\.3% loss\n\nPrinciples: Ownership, Dive Deep/);
    assert.match(text, /\| Dive Deep \| Cost spike \| Webhook drop \|/);
    assert.match(text, /\| Frugality \| GAP \| none \|/);
  });
});
