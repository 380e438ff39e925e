// The review queue page: lists what is due and shows those items of the walkthroughs' quizzes, which
// the quiz module itself runs (no second quiz engine); "cram" shows every item of the chosen
// walkthroughs, shuffled. The page's quizzes keep their answers for the visit only (data-sg-session):
// a review never changes a walkthrough's own quiz progress. Answers reach the schedule through
// review-log.js, as on any quiz page.
import { open, read, unreadable } from "./store.js";
import { CHANGE_EVENT, KEY, SPEC, dueKeys } from "./review-schedule.js";

/* ---- Pure logic (tests/js/review.test.js) ---- */

export function shuffle(list, random = Math.random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What the queue says: `due` items due now, or a cram of `cram` items. */
export const summary = (due, cram) =>
  cram != null
    ? `Cramming ${cram} questions, shuffled. Your answers here move the schedule as on any quiz page.`
    : due
      ? `${due} due now. Answer each one: right, it comes back later; wrong, it stays due.`
      : "Nothing is due. A quiz question you answer wrong on any quiz page is due here at once; each later right answer brings it back after 1, 3, 7, then 14 days.";

/** A review schedule from an imported file: {data} or {problems}. */
export function parseSchedule(text) {
  const { state, data } = read(text, SPEC);
  return state == "ok" ? { data } : { problems: [state == "newer" ? "it comes from a newer version of this guide" : "it is not a review schedule"] };
}

/* ---- DOM binding ---- */

export function init(root) {
  const box = root.querySelector(".sg-review:not([data-sg-bound])");
  if (!box) return;
  box.dataset.sgBound = "";
  const store = open(KEY, SPEC);
  const sets = [...root.querySelectorAll("[data-sg-review-set]")];
  const say = box.querySelector(".sg-review__summary");
  let cram = null; // the slugs being crammed, or null for the due items

  function list() {
    const due = dueKeys(store.data.items, Date.now());
    const links = [];
    for (const key of due) {
      const [slug, item] = key.split("/");
      const form = root.querySelector(`[data-sg-review-set="${slug}"] [data-sg-item="${item}"]`);
      if (!form) continue; // an item no longer in the guide: kept in the schedule, not shown
      const a = document.createElement("a");
      a.href = `#${form.id}`;
      // The prompt as the item words it, without its number and hint.
      const prompt = form.querySelector(".sg-quiz__prompt").cloneNode(true);
      prompt.querySelectorAll(".sg-quiz__number, .sg-quiz__hint").forEach((el) => el.remove());
      a.textContent = `${form.closest("[data-sg-review-set]").querySelector("h2").firstChild.textContent.trim()}: ${prompt.textContent.trim()}`;
      const li = document.createElement("li");
      li.append(a);
      links.push(li);
    }
    box.querySelector(".sg-review__due").replaceChildren(...links);
    return links.length;
  }

  function show() {
    const due = new Set(dueKeys(store.data.items, Date.now()));
    let count = 0;
    for (const set of sets) {
      const slug = set.dataset.sgReviewSet, forms = [...set.querySelectorAll(".sg-quiz__item")];
      let any = false;
      for (const form of forms) {
        const on = cram ? cram.includes(slug) : due.has(`${slug}/${form.dataset.sgItem}`);
        form.classList.toggle("sg-review__item--on", on);
        any ||= on;
        count += on;
      }
      set.classList.toggle("sg-review__set--on", any);
      if (cram && any) for (const form of shuffle(forms)) form.parentNode.insertBefore(form, set.querySelector(".sg-quiz__bar"));
    }
    if (cram) for (const set of shuffle(sets)) set.parentNode.append(set);
    const due_ = list();
    say.textContent = summary(due_, cram && count);
  }

  box.querySelector("[data-sg-review=cram]").onclick = () => {
    cram = [...box.querySelectorAll("[name=cram]:checked")].map((input) => input.value);
    if (!cram.length) return (say.textContent = "Choose at least one walkthrough to cram.");
    show();
  };
  box.querySelector("[data-sg-review=due]").onclick = () => {
    cram = null;
    show();
  };
  // An answer on this page: the list and the count follow; the items stay, with their feedback.
  root.addEventListener(CHANGE_EVENT, ({ detail }) => {
    store.data = detail.data;
    if (!cram) say.textContent = summary(list());
  });
  // The data panel's code comes when it is needed: a problem to say, or the reader opening it.
  const data = box.querySelector(".sg-data");
  let bound;
  const bindPanel = () => (bound ||= import("./data-panel.js").then(({ panel }) => panel(data, store, { name: "review-schedule", parse: parseSchedule, imported: show })));
  data.closest("details").addEventListener("toggle", bindPanel, { once: true });
  if (unreadable(store.state) || store.state == "blocked") bindPanel();
  show();
}
