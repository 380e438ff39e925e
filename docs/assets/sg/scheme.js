// The light/dark switch (overrides/partials/palette.html). A classic script, inlined right after the
// switch's buttons (partials/javascripts/palette.html), so it runs while the page is parsed, before
// the body paints: the reader's stored choice, else the system's preference, is on <body> from the
// first frame. Material's own switch applied the system preference only once its bundle ran, after
// the first paint on a phone. The header outlives instant navigation, so this runs once per load.
(() => {
  const buttons = [...document.querySelectorAll("[data-sg-scheme-index]")];
  const body = document.body;
  const colour = (button, key) => button.getAttribute(`data-md-color-${key}`);
  const systemIndex = () => Math.max(0, buttons.findIndex((button) => matchMedia(colour(button, "media")).matches));
  // Material's "__palette" record: a choice made under Material's own switch carries over. Storage
  // an LMS iframe blocks throws; the system preference applies then.
  const stored = () => {
    try {
      return __md_get("__palette");
    } catch {}
  };

  function show(index, switching) {
    // Material's CSS drops transitions while data-md-color-switching is set: one step, no fade.
    if (switching) body.setAttribute("data-md-color-switching", "");
    for (const key of ["scheme", "primary", "accent"]) body.setAttribute(`data-md-color-${key}`, colour(buttons[index], key));
    buttons.forEach((button, at) => (button.hidden = at !== index));
    if (switching) requestAnimationFrame(() => requestAnimationFrame(() => body.removeAttribute("data-md-color-switching")));
  }

  if (!buttons.length) return;
  const chosen = stored()?.index;
  show(Number.isInteger(chosen) && buttons[chosen] ? chosen : systemIndex());
  buttons.forEach((button, index) =>
    button.addEventListener("click", () => {
      const next = (index + 1) % buttons.length;
      show(next, true);
      buttons[next].focus(); // the pressed button is hidden now; the one shown names the next switch
      try {
        __md_set("__palette", { index: next });
      } catch {}
    }),
  );
  // Until the reader chooses, the page follows the system when its preference changes.
  for (const query of new Set(buttons.map((button) => colour(button, "media")))) {
    matchMedia(query).addEventListener("change", () => stored() == null && show(systemIndex(), true));
  }
})();
