// storage-guard.js, the classic script inlined first into every page's head, run against a stand-in
// window: where reading a store throws (site data blocked), an empty store that refuses writes takes
// its place; a store that works is left alone. Real pages with storage blocked:
// tests/browser/test_storage_blocked.py.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const SOURCE = readFileSync(new URL("../../docs/assets/sg/storage-guard.js", import.meta.url), "utf8");

/** A window whose `blocked` stores throw on reading, as the browser's do; the script then runs on it. */
function load({ blocked = [], configurable = true } = {}) {
  const window = {};
  const errors = {};
  for (const name of ["localStorage", "sessionStorage"]) {
    errors[name] = new Error(`SecurityError: ${name} is blocked`);
    const working = { getItem: () => "kept" };
    Object.defineProperty(window, name, {
      configurable,
      enumerable: true,
      get() {
        if (blocked.includes(name)) throw errors[name];
        return working;
      },
    });
  }
  new Function("window", SOURCE)(window);
  return { window, errors };
}

test("a store that works is left as it is", () => {
  const { window } = load();
  assert.equal(window.localStorage.getItem("x"), "kept");
  assert.equal(window.sessionStorage.getItem("x"), "kept");
});

test("a blocked store reads as empty, and only it is replaced", () => {
  const { window } = load({ blocked: ["localStorage"] });
  const store = window.localStorage;
  assert.equal(store.getItem("sg-quiz:x:1"), null);
  assert.equal(store.length, 0);
  assert.equal(store.key(0), null);
  assert.deepEqual(Object.keys(store), [], "no stored keys: Object.keys lists a store's items");
  assert.equal(window.sessionStorage.getItem("x"), "kept");
});

test("a blocked store refuses every write with the browser's own error; removing nothing is no error", () => {
  const { window, errors } = load({ blocked: ["localStorage", "sessionStorage"] });
  for (const name of ["localStorage", "sessionStorage"]) {
    assert.throws(() => window[name].setItem("key", "value"), (error) => error === errors[name]);
    assert.equal(window[name].getItem("key"), null, "nothing was kept");
    window[name].removeItem("key");
    window[name].clear();
  }
});

test("a store that cannot be replaced stays blocked, and the script itself does not throw", () => {
  const { window, errors } = load({ blocked: ["localStorage"], configurable: false });
  assert.throws(() => window.localStorage, (error) => error === errors.localStorage);
});
