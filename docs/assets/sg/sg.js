// Widget loader: on every page (and after every instant-navigation swap, through Material's
// document$), imports the module of each widget the page has, so pages without widgets load no
// widget code. Each module exports init(root) and must be safe to call again on the same root.
const base = new URL(".", import.meta.url);

function bind() {
  const names = new Set(
    Array.from(document.querySelectorAll("[data-sg-module]"), (el) => el.dataset.sgModule),
  );
  for (const name of names) {
    if (!/^[a-z-]+$/.test(name)) continue;
    import(new URL(`${name}.js`, base).href)
      .then((module) => module.init(document))
      .catch((error) => console.error(`sg: ${name} failed to start`, error));
  }
}

if (window.document$) window.document$.subscribe(bind);
else bind();
