// layout.js, the classic script inlined into every page's head, run against a stand-in window: when a
// page swapped in has its scroll position set for it (a #fragment, or an offset Material stored in
// history), every skipped block is laid out. The real page: tests/browser/test_deferred_layout.py.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const SOURCE = readFileSync(new URL("../../docs/assets/sg/layout.js", import.meta.url), "utf8");

/** Runs the script; returns the page, whose swapIn() plays Material's document$ for a page. */
function load({ hash = "", state = null } = {}) {
  const attributes = {}, listeners = {}, swaps = [];
  const page = {
    location: { hash },
    history: { state },
    layout: () => attributes["data-sg-layout"],
    fire: (type) => (listeners[type] ?? []).forEach((listener) => listener()),
    swapIn: () => swaps.forEach((subscriber) => subscriber()),
  };
  const window = { document$: { subscribe: (subscriber) => (swaps.push(subscriber), subscriber()) } };
  const globals = {
    window,
    location: page.location,
    history: page.history,
    addEventListener: (type, listener) => (listeners[type] ??= []).push(listener),
    document: {
      documentElement: {
        setAttribute: (name, value) => (attributes[name] = value),
        removeAttribute: (name) => delete attributes[name],
      },
    },
  };
  new Function(...Object.keys(globals), SOURCE)(...Object.values(globals));
  page.fire("DOMContentLoaded");
  return page;
}

test("a page opened at its top, or at the top Material stores for it, skips blocks", () => {
  assert.equal(load().layout(), undefined);
  assert.equal(load({ hash: "#" }).layout(), undefined);
  assert.equal(load({ state: { x: 0, y: 0 } }).layout(), undefined);
});

test("a page opened at a #fragment or at a stored offset lays every block out", () => {
  assert.equal(load({ hash: "#quiz" }).layout(), "full");
  assert.equal(load({ state: { x: 0, y: 8171 } }).layout(), "full");
});

test("popstate and hashchange mark the page before Material fetches it; each swap keeps or clears the mark", () => {
  for (const type of ["popstate", "hashchange"]) {
    const page = load();
    page.fire(type);
    assert.equal(page.layout(), "full", type);
    page.location.hash = "#quiz";
    page.swapIn();
    assert.equal(page.layout(), "full", `${type}, then the page re-fetched at #quiz`);
    page.location.hash = "";
    page.history.state = { x: 0, y: 1200 };
    page.swapIn();
    assert.equal(page.layout(), "full", `${type}, then Back to a stored offset`);
    page.history.state = null;
    page.swapIn();
    assert.equal(page.layout(), undefined, `${type}, then a new page at its top`);
  }
});
