// SCORM 1.2, for the packages `make lms` writes. Their launch page (launch.html) runs this module as
// a classic script (assets/sg/sg-sco.js, bundled by scripts/make_lms.py) and shows the walkthrough's
// pages in a frame. It finds the LMS's API, holds the one LMS session while the learner moves between
// those pages, and records what the walkthrough's quiz reports: score, status and the answers
// themselves (cmi.suspend_data), so a learner resumes where they left off. The pages reach the session
// through sco-page.js.
//
// The API search is our own, not pipwerks-scorm-api-wrapper from npm: that package installs its
// source from a git URL (npm ci would fetch from GitHub, not the registry), is 27 KB unminified with
// SCORM 2004 paths unused here, climbs up to 500 frames where the standard search stops at 7, and
// throws on a frame of another origin. This one is the standard search in a dozen lines (tested in
// tests/js/scorm.test.js).

/* ---- Pure logic (tests/js/scorm.test.js) ---- */

export const SUSPEND_DATA_LIMIT = 4096; // SCORM 1.2's cmi.suspend_data is a CMIString4096
const SEARCH_LEVELS = 7; // the standard search looks at most 7 frames up

/** The SCORM 1.2 API an LMS left in a window above this one: the standard search, window.parent's
 *  chain (at most 7 levels up), then the opener's. A window of another origin cannot be read, and is
 *  passed over rather than ending the search. */
export function findApi(win) {
  function search(start) {
    for (let level = 0, current = start; current && level <= SEARCH_LEVELS; level++) {
      try {
        if (current.API) return current.API;
      } catch {}
      if (current.parent === current) break;
      current = current.parent;
    }
    return null;
  }
  let opener = null;
  try {
    opener = win.opener;
  } catch {}
  return search(win) || (opener ? search(opener) : null);
}

// Control characters and lone surrogates, which JSON writes six characters long (\u0001); nothing
// a learner means to keep. Without them no character of a text takes more than two in JSON.
const UNSTORABLE = /[\0-\x08\x0b-\x1f]|\p{Cs}/gu;

/** The suspend data for a quiz's progress ({itemId: entry}): the quiz version and the entries as the
 *  quiz keeps them, a rewrite's text without UNSTORABLE characters. */
export function encodeProgress(version, progress) {
  const answers = {};
  for (const [id, entry] of Object.entries(progress)) {
    answers[id] = typeof entry.text === "string" ? { ...entry, text: entry.text.replace(UNSTORABLE, " ") } : entry;
  }
  return JSON.stringify({ v: 1, q: version, a: answers });
}

/** The answers saved for this version of the quiz, or null: nothing saved, another version, or text
 *  this code cannot read. */
export function decodeProgress(text, version) {
  try {
    const data = JSON.parse(text);
    if (data?.v === 1 && data.q === version && data.a?.constructor === Object) return data.a;
  } catch {}
  return null;
}

/** The longest progress a quiz can have: every item answered, every option chosen, every point of a
 *  rewrite's checklist ticked, each rewrite's text `text`. Items are {id, count, checklist} (quiz.js). */
export function fullestProgress(items, text = "") {
  const all = (count) => Array.from({ length: count }, (_, index) => index);
  return Object.fromEntries(
    items.map((item) => [item.id, item.checklist ? { text, marks: all(item.checklist) } : { chosen: all(item.count) }]),
  );
}

/** How long a rewrite's text may be for the fullest progress to fit SUSPEND_DATA_LIMIT: the room left
 *  by everything else, shared by the rewrites, at two characters per character (JSON's `\"`, `\\`, `\n`). */
export function textLimit(items, version) {
  const rewrites = items.filter((item) => item.checklist).length;
  const room = SUSPEND_DATA_LIMIT - encodeProgress(version, fullestProgress(items)).length;
  return rewrites ? Math.max(0, Math.floor(room / (2 * rewrites))) : 0;
}

/** cmi.core.score.raw: percent correct of all items, whole. */
export const percent = ({ correct, total }) => (total ? Math.round((100 * correct) / total) : 0);

/** cmi.core.lesson_status: passed or failed against the mastery score once every item is answered. */
export const lessonStatus = (tally, mastery) =>
  tally.answered < tally.total ? "incomplete" : percent(tally) >= mastery ? "passed" : "failed";

