// Pure logic of the embed widgets: copying the snippet (docs/assets/sg/embed.js) and the height
// message an embed view sends its LMS page (embed-frame.js). The DOM binding is covered by
// tests/browser/test_embed.py.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { STATUS, copyText } from "../../docs/assets/sg/embed.js";
import { MESSAGE_TYPE, heightMessage, leavesPage } from "../../docs/assets/sg/embed-frame.js";

describe("copyText", () => {
  it("uses the Clipboard API when it works, without the legacy command", async () => {
    const written = [];
    let legacyCalls = 0;
    const result = await copyText("<iframe>", {
      clipboard: { writeText: async (text) => written.push(text) },
      legacyCopy: () => ++legacyCalls > 0,
    });
    assert.equal(result, "copied");
    assert.deepEqual(written, ["<iframe>"]);
    assert.equal(legacyCalls, 0);
  });

  it("falls back to the legacy command when the Clipboard API is denied", async () => {
    const result = await copyText("x", {
      clipboard: { writeText: async () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
      legacyCopy: () => true,
    });
    assert.equal(result, "copied");
  });

  it("falls back when there is no Clipboard API at all (an insecure origin)", async () => {
    assert.equal(await copyText("x", { clipboard: undefined, legacyCopy: () => true }), "copied");
  });

  it("leaves the text selected for the reader when nothing could copy it", async () => {
    assert.equal(await copyText("x", { clipboard: undefined, legacyCopy: () => false }), "selected");
  });

  it("has a message for every outcome, and says Copied on success", () => {
    assert.equal(STATUS.copied, "Copied");
    assert.match(STATUS.selected, /Ctrl\+C/);
  });
});

describe("heightMessage", () => {
  it("is typed, rounds the height up to a whole pixel and names the frame's page", () => {
    assert.deepEqual(heightMessage(812.2, "https://x.test/embed/a/quiz/"), {
      type: MESSAGE_TYPE,
      height: 813,
      url: "https://x.test/embed/a/quiz/",
    });
    assert.equal(heightMessage(640, "u").height, 640);
  });

  it("survives structured cloning, as postMessage requires", () => {
    const message = heightMessage(10.5, "u");
    assert.deepEqual(structuredClone(message), message);
  });
});

describe("leavesPage", () => {
  const page = "https://x.test/repo/embed/a/quiz/";

  it("keeps links within the page in the frame", () => {
    assert.equal(leavesPage("#quiz-opener", page), false);
    assert.equal(leavesPage("./#variants-junior", page), false);
  });

  it("sends links to other pages and sites out of the frame", () => {
    assert.equal(leavesPage("../../../walkthroughs/a/#action", page), true);
    assert.equal(leavesPage("https://elsewhere.test/", page), true);
    assert.equal(leavesPage("?print=1", page), true);
  });
});
