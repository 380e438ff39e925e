// Quiz progress, per walkthrough, keyed on a hash of the quiz (data-sg-version) so an edited quiz
// never restores stale answers. It is kept on this device unless another store takes over: in a
// SCORM package, sco-page.js hands the LMS's store in before any quiz binds. The landing page loads
// only this module.
export const storageKey = (slug, version) => `sg-quiz:${slug}:${version}`;

/** Saved answers, {itemId: entry}; {} for nothing saved or anything else. */
export function parseProgress(text) {
  try {
    const value = JSON.parse(text);
    if (value?.constructor === Object) return value;
  } catch {}
  return {};
}

/** Answers saved for other versions of a quiz: what a version never saved starts from. The quiz
 *  keeps those of items it still has (quiz.js sanitize); the other versions' saves stay as they are,
 *  as nothing a reader stored is deleted. */
export function carryOver(slug, storage) {
  let found = {};
  for (const name of Object.keys(storage)) {
    if (name.startsWith(storageKey(slug, ""))) found = { ...parseProgress(storage.getItem(name)), ...found };
  }
  return found;
}

/** This device's localStorage. load: the saved answers (for a version never saved, those carried over
 *  from other versions), or null when storage is unavailable (blocked storage throws on access);
 *  save: false when storage refused them. */
export const deviceStore = {
  load(slug, version) {
    try {
      const text = localStorage.getItem(storageKey(slug, version));
      return text == null ? carryOver(slug, localStorage) : parseProgress(text);
    } catch {
      return null;
    }
  },
  save(slug, version, progress) {
    const key = storageKey(slug, version);
    try {
      // Written even when empty, so blocked or full storage shows before the first answer, and a
      // quiz reset is not filled again from another version's answers (carryOver).
      localStorage.setItem(key, JSON.stringify(progress));
      return true;
    } catch {
      return false;
    }
  },
};

let store = deviceStore;

/** Keeps progress in `next` ({load, save}, as deviceStore) from now on; null returns it to this device. */
export function useProgressStore(next) {
  store = next || deviceStore;
}

export const loadProgress = (slug, version) => store.load(slug, version);
export const saveProgress = (slug, version, progress) => store.save(slug, version, progress);

export function init(root) {
  for (const element of root.querySelectorAll(".sg-quiz-progress")) {
    const { sgQuiz, sgVersion, sgTotal } = element.dataset;
    const saved = loadProgress(sgQuiz, sgVersion);
    if (saved) element.textContent = `${Math.min(Object.keys(saved).length, sgTotal)} of ${sgTotal} answered`;
  }
}
