// Blocks that walkthrough.css and cheat-sheet.css skip until scrolled near (content-visibility:
// var(--sg-skip), the switch in guide.css) stand in with placeholder sizes, so a scroll position
// that does not come from scrolling lands off by their difference. Material sets such positions
// after its instant navigation swaps a page in: the offset it stored, on Back and Forward, or, on a
// page's first same-page link, after re-fetching the page, once the new blocks no longer match
// :target. While the position comes from a link or from history, <html data-sg-layout="full"> lays
// every block out. A classic script inlined in the head (overrides/main.html): no request to wait
// for, and its listeners are there before any link is followed. The head outlives instant
// navigation, so this runs once per load.
(() => {
  const html = document.documentElement;
  const full = () => html.setAttribute("data-sg-layout", "full");
  // A #fragment, or the offset {x, y} Material keeps in history.state ({x: 0, y: 0} soon after any
  // page opens, which needs nothing laid out).
  const positioned = () => location.hash.length > 1 || (history.state?.y ?? 0) > 0;
  // Both come before Material fetches the page it will scroll.
  addEventListener("popstate", full);
  addEventListener("hashchange", full);
  // Material's bundle, deferred, defines document$ before DOMContentLoaded; each page swapped in
  // keeps the mark only if its position is set for it.
  addEventListener("DOMContentLoaded", () =>
    window.document$?.subscribe(() => (positioned() ? full() : html.removeAttribute("data-sg-layout"))),
  );
})();
