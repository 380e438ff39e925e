// Printing: opens every details (print.css covers Chromium alone) and closes again those it opened
// afterwards; marks links inside the site, which Material makes absolute, so paper writes out
// only external targets.

/** Opens each closed item (anything with an `open` flag); returns those it opened. */
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

export function closeAll(opened) {
  for (const item of opened) item.open = false;
}

/** Whether an absolute URL is on this site's origin. */
export function isInternal(href, origin) {
  try {
    return new URL(href).origin === origin;
  } catch {
    return false;
  }
}

function markInternalLinks(root) {
  for (const link of root.querySelectorAll("a[href]")) {
    if (isInternal(link.href, location.origin)) link.dataset.sgLink = "internal";
  }
}

export function init(root) {
  markInternalLinks(root);
  // Window listeners outlive instant navigation: bind once, and read the page when printing starts.
  const html = root.documentElement;
  if (html.dataset.sgPrintBound) return;
  html.dataset.sgPrintBound = "true";
  let opened = [];
  addEventListener("beforeprint", () => {
    markInternalLinks(root);
    opened = openAll(root.querySelectorAll("details"));
  });
  addEventListener("afterprint", () => {
    closeAll(opened);
    opened = [];
  });
}
