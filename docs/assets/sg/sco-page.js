// A page of a SCORM package runs in the frame of the package's launch page, which holds the LMS session
// (scorm.js: window.sgSco). The offline bundle's loader (scripts/offline_loader.js) joins each page to
// it before any widget starts, so the walkthrough's quiz starts from the answers the LMS keeps and
// reports every answer to it. Elsewhere (the offline zip, a page opened on its own) there is no session
// and nothing changes.
import { ANSWER_EVENT, describe } from "./quiz.js";
import { deviceStore, parseProgress, useProgressStore } from "./quiz-progress.js";
import { textLimit } from "./scorm.js";

/** The launch page's session, if this page is in its frame (same origin: the package's files). */
function launchSession(win) {
  try {
    return win.parent !== win ? win.parent.sgSco || null : null;
  } catch {
    return null;
  }
}

export function joinSession(win = window) {
  const session = launchSession(win);
  if (!session) return null;
  const { slug } = session;
  useProgressStore({
    load: (quiz, version) => (quiz === slug ? parseProgress(session.saved(version)) : deviceStore.load(quiz, version)),
    // The LMS gets this walkthrough's answers with the score (below); other quizzes stay on the device.
    save: (quiz, version, progress) => quiz === slug || deviceStore.save(quiz, version, progress),
  });
  const document = win.document;
  document.addEventListener(ANSWER_EVENT, ({ detail }) => session.record(detail));
  // A rewrite's text is kept only as long as the fullest answers still fit the LMS's 4,096 characters.
  for (const quiz of document.querySelectorAll(`.sg-quiz[data-sg-quiz="${slug}"]`)) {
    const limit = textLimit([...quiz.querySelectorAll("form")].map(describe), quiz.dataset.sgVersion);
    for (const draft of quiz.querySelectorAll("textarea")) draft.maxLength = limit;
  }
  return session;
}
