// Pure logic of the self-check quiz (docs/assets/sg/quiz.js, quiz-progress.js): grading, score,
// saved-progress hygiene and keyboard movement. The DOM binding is covered by tests/browser/test_quiz.py.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";

import { FEEDBACK, grade, isCorrect, sanitize, scoreText, step, tally } from "../../docs/assets/sg/quiz.js";
import { install, uninstall } from "./memory-storage.js";
import { deviceStore, loadProgress, parseProgress, storageKey } from "../../docs/assets/sg/quiz-progress.js";

const single = { id: "opener", answer: [1], count: 3, checklist: 0 };
const multiple = { id: "flags", answer: [0, 2], count: 4, checklist: 0 };
const rewrite = { id: "rewrite-we", answer: [], count: 0, checklist: 3 };
const items = [single, multiple, rewrite];

describe("grade", () => {
  it("marks the one right choice of a single item correct", () => {
    assert.deepEqual(grade([1], [1], 3), { correct: true, verdicts: ["", "right", ""] });
  });

  it("marks a wrong choice wrong and the correct option missed", () => {
    assert.deepEqual(grade([1], [2], 3), { correct: false, verdicts: ["", "missed", "wrong"] });
  });

  it("needs every correct option of a multiple item and no other", () => {
    assert.equal(grade([0, 2], [0, 2], 4).correct, true);
    assert.deepEqual(grade([0, 2], [0], 4), { correct: false, verdicts: ["right", "", "missed", ""] });
    assert.deepEqual(grade([0, 2], [0, 1, 2], 4), { correct: false, verdicts: ["right", "wrong", "right", ""] });
  });

  it("does not depend on the order options were chosen in", () => {
    assert.deepEqual(grade([0, 2], [2, 0], 4), grade([0, 2], [0, 2], 4));
  });

  it("has a feedback sentence, with a word, for every verdict", () => {
    for (const verdict of ["right", "wrong", "missed", ""]) assert.match(FEEDBACK[verdict], /[a-z]{3,}/i);
    assert.match(FEEDBACK.right, /^✓/);
    assert.match(FEEDBACK.wrong, /^✗/);
  });
});

describe("isCorrect and tally", () => {
  it("counts a rewrite correct only once every checklist point is ticked", () => {
    assert.equal(isCorrect(rewrite, { text: "", marks: [0, 1] }), false);
    assert.equal(isCorrect(rewrite, { text: "", marks: [2, 0, 1] }), true);
  });

  it("counts answered and correct items against the total", () => {
    const progress = { opener: { chosen: [1] }, flags: { chosen: [0] }, "rewrite-we": { text: "x", marks: [0, 1, 2] } };
    assert.deepEqual(tally(items, progress), { answered: 3, correct: 2, total: 3 });
    assert.deepEqual(tally(items, {}), { answered: 0, correct: 0, total: 3 });
  });

  it("ignores saved entries for items the quiz no longer has", () => {
    assert.deepEqual(tally([single], { gone: { chosen: [0] }, opener: { chosen: [0] } }), { answered: 1, correct: 0, total: 1 });
  });

  it("says the score in words", () => {
    assert.equal(scoreText({ answered: 5, correct: 3, total: 16 }), "Score: 3 correct of 16 · 5 answered");
  });
});

describe("sanitize", () => {
  it("keeps valid entries and drops duplicates", () => {
    const progress = { opener: { chosen: [1, 1] }, "rewrite-we": { text: "I did it", marks: [2, 2, 0] } };
    assert.deepEqual(sanitize(items, progress), { opener: { chosen: [1] }, "rewrite-we": { text: "I did it", marks: [2, 0] } });
  });

  it("drops entries that do not fit the items as built", () => {
    const progress = {
      opener: { chosen: [3] }, // out of range
      flags: { chosen: [] }, // nothing chosen is not an answer
      "rewrite-we": { marks: "all" }, // not a list
      unknown: { chosen: [0] },
    };
    assert.deepEqual(sanitize(items, progress), {});
    assert.deepEqual(sanitize(items, { opener: null, flags: { chosen: [0.5] } }), {});
  });

  it("keeps a rewrite's text as text", () => {
    assert.deepEqual(sanitize([rewrite], { "rewrite-we": { marks: [] } }), { "rewrite-we": { text: "", marks: [] } });
  });
});

