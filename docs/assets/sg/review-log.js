// The review queue's schedule, and its recorder: loaded on every page with a quiz (quiz/body.md.j2),
// it hears each answer the quiz announces. A choice item answered wrong is due at once; a later
// right answer, once it is due, moves it along the boxes: again after 1, 3, 7, then every 14 days.
// Self-marked rewrites are not scheduled (nothing marks them wrong). The quiz knows nothing of this.
import { ANSWER_EVENT } from "./quiz.js";
import { open } from "./store.js";

export const KEY = "sg-review";
export const DAY = 864e5;
export const DAYS = [0, 1, 3, 7, 14]; // box n comes back after DAYS[n] days
export const CHANGE_EVENT = "sg-review:change";

const isEntry = (e) => e?.constructor === Object && Number.isInteger(e.box) && e.box >= 0 && e.box < DAYS.length && Number.isFinite(e.due);
export const SPEC = {
  version: 1,
  // Version 0, before versions: the items alone ({"slug/item": {box, due}}).
  migrate: [(items) => ({ version: 1, items })],
  valid: (d) => d?.items?.constructor === Object && Object.values(d.items).every(isEntry),
  fresh: () => ({ version: 1, items: {} }),
};

/** The schedule after `key` ("slug/item") was answered: right or wrong, at `now` (ms). */
export function schedule(items, key, correct, now) {
  const entry = items[key];
  if (!correct) return { ...items, [key]: { box: 0, due: now } };
  // Never missed, or answered again before it is due: the schedule stands.
  if (!entry || entry.due > now) return items;
  const box = Math.min(entry.box + 1, DAYS.length - 1);
  return { ...items, [key]: { box, due: now + DAYS[box] * DAY } };
}

/** The keys due at `now`, the longest overdue first. */
export const dueKeys = (items, now) =>
  Object.keys(items).filter((key) => items[key].due <= now).sort((a, b) => items[a].due - items[b].due);

let listening = false;

export function init() {
  if (listening) return;
  listening = true;
  document.addEventListener(ANSWER_EVENT, ({ target, detail: d }) => {
    if (!d.item || !d.entry?.chosen) return; // a reset, a cleared answer or a self-marked rewrite
    const store = open(KEY, SPEC);
    store.write({ ...store.data, items: schedule(store.data.items, `${d.slug}/${d.item}`, d.correct, Date.now()) });
    target.dispatchEvent(new CustomEvent(CHANGE_EVENT, { bubbles: true, detail: store }));
  });
}
