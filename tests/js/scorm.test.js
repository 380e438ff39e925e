// Pure logic and the LMS session of the SCORM packages (docs/assets/sg/scorm.js), against scorm-again's
// SCORM 1.2 runtime (the LMS side, npm, pinned): the API search, the suspend data and its size, score
// and status, and what the session tells the LMS. The launch page and the quiz in a real browser:
// tests/browser/test_scorm.py.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Scorm12API } from "scorm-again/scorm12";

import {
  SUSPEND_DATA_LIMIT,
  decodeProgress,
  encodeProgress,
  findApi,
  fullestProgress,
  lessonStatus,
  openSession,
  percent,
  textLimit,
  timespan,
} from "../../docs/assets/sg/scorm.js";
import { deviceStore, loadProgress, saveProgress, useProgressStore } from "../../docs/assets/sg/quiz-progress.js";

const API = { name: "the LMS's API" };

/** A window `depth` frames below a top window, which has `top` set on it. */
function frames(depth, top = {}) {
  const topWindow = { ...top };
  topWindow.parent = topWindow;
  let win = topWindow;
  for (let level = 0; level < depth; level++) win = { parent: win };
  return win;
}

describe("findApi", () => {
  it("finds the API in the window itself and up to 7 frames above it", () => {
    assert.equal(findApi(frames(0, { API })), API);
    assert.equal(findApi(frames(7, { API })), API);
  });

  it("stops after 7 frames, as the standard search does", () => {
    assert.equal(findApi(frames(8, { API })), null);
  });

  it("then searches the opener's frames", () => {
    const win = frames(2);
    win.opener = frames(1, { API });
    assert.equal(findApi(win), API);
  });

  it("passes over a frame of another origin instead of failing", () => {
    const lms = { API };
    lms.parent = lms;
    const foreign = { parent: lms };
    Object.defineProperty(foreign, "API", {
      get() {
        throw new DOMException("Blocked a frame with origin", "SecurityError");
      },
    });
    assert.equal(findApi({ parent: foreign }), API);
  });

  it("answers null with no LMS at all", () => {
    assert.equal(findApi(frames(3)), null);
  });
});

const items = [
  { id: "opener", answer: [1], count: 3, checklist: 0 },
  { id: "flags", answer: [0, 2], count: 5, checklist: 0 },
  { id: "rewrite-we", answer: [], count: 0, checklist: 4 },
  { id: "rewrite-result", answer: [], count: 0, checklist: 5 },
];
const VERSION = "0123456789ab";

describe("suspend data", () => {
  it("round-trips the quiz's progress for the same version", () => {
    const progress = { opener: { chosen: [1] }, "rewrite-we": { text: "I fixed it.\n\"Quoted\"", marks: [0, 2] } };
    assert.deepEqual(decodeProgress(encodeProgress(VERSION, progress), VERSION), progress);
  });

  it("restores nothing for another version of the quiz, nothing saved or anything unreadable", () => {
    const saved = encodeProgress(VERSION, { opener: { chosen: [1] } });
    for (const text of [encodeProgress("ba9876543210", { opener: { chosen: [1] } }), "", "{", "[1]", '{"v":2}']) {
      assert.equal(decodeProgress(text, VERSION), null, text);
    }
    assert.notEqual(decodeProgress(saved, VERSION), null);
  });

  it("keeps no character that JSON would write six characters long", () => {
    const text = "a\u0001b\u001fc\td\ne\ud800f😀";
    const decoded = decodeProgress(encodeProgress(VERSION, { "rewrite-we": { text, marks: [] } }), VERSION);
    assert.equal(decoded["rewrite-we"].text, "a b c\td\ne f😀");
  });

  it("fits the limit with every item at its longest and each rewrite at its text limit", () => {
    const limit = textLimit(items, VERSION);
    const fits = (length) => encodeProgress(VERSION, fullestProgress(items, '"'.repeat(length))).length <= SUSPEND_DATA_LIMIT;
    assert.ok(limit > 500, limit);
    assert.ok(fits(limit));
    assert.ok(!fits(limit + 1), "the limit is the longest text that fits");
  });

  it("has nothing to limit in a quiz without rewrites", () => {
    assert.equal(textLimit(items.slice(0, 2), VERSION), 0);
  });
});

describe("score and status", () => {
  it("reports the percent correct of all items, whole", () => {
    assert.equal(percent({ correct: 15, total: 16 }), 94);
    assert.equal(percent({ correct: 0, total: 16 }), 0);
    assert.equal(percent({ correct: 0, total: 0 }), 0);
  });

  it("is incomplete until every item is answered, then passed or failed against the mastery score", () => {
    assert.equal(lessonStatus({ answered: 15, correct: 15, total: 16 }, 80), "incomplete");
    assert.equal(lessonStatus({ answered: 16, correct: 13, total: 16 }, 80), "passed"); // 81
    assert.equal(lessonStatus({ answered: 16, correct: 12, total: 16 }, 80), "failed"); // 75
  });

  it("writes time as SCORM 1.2's CMITimespan", () => {
    assert.equal(timespan(0), "0000:00:00.00");
    assert.equal(timespan(3_723_450), "0001:02:03.45");
  });
});

/** scorm-again's runtime as an LMS would start it, with a previous attempt's data if any. */
function lms(data) {
  const api = new Scorm12API({ logLevel: 5 });
  if (data) api.loadFromJSON(data);
  return api;
}

const answer = (progress, answered, correct) => ({ slug: "act", version: VERSION, progress, answered, correct, total: 4 });

