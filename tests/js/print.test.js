// print.js's pure logic: open every collapsible for printing, then restore the reader's choices.
import { test } from "node:test";
import assert from "node:assert/strict";

import { closeAll, isInternal, openAll } from "../../docs/assets/sg/print.js";

test("openAll opens the closed ones and returns only those", () => {
  const items = [{ open: false }, { open: true }, { open: false }];
  const opened = openAll(items);
  assert.deepEqual(items.map((item) => item.open), [true, true, true]);
  assert.deepEqual(opened, [items[0], items[2]]);
});

test("closeAll closes what openAll opened and leaves the reader's open ones open", () => {
  const items = [{ open: false }, { open: true }];
  closeAll(openAll(items));
  assert.deepEqual(items.map((item) => item.open), [false, true]);
});

test("openAll on nothing, or on all open, opens nothing", () => {
  assert.deepEqual(openAll([]), []);
  assert.deepEqual(openAll([{ open: true }]), []);
});

test("isInternal tells this site's links from other hosts' and survives nonsense", () => {
  const origin = "https://example.github.io";
  assert.equal(isInternal("https://example.github.io/guide/walkthroughs/x/#star", origin), true);
  assert.equal(isInternal("https://github.com/example/guide", origin), false);
  assert.equal(isInternal("http://example.github.io/guide/", origin), false);
  assert.equal(isInternal("not a url", origin), false);
});
