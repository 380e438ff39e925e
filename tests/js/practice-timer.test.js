// The rehearsal timer's logic (docs/assets/sg/practice.js) with a controlled clock: which section you
// should be in, start/pause/reset, and the warnings, for every walkthrough and role of the fixture data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { stepAt, stopwatch, warnings } from "../../docs/assets/sg/practice.js";

const { payload } = JSON.parse(readFileSync(new URL("../fixtures/practice-cases.json", import.meta.url), "utf8"));

test("the step follows elapsed time through every section, then reports the end", () => {
  for (const w of payload.walkthroughs)
    for (const [role, plan] of Object.entries(w.plans)) {
      assert.equal(plan.at(-1).end, w.totals[role], `${w.slug} ${role}: the plan fills the budget`);
      plan.forEach((step, i) => {
        assert.equal(stepAt(plan, step.start), i);
        assert.equal(stepAt(plan, step.end - 1), i);
      });
      assert.equal(stepAt(plan, w.totals[role]), plan.length);
    }
});

test("start, pause and reset read the injected clock", () => {
  let now = 1000;
  const watch = stopwatch(() => now);
  assert.equal(watch.elapsed(), 0);
  watch.toggle(); // start
  now += 30_000;
  assert.equal(watch.running(), true);
  assert.equal(watch.elapsed(), 30_000);
  watch.toggle(); // pause: time stops counting
  now += 60_000;
  assert.equal(watch.running(), false);
  assert.equal(watch.elapsed(), 30_000);
  watch.toggle(); // resume
  now += 15_000;
  assert.equal(watch.elapsed(), 45_000);
  watch.reset();
  assert.equal(watch.elapsed(), 0);
  assert.equal(watch.running(), false);
});

test("it warns at 45 s of Situation and at the role's total budget", () => {
  const w = payload.walkthroughs.find((x) => x.slug == "act-without-approval");
  const junior = warnings(w, "junior");
  assert.deepEqual(junior.map((a) => a.at), [45, 120]);
  assert.equal(junior[0].text, "0:45: the Situation must be over by now.");
  assert.equal(junior[1].text, "2:00: the Junior budget is spent. Wrap up.");
  assert.deepEqual(warnings(w, "senior").map((a) => a.at), [45, 180]);
});
