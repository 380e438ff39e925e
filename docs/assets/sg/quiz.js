// Self-check quiz: upgrades the server-rendered forms (without JavaScript each answer is in a
// <details>) with grading, feedback per option, a running score and progress kept on the device
// (in a SCORM package, by the LMS: quiz-progress.js).
// Only Check commits an answer: choosing and arrowing through options grade nothing.
import { loadProgress, saveProgress, storageKey } from "./quiz-progress.js";

/* ---- Pure logic (tests/js/quiz.test.js) ---- */

/** Each option's verdict: "right" (chosen, correct), "wrong", "missed" (correct, not chosen) or "". */
export function grade(answer, chosen, count) {
  const verdicts = Array.from({ length: count }, (_, index) => {
    const correct = answer.includes(index);
    return chosen.includes(index) ? (correct ? "right" : "wrong") : correct ? "missed" : "";
  });
  return { correct: verdicts.every((verdict) => !verdict || verdict === "right"), verdicts };
}

/** A rewrite is self-marked: correct once every point of its checklist is ticked. */
export const isCorrect = (item, entry) =>
  item.checklist ? entry.marks.length === item.checklist : grade(item.answer, entry.chosen, item.count).correct;

export function tally(items, progress) {
  const answered = items.filter((item) => progress[item.id]);
  return {
    answered: answered.length,
    correct: answered.filter((item) => isCorrect(item, progress[item.id])).length,
    total: items.length,
  };
}

export const scoreText = ({ answered, correct, total }) =>
  `Score: ${correct} correct of ${total} · ${answered} answered`;

/** Keeps the saved entries that fit the items as built (storage can hold anything). */
export function sanitize(items, progress) {
  const clean = {};
  for (const item of items) {
    const entry = progress[item.id];
    const list = item.checklist ? entry?.marks : entry?.chosen;
    const limit = item.checklist || item.count;
    if (!Array.isArray(list) || !list.every((i) => Number.isInteger(i) && i >= 0 && i < limit)) continue;
    const unique = [...new Set(list)];
    if (item.checklist) clean[item.id] = { text: String(entry.text ?? ""), marks: unique };
    else if (unique.length) clean[item.id] = { chosen: unique };
  }
  return clean;
}

/** Where an arrow key (or Home, End) moves focus among `count` options; -1 for other keys. */
export function step(index, count, key) {
  const moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -index, End: count - 1 - index };
  return key in moves ? (index + moves[key] + count) % count : -1;
}

/** Dispatched (bubbling) on the quiz after each committed or cleared answer and on a reset, with
 *  {slug, version, item, entry, correct, progress, answered, total}: other modules listen, the quiz
 *  knows none of them. */
export const ANSWER_EVENT = "sg-quiz:answer";

export const FEEDBACK = {
  right: "✓ Your choice, and correct.",
  wrong: "✗ Your choice, but not correct.",
  missed: "✗ Missed: this one is correct.",
  "": "Not chosen, and rightly so.",
};

/* ---- DOM binding ---- */

// Progress when storage is unavailable: it survives instant navigation, though not a reload.
const memory = new Map();

export function init(root) {
  for (const quiz of root.querySelectorAll(".sg-quiz:not([data-sg-bound])")) bind(quiz);
}

/** An item as the pure logic takes it, from its server-rendered form (sco-page.js reads them too). */
export const describe = (form) => ({
  id: form.dataset.sgItem,
  answer: form.dataset.sgAnswer?.split(" ").map(Number) || [],
  count: form.querySelectorAll(".sg-quiz__fieldset input").length,
  checklist: +form.dataset.sgChecklist || 0,
});

const ticked = (form, group) => [...form.querySelectorAll(`${group} input:checked`)].map((input) => +input.value);

