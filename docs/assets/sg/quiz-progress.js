// Quiz progress on the device, per walkthrough, keyed on a hash of the quiz (data-sg-version) so an
// edited quiz never restores stale answers. The landing page loads only this module.
export const storageKey = (slug, version) => `sg-quiz:${slug}:${version}`;

/** Saved answers, {itemId: entry}; {} for nothing saved or anything else. */
export function parseProgress(text) {
  try {
    const value = JSON.parse(text);
    if (value?.constructor === Object) return value;
  } catch {}
  return {};
}

/** Saved answers, or null when storage is unavailable: blocked storage throws on access. */
export function loadProgress(slug, version) {
  try {
    return parseProgress(localStorage.getItem(storageKey(slug, version)));
  } catch {
    return null;
  }
}

export function init(root) {
  for (const element of root.querySelectorAll(".sg-quiz-progress")) {
    const { sgQuiz, sgVersion, sgTotal } = element.dataset;
    const saved = loadProgress(sgQuiz, sgVersion);
    if (saved) element.textContent = `${Math.min(Object.keys(saved).length, sgTotal)} of ${sgTotal} answered`;
  }
}
