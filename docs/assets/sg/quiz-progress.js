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

/** This device's localStorage. load: the saved answers, or null when storage is unavailable (blocked
 *  storage throws on access); save: false when storage refused them. */
export const deviceStore = {
  load(slug, version) {
    try {
      return parseProgress(localStorage.getItem(storageKey(slug, version)));
    } catch {
      return null;
    }
  },
  save(slug, version, progress) {
    const key = storageKey(slug, version);
    try {
      // Written even when empty, so blocked or full storage shows before the first answer.
      localStorage.setItem(key, JSON.stringify(progress));
      if (!Object.keys(progress).length) localStorage.removeItem(key);
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
