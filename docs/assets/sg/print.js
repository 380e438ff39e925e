// Printing opens every details (print.css covers Chromium alone) and closes those it opened after;
// links inside the site, which Material makes absolute, are marked so paper writes out only external ones.

export function openAll(items) {
  const opened = [...items].filter((item) => !item.open);
  for (const item of opened) item.open = true;
  return opened;
}

export function closeAll(opened) {
  for (const item of opened) item.open = false;
}

export function isInternal(href, origin) {
  try {
    return new URL(href).origin === origin;
  } catch {
    return false;
  }
}

function markLinks(root) {
  for (const a of root.querySelectorAll("a[href]")) {
    if (isInternal(a.href, location.origin)) a.dataset.sgLink = "internal";
  }
}

export function init(root) {
  markLinks(root);
  const html = root.documentElement;
  if (html.dataset.sgPrintBound) return; // window listeners outlive instant navigation: bind once
  html.dataset.sgPrintBound = "true";
  let opened = [];
  addEventListener("beforeprint", () => {
    markLinks(root);
    opened = openAll(root.querySelectorAll("details"));
  });
  addEventListener("afterprint", () => closeAll(opened));
}
