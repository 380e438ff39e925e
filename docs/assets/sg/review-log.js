// The review queue's recorder: loaded on every page with a quiz (quiz/body.md.j2), it hears each
// answer the quiz announces; the schedule's code (review-record.js) loads with the first answer that
// moves it. Self-marked rewrites are not scheduled (nothing marks them wrong). The quiz knows nothing
// of this.
import { ANSWER_EVENT } from "./quiz.js";

let listening = false;

export function init() {
  if (listening) return;
  listening = true;
  document.addEventListener(ANSWER_EVENT, (event) => {
    // Not a reset, a cleared answer or a self-marked rewrite.
    if (event.detail.item && event.detail.entry?.chosen) import("./review-record.js").then(({ record }) => record(event));
  });
}