describe("the LMS session", () => {
  it("initializes and marks a first attempt incomplete", () => {
    const api = lms();
    const session = openSession(api, { slug: "act", mastery: 80, warn: assert.fail });
    assert.ok(session);
    assert.equal(api.isInitialized(), true);
    assert.equal(api.cmi.core.lesson_status, "incomplete");
    assert.equal(session.saved(VERSION), "{}");
  });

  it("leaves a status the learner already has", () => {
    const api = lms({ core: { lesson_status: "passed" } });
    openSession(api, { slug: "act", mastery: 80, warn: assert.fail });
    assert.equal(api.cmi.core.lesson_status, "passed");
  });

  it("reports each answer: suspend data, score and, once all are answered, passed or failed", () => {
    const api = lms();
    const commits = [];
    api.on("LMSCommit", () => commits.push(api.cmi.core.score.raw));
    const session = openSession(api, { slug: "act", mastery: 80, warn: assert.fail });
    const progress = { opener: { chosen: [1] } };
    session.record(answer(progress, 1, 1));
    assert.deepEqual(decodeProgress(api.cmi.suspend_data, VERSION), progress);
    assert.deepEqual([api.cmi.core.score.min, api.cmi.core.score.max, api.cmi.core.score.raw], ["0", "100", "25"]);
    assert.equal(api.cmi.core.lesson_status, "incomplete");
    session.record(answer({}, 4, 3));
    assert.equal(api.cmi.core.lesson_status, "failed"); // 75 < 80
    session.record(answer({}, 4, 4));
    assert.equal(api.cmi.core.lesson_status, "passed");
    assert.deepEqual(commits.slice(-3), ["25", "75", "100"], "a commit after each answer");
  });

  it("ignores another walkthrough's quiz", () => {
    const api = lms();
    const session = openSession(api, { slug: "act", mastery: 80, warn: assert.fail });
    session.record({ ...answer({ x: { chosen: [0] } }, 1, 1), slug: "other" });
    assert.equal(api.cmi.suspend_data, "");
  });

  it("gives the pages the answers saved in a previous session", () => {
    const progress = { "rewrite-we": { text: "We shipped it.", marks: [0, 1] } };
    const session = openSession(lms({ suspend_data: encodeProgress(VERSION, progress) }), { slug: "act", mastery: 80 });
    assert.deepEqual(JSON.parse(session.saved(VERSION)), progress);
    assert.equal(session.saved("another"), "{}");
  });

  it("takes the mastery score the LMS sets over the package's", () => {
    const api = lms({ student_data: { mastery_score: "95" } });
    const session = openSession(api, { slug: "act", mastery: 80 });
    assert.equal(session.mastery, 95);
    session.record({ ...answer({}, 16, 15), total: 16 }); // 94
    assert.equal(api.cmi.core.lesson_status, "failed");
  });

  it("finishes once, with the session time and a resumable exit", () => {
    const api = lms();
    const set = {};
    let finished = 0;
    api.on("LMSSetValue", (element, value) => (set[element] = value));
    api.on("LMSFinish", () => finished++);
    let clock = 1_000;
    const session = openSession(api, { slug: "act", mastery: 80, now: () => clock, warn: assert.fail });
    clock += 65_500;
    session.finish();
    session.finish();
    assert.equal(finished, 1);
    assert.equal(set["cmi.core.session_time"], "0000:01:05.50");
    assert.equal(set["cmi.core.exit"], "suspend");
    assert.equal(api.isTerminated(), true);
  });

  it("logs a failing LMS once and goes on", () => {
    // Every commit fails: outside a browser, scorm-again throws on sending one (no XMLHttpRequest).
    const api = new Scorm12API({ logLevel: 5, lmsCommitUrl: "http://127.0.0.1:9/commit" });
    const warnings = [];
    const session = openSession(api, { slug: "act", mastery: 80, warn: (message) => warnings.push(message) });
    session.record(answer({ opener: { chosen: [1] } }, 1, 1));
    session.record(answer({}, 4, 4));
    session.finish();
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /^sg-sco: the LMS answered LMSCommit with an exception/);
    assert.equal(api.cmi.core.lesson_status, "passed", "what could be set still was");
  });

  it("is not opened when the LMS refuses to initialize", () => {
    const api = lms();
    api.LMSInitialize("");
    const warnings = [];
    assert.equal(openSession(api, { slug: "act", mastery: 80, warn: (message) => warnings.push(message) }), null);
    assert.equal(warnings.length, 1);
  });

  it("survives an API that throws", () => {
    const warnings = [];
    const broken = { LMSInitialize: () => { throw new Error("boom"); } };
    assert.equal(openSession(broken, { slug: "act", mastery: 80, warn: (message) => warnings.push(message) }), null);
    assert.match(warnings[0], /LMSInitialize with an exception \(Error: boom\)/);
  });
});

describe("the progress store", () => {
  it("is this device's until another takes over, and this device's again after", () => {
    const kept = {};
    const store = { load: (slug, version) => kept[`${slug}:${version}`] ?? {}, save: (slug, version, progress) => !!(kept[`${slug}:${version}`] = progress) };
    useProgressStore(store);
    try {
      assert.equal(saveProgress("act", "v1", { opener: { chosen: [1] } }), true);
      assert.deepEqual(loadProgress("act", "v1"), { opener: { chosen: [1] } });
    } finally {
      useProgressStore(null);
    }
    assert.equal(loadProgress("act", "v1"), deviceStore.load("act", "v1"));
  });
});
