// Printing opens every collapsible, so paper shows the comparisons a reader left closed; afterwards
// the ones this opened close again. print.css already shows their content in Chromium
// (::details-content); this covers other browsers and shows the summaries' markers as open.
// It also marks links inside the site: Material rewrites every relative href to an absolute one, and
// print.css writes out the target of absolute (external) links only.

/** Opens every closed item (anything with an `open` flag) and returns the ones it opened. */
export function openAll(items) {
  const opened = [];
  for (const item of items) {
    if (!item.open) {
      item.open = true;
      opened.push(item);
    }
  }
  return opened;
}

/** Closes again what openAll opened, leaving the reader's own choices as they were. */
export function closeAll(opened) {
  for (const item of opened) item.open = false;
}

/** Whether an absolute URL leads to a page of this site (same origin), not to another host. */
export function isInternal(href, origin) {
  try {
    return new URL(href).origin === origin;
  } catch {
    return false;
  }
}

function markInternalLinks(root) {
  for (const link of root.querySelectorAll("a[href]")) {
    if (isInternal(link.href, window.location.origin)) link.dataset.sgLink = "internal";
  }
}

export function init(root) {
  markInternalLinks(root); // each page that instant navigation brings in, too
  // The print listeners belong to the window, which outlives instant navigation: bind them once,
  // and look the page up when printing starts, in whatever page is showing then.
  const html = root.documentElement;
  if (html.dataset.sgPrintBound) return;
  html.dataset.sgPrintBound = "true";
  let opened = [];
  window.addEventListener("beforeprint", () => {
    markInternalLinks(root);
    opened = openAll(root.querySelectorAll("details"));
  });
  window.addEventListener("afterprint", () => {
    closeAll(opened);
    opened = [];
  });
}
