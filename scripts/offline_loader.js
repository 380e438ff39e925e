// Offline stand-in for docs/assets/sg/sg.js, bundled with every widget module into one classic
// script by scripts/make_offline.py: file:// pages cannot load module scripts (Chromium blocks them
// by CORS), so nothing is imported at run time. Same contract as sg.js: after every page swap, each
// widget the page has gets init(document). In a SCORM package's frame, the page first joins the
// launch page's LMS session (sco-page.js), so the quiz starts from the LMS's progress.
import { joinSession } from "../docs/assets/sg/sco-page.js";

export function start(widgets) {
  joinSession(window);
  function bind() {
    const names = new Set(
      Array.from(document.querySelectorAll("[data-sg-module]"), (el) => el.dataset.sgModule),
    );
    for (const name of names) {
      const widget = widgets[name];
      if (!widget) {
        console.error(`sg: no widget module "${name}" in the offline bundle`);
        continue;
      }
      Promise.resolve()
        .then(() => widget.init(document))
        .catch((error) => console.error(`sg: ${name} failed to start`, error));
    }
  }

  if (window.document$) window.document$.subscribe(bind);
  else bind();
}
