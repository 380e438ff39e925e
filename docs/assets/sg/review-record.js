// Moves the review schedule (review-schedule.js) for one answer the quiz announced, and tells the
// review page, if this is it (sg-review:change).
import { open } from "./store.js";
import { CHANGE_EVENT, KEY, SPEC, schedule } from "./review-schedule.js";

export function record({ target, detail: d }) {
  const store = open(KEY, SPEC);
  store.write({ ...store.data, items: schedule(store.data.items, `${d.slug}/${d.item}`, d.correct, Date.now()) });
  target.dispatchEvent(new CustomEvent(CHANGE_EVENT, { bubbles: true, detail: store }));
}
