// The review queue's schedule, kept on the device (store.js): a choice item answered wrong is due at
// once; a later right answer, once it is due, moves it along the boxes: again after 1, 3, 7, then
// every 14 days. Shared by the recorder (review-log.js), the review page and the landing page.

export const KEY = "sg-review";
export const CHANGE_EVENT = "sg-review:change"; // the schedule moved (review-record.js)
export const DAY = 864e5;
export const DAYS = [0, 1, 3, 7, 14]; // box n comes back after DAYS[n] days

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

