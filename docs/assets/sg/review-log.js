// The review queue's recorder: loaded on every page with a quiz (quiz/body.md.j2), it hears each
// answer the quiz announces and moves the schedule (review-schedule.js). Self-marked rewrites are not
// scheduled (nothing marks them wrong). The quiz knows nothing of this.
import { ANSWER_EVENT } from "./quiz.js";
import { open } from "./store.js";
import { KEY, SPEC, schedule } from "./review-schedule.js";

export const CHANGE_EVENT = "sg-review:change";

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
