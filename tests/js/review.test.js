// The review queue's scheduler (docs/assets/sg/review-schedule.js) and the page's pure helpers (review.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { DAY, DAYS, SPEC, dueKeys, schedule } from "../../docs/assets/sg/review-schedule.js";
import { parseSchedule, shuffle, summary } from "../../docs/assets/sg/review.js";
import { read } from "../../docs/assets/sg/store.js";

const T = Date.UTC(2026, 0, 1);

describe("schedule", () => {
  it("makes a wrong answer due at once", () => {
    assert.deepEqual(schedule({}, "w/q", false, T), { "w/q": { box: 0, due: T } });
  });

  it("leaves an item that was never missed out of the queue", () => {
    assert.deepEqual(schedule({}, "w/q", true, T), {});
  });

  it("moves a due item along the boxes with each right answer: 1, 3, 7, then 14 days", () => {
    let items = schedule({}, "w/q", false, T), now = T;
    for (const days of [1, 3, 7, 14, 14]) {
      items = schedule(items, "w/q", true, now);
      assert.equal(items["w/q"].due, now + days * DAY);
      now = items["w/q"].due;
    }
    assert.deepEqual(DAYS, [0, 1, 3, 7, 14]);
  });

  it("does not move an item answered right before it is due", () => {
    const items = { "w/q": { box: 2, due: T + DAY } };
    assert.equal(schedule(items, "w/q", true, T), items);
  });

  it("sends a wrong answer back to the first box, whatever box it was in", () => {
    assert.deepEqual(schedule({ "w/q": { box: 3, due: T + 5 * DAY } }, "w/q", false, T)["w/q"], { box: 0, due: T });
  });
});

describe("due items", () => {
  it("lists what is due now, the longest overdue first", () => {
    const items = { a: { box: 1, due: T - DAY }, b: { box: 0, due: T - 2 * DAY }, c: { box: 2, due: T + 1 } };
    assert.deepEqual(dueKeys(items, T), ["b", "a"]);
  });

  it("says how many are due, or that nothing is", () => {
    assert.match(summary(2, null), /^2 due now/);
    assert.match(summary(0, null), /^Nothing is due/);
    assert.match(summary(0, 12), /^Cramming 12 questions/);
  });
});

describe("stored schedule", () => {
  it("migrates version 0 (the items alone) to version 1", () => {
    assert.deepEqual(read('{"w/q":{"box":1,"due":5}}', SPEC).data, { version: 1, items: { "w/q": { box: 1, due: 5 } } });
  });

  it("calls an entry out of the boxes corrupt", () => {
    assert.equal(read('{"version":1,"items":{"w/q":{"box":9,"due":5}}}', SPEC).state, "corrupt");
  });

  it("imports a schedule, and refuses anything else with a reason", () => {
    assert.deepEqual(parseSchedule('{"version":1,"items":{}}'), { data: { version: 1, items: {} } });
    assert.deepEqual(parseSchedule('{"version":2,"items":{}}'), { problems: ["it comes from a newer version of this guide"] });
    assert.deepEqual(parseSchedule("[1]"), { problems: ["it is not a review schedule"] });
  });
});

describe("shuffle", () => {
  it("keeps every item, in an order the random source decides", () => {
    const list = [1, 2, 3, 4, 5];
    assert.deepEqual(shuffle(list, () => 0), [2, 3, 4, 5, 1]);
    assert.deepEqual([...shuffle(list)].sort(), list);
    assert.deepEqual(list, [1, 2, 3, 4, 5], "the input is left as it was");
  });
});
