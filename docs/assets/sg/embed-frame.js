// Embed views only: in an LMS iframe, posts this page's height to the parent whenever it changes
// (README, "Embed in an LMS", has the listener), and opens links to other pages in a new tab.

export const MESSAGE_TYPE = "sg-embed:height";

/** `url` tells frames apart when one LMS page embeds several views. */
export const heightMessage = (height, url) => ({ type: MESSAGE_TYPE, height: Math.ceil(height), url });

/** Whether a link goes to another page (or site) rather than within this one. */
export function leavesPage(href, pageUrl) {
  const target = new URL(href, pageUrl);
  const page = new URL(pageUrl);
  return target.origin !== page.origin || target.pathname !== page.pathname || target.search !== page.search;
}

export function init(root) {
  const html = document.documentElement;
  if (window.parent === window || html.hasAttribute("data-sg-embed-frame")) return;
  html.setAttribute("data-sg-embed-frame", "");

  for (const link of root.querySelectorAll("article a[href]")) {
    if (leavesPage(link.getAttribute("href"), location.href)) Object.assign(link, { target: "_blank", rel: "noopener" });
  }

  // The content, not the body: the body stretches to the frame, so a frame could never shrink back.
  const content = document.querySelector(".md-main__inner") || document.body;
  let reported = -1;
  const report = () => {
    const message = heightMessage(content.getBoundingClientRect().bottom + scrollY, location.href);
    if (message.height === reported) return;
    reported = message.height;
    // Only a height goes out, and the LMS page's origin is unknown: hence "*".
    parent.postMessage(message, "*");
  };
  new ResizeObserver(report).observe(content);
  report();
}
