// The landing page's block of practice on this device: items due for review, story coverage, and
// the last mock session. Reads the stores only; a store it cannot read is said so, never written.
import { open } from "./store.js";
import { KEY as REVIEW, SPEC as REVIEW_SPEC, dueKeys } from "./review-schedule.js";
import { MOCK_KEY as MOCK, MOCK as MOCK_SPEC, STORIES_KEY as STORIES, STORIES as STORIES_SPEC } from "./practice-stores.js";

const UNREADABLE = "saved data this page cannot read (open the page to export it)";

/** What each line says, from the three stores' {state, data}. */
export function lines(review, stories, mock, principles, labels, now) {
  const bad = (store) => store.state == "corrupt" || store.state == "newer";
  const due = dueKeys(review.data.items, now).length;
  const covered = new Set(stories.data.stories.flatMap((s) => (Array.isArray(s.principles) ? s.principles : []))).size;
  const last = mock.data.sessions.at(-1);
  return {
    review: bad(review) ? UNREADABLE : due ? `${due} due` : "nothing due",
    stories: bad(stories) ? UNREADABLE : `${Math.min(covered, principles)} of ${principles} principles covered`,
    mock: bad(mock) ? UNREADABLE : last ? `last session ${new Date(last.date).toLocaleDateString()}, weakest line: ${labels[last.weakest] ?? "none"}` : "no session yet",
  };
}

export function init(root) {
  const box = root.querySelector(".sg-progress");
  if (!box) return;
  const said = lines(open(REVIEW, REVIEW_SPEC), open(STORIES, STORIES_SPEC), open(MOCK, MOCK_SPEC),
    +box.dataset.sgPrinciples, JSON.parse(box.dataset.sgLabels), Date.now());
  for (const [name, text] of Object.entries(said)) box.querySelector(`[data-sg-progress=${name}]`).textContent = text;
  box.dataset.sgBound = ""; // filled in: a fresh reader's lines read as served, so this is the mark
}