function bind(quiz) {
  quiz.dataset.sgBound = "";
  const { sgQuiz: slug, sgVersion: version } = quiz.dataset;
  const key = storageKey(slug, version);
  const find = (selector, within = quiz) => within.querySelector(selector);
  const forms = [...quiz.querySelectorAll("form")];
  const items = forms.map(describe);
  const saved = loadProgress(slug, version);
  let stored = !!saved;
  let progress = sanitize(items, saved || memory.get(key) || {});
  const score = () => scoreText(tally(items, progress));
  const status = find(".sg-quiz__status");
  // A live region is not read again if its text does not change: vary it invisibly.
  const announce = (message) => (status.textContent = message + (status.textContent.endsWith(" ") ? "" : " "));

  function save() {
    memory.set(key, progress);
    if (!saveProgress(slug, version, progress)) stored = false;
    find(".sg-quiz__storage").hidden = stored;
    find(".sg-quiz__score").textContent = score();
  }

  /** Shows an item as its entry says: graded and locked, or with no entry, blank and open. */
  function show(form, item, entry) {
    const fieldset = find("fieldset", form);
    const result = find(".sg-quiz__result", form);
    const [check, retry] = form.querySelectorAll(".sg-quiz__actions button");
    fieldset.disabled = check.hidden = !!entry;
    retry.hidden = result.hidden = !entry;
    form.querySelectorAll(".sg-quiz__feedback").forEach((element) => element.remove());
    if (item.checklist) {
      find("textarea", form).value = entry?.text || "";
      form.querySelectorAll(".sg-quiz__checklist input").forEach((input, index) => {
        input.checked = !!entry?.marks.includes(index);
      });
      find("details", form).open = !!entry;
      const met = entry?.marks.length;
      result.textContent = met === item.checklist
        ? `✓ Self-marked: all ${met} points met.`
        : `Self-marked: ${met} of ${item.checklist} points met. Tick each one your rewrite meets, below.`;
      return;
    }
    const { correct, verdicts } = grade(item.answer, entry?.chosen || [], item.count);
    fieldset.querySelectorAll("li").forEach((option, index) => {
      const verdict = verdicts[index];
      option.className = "sg-quiz__option";
      find("input", option).checked = !!entry?.chosen.includes(index);
      if (!entry) return;
      option.classList.add(`sg-quiz__option--${verdict || "skipped"}`);
      const feedback = document.createElement("p");
      const label = document.createElement("strong");
      feedback.className = "sg-quiz__feedback";
      label.textContent = FEEDBACK[verdict];
      feedback.append(label, " ", find(`[data-sg-why="${index}"] .sg-quiz__reason`, form).cloneNode(true));
      option.append(feedback);
    });
    result.textContent = correct ? "✓ Correct." : "✗ Not quite: see why under each option.";
  }

  /** Tells other modules (review queue, LMS reporting) what changed: `item` null for a reset. */
  function notify(item, entry) {
    const correct = item && entry ? isCorrect(item, entry) : null;
    const detail = { slug, version, item: item?.id ?? null, entry, correct, progress, ...tally(items, progress) };
    quiz.dispatchEvent(new CustomEvent(ANSWER_EVENT, { bubbles: true, detail }));
  }

  /** Commits (or, with no entry, clears) one item's answer, and says what came of it. */
  function record(form, entry, said) {
    const index = forms.indexOf(form);
    progress[items[index].id] = entry;
    if (!entry) delete progress[items[index].id];
    save();
    show(form, items[index], entry);
    announce(`Question ${index + 1}: ${said || find(".sg-quiz__result", form).textContent} ${score()}`);
    notify(items[index], entry);
  }

  quiz.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const item = items[forms.indexOf(form)];
    const result = find(".sg-quiz__result", form);
    const entry = item.checklist ? { text: find("textarea", form).value, marks: [] } : { chosen: ticked(form, "fieldset") };
    if (progress[item.id]) return;
    if (!item.checklist && !entry.chosen.length) {
      result.hidden = false;
      return announce((result.textContent = "Choose an answer first, then Check."));
    }
    record(form, entry);
    // Check is hidden now: Try again takes its place, and the focus.
    find(".sg-quiz__retry", form).focus();
  });

  // Ticking a point of a rewrite's checklist is the self-marking, so it commits.
  quiz.addEventListener("change", ({ target }) => {
    const form = target.form;
    if (target.closest(".sg-quiz__checklist")) {
      record(form, { text: find("textarea", form).value, marks: ticked(form, ".sg-quiz__checklist") });
    }
  });

  quiz.addEventListener("click", ({ target }) => {
    const button = target.closest("button");
    if (button?.matches(".sg-quiz__retry")) {
      record(button.form, null, "cleared, try again.");
      find("fieldset :is(input, textarea)", button.form).focus();
    } else if (button?.matches(".sg-quiz__reset")) {
      progress = {};
      save();
      forms.forEach((form, index) => show(form, items[index], null));
      announce(`Quiz reset: every answer is cleared. ${score()}`);
      notify(null, null);
    }
  });

  quiz.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches(".sg-quiz__input")) return;
    if (event.key === "Enter" && input.closest(".sg-quiz__fieldset")) {
      // Enter on an option checks its question, as the Check button does.
      event.preventDefault();
      return input.form.requestSubmit();
    }
    // Radios move (and select) natively; checkboxes get the same keys, moving focus only.
    if (input.type !== "checkbox") return;
    const group = [...input.closest("ol, ul").querySelectorAll("input")];
    const next = step(group.indexOf(input), group.length, event.key);
    if (next < 0) return;
    event.preventDefault();
    group[next].focus();
  });

  forms.forEach((form, index) => {
    find(".sg-quiz__actions", form).hidden = false;
    show(form, items[index], progress[items[index].id]);
  });
  find(".sg-quiz__bar").hidden = false;
  save();
  // Answers saved for an earlier version of this quiz can never be restored: drop them.
  try {
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(storageKey(slug, "")) && name !== key) localStorage.removeItem(name);
    }
  } catch {}
}
