// scheme.js, the classic script inlined into every page's header, run against a stand-in DOM: which
// palette entry a page starts in, what a click switches and stores, and when a system change applies.
// The real page is covered by tests/browser/test_scheme.py.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

const SOURCE = readFileSync(new URL("../../docs/assets/sg/scheme.js", import.meta.url), "utf8");
const ENTRIES = [
  { media: "(prefers-color-scheme: light)", scheme: "default", primary: "indigo", accent: "deep-orange" },
  { media: "(prefers-color-scheme: dark)", scheme: "slate", primary: "indigo", accent: "deep-orange" },
];

function listeners() {
  const all = {};
  return {
    all,
    addEventListener: (type, fn) => (all[type] ??= []).push(fn),
    fire: (type) => (all[type] ?? []).forEach((fn) => fn()),
  };
}

/** Runs the script on a page with the two buttons, a system preference and a store; returns the page. */
function load({ prefers = "light", saved = null, storage = "works" } = {}) {
  const page = { prefers, saved, focused: null, queries: {}, body: {} };
  const attributes = {};
  page.body = {
    attributes,
    setAttribute: (name, value) => (attributes[name] = value),
    removeAttribute: (name) => delete attributes[name],
  };
  page.buttons = ENTRIES.map((entry) => {
    const events = listeners();
    const button = {
      hidden: true,
      getAttribute: (name) => entry[name.replace("data-md-color-", "")],
      addEventListener: events.addEventListener,
      click: () => events.fire("click"),
      focus: () => (page.focused = button),
    };
    return button;
  });
  const matchMedia = (query) => {
    page.queries[query] ??= { ...listeners(), query };
    page.queries[query].matches = query === `(prefers-color-scheme: ${page.prefers})`;
    return page.queries[query];
  };
  const store = () => {
    if (storage === "blocked") throw new DOMException("denied", "SecurityError");
  };
  const globals = {
    document: { body: page.body, querySelectorAll: () => page.buttons },
    matchMedia,
    requestAnimationFrame: (fn) => fn(),
    __md_get: () => (store(), page.saved),
    __md_set: (key, value) => (store(), (page.saved = value)),
  };
  new Function(...Object.keys(globals), SOURCE)(...Object.values(globals));
  page.scheme = () => attributes["data-md-color-scheme"];
  page.shown = () => page.buttons.findIndex((button) => !button.hidden);
  page.systemChanges = (to) => {
    page.prefers = to;
    Object.values(page.queries).forEach((query) => query.fire("change"));
  };
  return page;
}

describe("scheme.js on load", () => {
  it("follows the system preference when nothing is stored", () => {
    assert.equal(load({ prefers: "light" }).scheme(), "default");
    const dark = load({ prefers: "dark" });
    assert.equal(dark.scheme(), "slate");
    assert.equal(dark.shown(), 1);
    assert.equal(dark.body.attributes["data-md-color-accent"], "deep-orange");
  });

  it("keeps a stored choice over the system preference, Material's record included", () => {
    assert.equal(load({ prefers: "dark", saved: { index: 0 } }).scheme(), "default");
    assert.equal(load({ prefers: "light", saved: { index: 1, color: { scheme: "slate" } } }).scheme(), "slate");
  });

  it("ignores a stored index the palette does not have", () => {
    for (const index of [2, -1, "1", 0.5, undefined]) {
      assert.equal(load({ prefers: "dark", saved: { index } }).scheme(), "slate", String(index));
    }
  });

  it("falls back to the system preference when storage is blocked", () => {
    assert.equal(load({ prefers: "dark", storage: "blocked" }).scheme(), "slate");
  });

  it("shows exactly one button and leaves no switching mark", () => {
    const page = load();
    assert.deepEqual(page.buttons.map((button) => button.hidden), [false, true]);
    assert.equal("data-md-color-switching" in page.body.attributes, false);
  });
});

describe("scheme.js on a click", () => {
  it("switches to the next entry, stores it and moves focus to the button now shown", () => {
    const page = load({ prefers: "light" });
    page.buttons[0].click();
    assert.equal(page.scheme(), "slate");
    assert.deepEqual(page.saved, { index: 1 });
    assert.equal(page.focused, page.buttons[1]);
    assert.equal(page.shown(), 1);
    page.buttons[1].click();
    assert.equal(page.scheme(), "default");
    assert.deepEqual(page.saved, { index: 0 });
  });

  it("still switches when storage is blocked", () => {
    const page = load({ storage: "blocked" });
    page.buttons[0].click();
    assert.equal(page.scheme(), "slate");
  });
});

describe("scheme.js when the system preference changes", () => {
  it("follows it until the reader chooses, then keeps the choice", () => {
    const page = load({ prefers: "light" });
    page.systemChanges("dark");
    assert.equal(page.scheme(), "slate");
    page.buttons[1].click(); // the reader picks light
    page.systemChanges("light");
    page.systemChanges("dark");
    assert.equal(page.scheme(), "default");
  });
});