/** A duration as SCORM 1.2's CMITimespan, HHHH:MM:SS.SS. */
export function timespan(milliseconds) {
  const hundredths = Math.max(0, Math.round(milliseconds / 10));
  const pad = (value, width) => String(value).padStart(width, "0");
  const seconds = Math.floor(hundredths / 100) % 60;
  const minutes = Math.floor(hundredths / 6000) % 60;
  const hours = Math.min(Math.floor(hundredths / 360000), 9999);
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(hundredths % 100, 2)}`;
}

/* ---- The LMS session ---- */

/**
 * Opens the LMS session through `api` (LMSInitialize) and returns what the pages use, or null when the
 * LMS refused to start one. An LMS call that fails is logged once (`warn`); the quiz goes on without it.
 * `mastery` is the package's own score (the manifest's); an LMS that sets cmi.student_data.mastery_score
 * (an instructor's override) wins.
 */
export function openSession(api, { slug, mastery, now = Date.now, warn = console.warn }) {
  let warned = false;
  function failed(method, why) {
    if (warned) return;
    warned = true;
    warn(`sg-sco: the LMS answered ${method} with ${why}. The guide and its quiz go on working, but the LMS may not record this attempt.`);
  }
  function lastError(method) {
    try {
      const code = String(api.LMSGetLastError());
      if (code !== "0") failed(method, `error ${code} (${api.LMSGetErrorString(code)})`);
    } catch {}
  }
  function call(method, ...args) {
    let result;
    try {
      result = String(api[method](...args));
    } catch (error) {
      failed(method, `an exception (${error})`);
      return "";
    }
    // LMSGetValue answers "" on an error, the others "false": the error code tells either way.
    if (result === "false" || method === "LMSGetValue") lastError(method.endsWith("Value") ? `${method}("${args[0]}")` : method);
    return result;
  }
  const get = (element) => call("LMSGetValue", element);
  const set = (element, value) => call("LMSSetValue", element, String(value));

  const started = now();
  if (call("LMSInitialize", "") !== "true") return null;
  const status = get("cmi.core.lesson_status");
  if (status === "not attempted" || status === "") {
    set("cmi.core.lesson_status", "incomplete");
    call("LMSCommit", "");
  }
  const assigned = get("cmi.student_data.mastery_score");
  const passMark = assigned !== "" && Number.isFinite(+assigned) ? +assigned : mastery;
  let suspended = get("cmi.suspend_data");
  let finished = false;

  return {
    slug,
    mastery: passMark,
    /** The answers the LMS keeps for this version of the quiz, as JSON text ("{}" for none): text, so a
     *  page in the frame parses it into its own objects. */
    saved: (version) => JSON.stringify(decodeProgress(suspended, version) || {}),
    /** After each checked or cleared answer and on a reset (the quiz's sg-quiz:answer detail). */
    record(detail) {
      if (finished || detail.slug !== slug) return;
      suspended = encodeProgress(detail.version, detail.progress);
      set("cmi.suspend_data", suspended);
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", percent(detail));
      set("cmi.core.lesson_status", lessonStatus(detail, passMark));
      call("LMSCommit", "");
    },
    /** When the launch page is left: the time spent, then LMSFinish, once. */
    finish() {
      if (finished) return;
      finished = true;
      set("cmi.core.session_time", timespan(now() - started));
      // Always resumable: the learner's answers come back on the next launch; Reset clears them.
      set("cmi.core.exit", "suspend");
      call("LMSFinish", "");
    },
  };
}

/* ---- The launch page ---- */

/** Runs on launch.html, from a script tag with data-sg-sco (the walkthrough's slug) and
 *  data-sg-mastery; before the frame below it loads, so its pages find the session from their start. */
export function launch(script = document.currentScript) {
  const { sgSco: slug, sgMastery } = script.dataset;
  const api = findApi(window);
  if (!api) {
    console.info("sg-sco: no LMS found (no SCORM 1.2 API above this page): the quiz keeps its progress on this device.");
    return null;
  }
  const session = openSession(api, { slug, mastery: Number(sgMastery) });
  if (!session) return null;
  window.sgSco = session;
  // pagehide comes wherever unload would (the LMS closing the frame or the window, a navigation), and
  // an unload listener is deprecated.
  addEventListener("pagehide", session.finish);
  return session;
}
