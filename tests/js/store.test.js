// The practice modes' storage (docs/assets/sg/store.js): versions and migrations, and that data it
// cannot read is kept, never written over, and copied aside before an import replaces it.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";

import { PROBLEMS } from "../../docs/assets/sg/data-panel.js";
import { open, read } from "../../docs/assets/sg/store.js";
import { install, uninstall } from "./memory-storage.js";

const SPEC = {
  version: 2,
  migrate: [(list) => ({ version: 1, list }), (d) => ({ version: 2, items: d.list, migrated: true })],
  valid: (d) => Array.isArray(d?.items),
  fresh: () => ({ version: 2, items: [] }),
};

describe("read", () => {
  it("says empty for nothing stored", () => {
    assert.deepEqual(read(null, SPEC), { state: "empty", data: null });
  });

  it("reads the current version as it is", () => {
    assert.deepEqual(read('{"version":2,"items":[1],"extra":"kept"}', SPEC), { state: "ok", data: { version: 2, items: [1], extra: "kept" } });
  });

  it("migrates every older version, one step at a time, from before versions (0) on", () => {
    assert.deepEqual(read("[1,2]", SPEC).data, { version: 2, items: [1, 2], migrated: true });
    assert.deepEqual(read('{"version":1,"list":[3]}', SPEC).data, { version: 2, items: [3], migrated: true });
  });

  it("calls data from a newer version newer, not corrupt", () => {
    assert.deepEqual(read('{"version":3,"whatever":1}', SPEC), { state: "newer", data: null });
  });

  it("calls anything unreadable corrupt", () => {
    for (const text of ["{not json", '{"version":"2"}', '{"version":-1}', '{"version":2,"items":"no"}', '"text"', "null"]) {
      assert.equal(read(text, SPEC).state, "corrupt", text);
    }
  });

  it("calls a migration that throws corrupt", () => {
    assert.equal(read('{"version":1}', { ...SPEC, migrate: [null, () => { throw new Error(); }] }).state, "corrupt");
  });
});

describe("open", () => {
  afterEach(uninstall);

  it("writes the current version back", () => {
    const map = install({ items: { k: "[5]" } });
    const store = open("k", SPEC);
    assert.equal(store.state, "ok");
    assert.deepEqual(store.data.items, [5]);
    assert.equal(store.write({ version: 2, items: [5, 6] }), true);
    assert.deepEqual(JSON.parse(map.get("k")), { version: 2, items: [5, 6] });
  });

  for (const [state, text] of [["corrupt", "{oops"], ["newer", '{"version":9}']]) {
    it(`keeps ${state} data untouched, and copies it aside before an import replaces it`, () => {
      const map = install({ items: { k: text } });
      const store = open("k", SPEC);
      assert.equal(store.state, state);
      assert.equal(store.raw, text);
      assert.deepEqual(store.data, SPEC.fresh(), "the page works on, from a fresh bank in memory");
      assert.equal(store.write({ version: 2, items: [1] }), false);
      assert.equal(map.get("k"), text, "never written over");
      assert.ok(PROBLEMS[state].includes("kept as it is"));
      assert.equal(store.replace({ version: 2, items: [7] }), true);
      assert.deepEqual(JSON.parse(map.get("k")).items, [7]);
      const kept = [...map.keys()].filter((key) => key.startsWith("k:kept:"));
      assert.equal(kept.length, 1);
      assert.equal(map.get(kept[0]), text);
    });
  }

  it("says full when the browser refuses to write, and keeps the data in memory", () => {
    install({ full: true });
    const store = open("k", SPEC);
    assert.equal(store.write({ version: 2, items: [1] }), false);
    assert.equal(store.state, "full");
    assert.deepEqual(store.data.items, [1]);
  });

  it("says blocked when storage cannot even be reached", () => {
    install({ blocked: true });
    const store = open("k", SPEC);
    assert.equal(store.state, "blocked");
    assert.equal(store.write(), false);
    assert.equal(store.state, "blocked");
  });
});
