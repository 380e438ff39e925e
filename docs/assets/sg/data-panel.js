// A store's panel (.sg-data, practice_modes/templates/data.md.j2): what is wrong with the stored
// data, if anything, Export (the raw text when it cannot be read, from memory when storage is
// blocked) and Import. The quiz pages, which only record, never load it.
import { unreadable } from "./store.js";

export const PROBLEMS = {
  corrupt: "What this page saved on this device cannot be read. It is kept as it is and nothing is saved over it: export it to keep a copy, or import a good file.",
  newer: "What is saved on this device comes from a newer version of this guide. It is kept as it is and nothing is saved over it: export it to keep a copy, or import a file.",
  blocked: "Your browser does not let this page store anything (storage is blocked), so what you do here is lost when you leave. Export keeps a copy.",
  full: "Your browser would not save (storage is full or blocked), so what you did is kept only until you leave. Export keeps a copy.",
};

export function download(name, text, type = "application/json") {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Binds a store's panel (.sg-data): its problem said, Export (the raw text when unreadable), an
 *  optional Markdown export and Import. `parse(text)` -> {data} or {problems: [...]}. */
export function panel(box, store, { name, parse, markdown, imported }) {
  const $ = (s) => box.querySelector(`[data-sg-data=${s}]`), say = box.querySelector(".sg-data__problem");
  const show = () => {
    say.textContent = PROBLEMS[store.state] || "";
    // A problem is not left folded away in a closed details.
    if (say.textContent) box.closest("details")?.setAttribute("open", "");
  };
  $("export").onclick = () => download(`${name}.json`, unreadable(store.state) ? store.raw : JSON.stringify(store.data, null, 1));
  if (markdown) $("markdown").onclick = () => download(`${name}.md`, markdown(store.data), "text/markdown");
  $("import").onchange = async ({ target }) => {
    const file = target.files[0];
    if (!file) return;
    const result = parse(await file.text());
    target.value = "";
    if (result.problems) return (say.textContent = `Nothing imported from ${file.name}: ${result.problems.join("; ")}`);
    store.replace(result.data);
    show();
    imported(file.name);
  };
  show();
  return show;
}
