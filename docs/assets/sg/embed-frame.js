// Embed views only (overrides/embed.html): inside an LMS iframe, tells the parent page this page's
// height whenever it changes, so the frame can fit it (the README, "Embed in an LMS", shows the
// listener). Links that leave the page open in a new tab instead of inside the frame.

/* ---- Pure logic (tests/js/embed.test.js) ---- */

export const MESSAGE_TYPE = "sg-embed:height";

/** The message the parent receives; `url` tells frames apart when a page embeds several views. */
export function heightMessage(height, url) {
  return { type: MESSAGE_TYPE, height: Math.ceil(height), url };
}

/** Whether a link leaves the embedded page (another page or site), rather than jumping within it. */
export function leavesPage(href, pageUrl) {
  const target = new URL(href, pageUrl);
  const page = new URL(pageUrl);
  return target.origin !== page.origin || target.pathname !== page.pathname || target.search !== page.search;
}

/* ---- DOM binding ---- */

// The content's own height: the body and the page container stretch to the frame, so measuring them
// would never let a frame shrink back.
function contentHeight() {
  const content = document.querySelector(".md-main__inner") || document.body;
  return content.getBoundingClientRect().bottom + window.scrollY;
}

export function init(root) {
  const html = document.documentElement;
  if (window.parent === window || html.hasAttribute("data-sg-embed-frame")) return;
  html.setAttribute("data-sg-embed-frame", "");

  for (const link of root.querySelectorAll("article a[href]")) {
    if (leavesPage(link.getAttribute("href"), location.href)) {
      link.target = "_blank";
      link.rel = "noopener";
    }
  }

  let reported = -1;
  const report = () => {
    const message = heightMessage(contentHeight(), location.href);
    if (message.height === reported) return;
    reported = message.height;
    // Only a height goes out, nothing private, and the LMS page's origin is not known: hence "*".
    window.parent.postMessage(message, "*");
  };
  new ResizeObserver(report).observe(document.querySelector(".md-main__inner") || document.body);
  report();
}