describe("step", () => {
  it("moves to the next and previous option, wrapping around", () => {
    assert.equal(step(0, 4, "ArrowDown"), 1);
    assert.equal(step(0, 4, "ArrowRight"), 1);
    assert.equal(step(3, 4, "ArrowDown"), 0);
    assert.equal(step(0, 4, "ArrowUp"), 3);
    assert.equal(step(2, 4, "ArrowLeft"), 1);
  });

  it("jumps to the first and last option with Home and End", () => {
    assert.equal(step(2, 4, "Home"), 0);
    assert.equal(step(1, 4, "End"), 3);
  });

  it("ignores other keys, Space and Enter among them", () => {
    for (const key of [" ", "Enter", "Tab", "a"]) assert.equal(step(1, 4, key), -1);
  });
});

describe("progress storage", () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, "localStorage", original);
    else delete globalThis.localStorage;
  });

  it("keys progress on the walkthrough and the quiz version", () => {
    assert.equal(storageKey("act-without-approval", "29b27eba7147"), "sg-quiz:act-without-approval:29b27eba7147");
    assert.notEqual(storageKey("a", "v1"), storageKey("a", "v2"));
  });

  it("reads only an object of entries, anything else as nothing saved", () => {
    assert.deepEqual(parseProgress('{"opener":{"chosen":[1]}}'), { opener: { chosen: [1] } });
    for (const text of [null, "", "not json", "[1,2]", "42", "null"]) assert.deepEqual(parseProgress(text), {});
  });

  it("loads from the versioned key", () => {
    const stored = { "sg-quiz:a:v2": '{"x":{"chosen":[0]}}', "sg-quiz:a:v1": '{"old":{"chosen":[1]}}' };
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      value: { getItem: (key) => stored[key] ?? null },
    });
    assert.deepEqual(loadProgress("a", "v2"), { x: { chosen: [0] } });
    assert.deepEqual(loadProgress("a", "v3"), {});
  });

  it("returns null, not an error, when storage throws", () => {
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("denied", "SecurityError");
      },
    });
    assert.equal(loadProgress("a", "v1"), null);
  });
});

describe("answers of other versions of a quiz", () => {
  afterEach(uninstall);

  it("are carried over into a version never saved, without touching the old saves", () => {
    const map = install({ items: { "sg-quiz:a:v1": '{"kept":{"chosen":[1]},"gone":{"chosen":[0]}}', "sg-quiz:b:v1": '{"other":{"chosen":[0]}}' } });
    assert.deepEqual(deviceStore.load("a", "v2"), { kept: { chosen: [1] }, gone: { chosen: [0] } });
    // sanitize, as the quiz applies it, keeps the items the new version still has.
    assert.deepEqual(sanitize([{ id: "kept", answer: [1], count: 3, checklist: 0 }], deviceStore.load("a", "v2")), { kept: { chosen: [1] } });
    assert.equal(map.get("sg-quiz:a:v1"), '{"kept":{"chosen":[1]},"gone":{"chosen":[0]}}');
  });

  it("are not carried over once this version has been saved, even empty: a reset quiz stays reset", () => {
    const map = install({ items: { "sg-quiz:a:v1": '{"kept":{"chosen":[1]}}' } });
    assert.equal(deviceStore.save("a", "v2", {}), true);
    assert.equal(map.get("sg-quiz:a:v2"), "{}");
    assert.deepEqual(deviceStore.load("a", "v2"), {});
    assert.ok(map.has("sg-quiz:a:v1"));
  });

  it("are nothing when storage is blocked", () => {
    install({ blocked: true });
    assert.equal(deviceStore.load("a", "v2"), null);
  });
});
