// The mock interview's pure logic (docs/assets/sg/mock.js): session planning, pacing, the summary
// and the sessions kept; and the landing page's lines (practice-progress.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { KEEP, SPEC, clock, planSession, remember, sectionAt, summarize } from "../../docs/assets/sg/mock.js";
import { lines } from "../../docs/assets/sg/practice-progress.js";
import { read } from "../../docs/assets/sg/store.js";

const BANK = Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, text: `Q${i}`, principle: i % 3 ? "ownership" : "frugality", probes: [`P${i}a`, `P${i}b`] }));
const RUBRIC = [{ id: "scope" }, { id: "i" }, { id: "result" }];

describe("planSession", () => {
  it("draws the number asked for, no question twice, each with one of its own probes", () => {
    for (let run = 0; run < 20; run++) {
      const session = planSession(BANK, [], 5);
      assert.equal(session.length, 5);
      assert.equal(new Set(session.map((q) => q.id)).size, 5);
      for (const q of session) assert.ok(q.probes.includes(q.probe));
    }
  });

  it("draws only from the chosen principles, and no more than they have", () => {
    const session = planSession(BANK, ["frugality"], 10);
    assert.equal(session.length, 4);
    assert.ok(session.every((q) => q.principle == "frugality"));
  });

  it("follows the random source", () => {
    assert.deepEqual(planSession(BANK, [], 2, () => 0).map((q) => [q.id, q.probe]), [["q1", "P1a"], ["q2", "P2a"]]);
  });
});

describe("pacing", () => {
  const plan = [{ end: 20 }, { end: 35 }, { end: 90 }, { end: 110 }, { end: 120 }];
  it("names the section the answer should be in, and past the end", () => {
    assert.deepEqual([0, 19, 20, 89, 119, 120, 300].map((t) => sectionAt(plan, t)), [0, 0, 1, 2, 4, 5, 5]);
    assert.equal(clock(125), "2:05");
  });
});

describe("summary", () => {
  it("averages each line and names the weakest, the first of the lowest on a tie", () => {
    const questions = [{ scores: { scope: 3, i: 2, result: 1 } }, { scores: { scope: 2, i: 1, result: 2 } }];
    assert.deepEqual(summarize(questions, RUBRIC), { averages: { scope: 2.5, i: 1.5, result: 1.5 }, weakest: "i" });
  });

  it("has no weakest line without scores", () => {
    assert.deepEqual(summarize([], RUBRIC), { averages: {}, weakest: null });
  });

  it("keeps the last sessions only", () => {
    let sessions = [];
    for (let i = 0; i < KEEP + 3; i++) sessions = remember(sessions, { n: i });
    assert.equal(sessions.length, KEEP);
    assert.equal(sessions[0].n, 3);
  });

  it("migrates a bare list of sessions (version 0)", () => {
    assert.deepEqual(read('[{"questions":[]}]', SPEC).data, { version: 1, sessions: [{ questions: [] }] });
  });
});

describe("landing page lines", () => {
  const ok = (data) => ({ state: "ok", data });
  const review = ok({ items: { "w/a": { box: 0, due: 1 }, "w/b": { box: 1, due: 9e15 } } });
  const stories = ok({ stories: [{ principles: ["a", "b"] }, { principles: ["b", "c"] }, { principles: "junk" }] });
  const mock = ok({ sessions: [{ date: "2026-01-02T10:00:00Z", weakest: "result" }] });

  it("says what is due, what is covered and the last session's weakest line", () => {
    const said = lines(review, stories, mock, 16, { result: "Quantified result" }, 1000);
    assert.equal(said.review, "1 due");
    assert.equal(said.stories, "3 of 16 principles covered");
    assert.match(said.mock, /^last session .*2026.*, weakest line: Quantified result$/);
  });

  it("says the fresh reader's lines as the page is served", () => {
    const said = lines(ok({ items: {} }), ok({ stories: [] }), ok({ sessions: [] }), 16, {}, 1000);
    assert.deepEqual(said, { review: "nothing due", stories: "0 of 16 principles covered", mock: "no session yet" });
  });

  it("says when a store cannot be read", () => {
    const said = lines({ state: "corrupt", data: { items: {} } }, stories, { state: "newer", data: { sessions: [] } }, 16, {}, 1000);
    assert.match(said.review, /cannot read/);
    assert.match(said.mock, /cannot read/);
  });
});
