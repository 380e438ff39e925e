// What the practice modes keep on the device (review schedule, story bank, mock sessions): one
// localStorage key each, holding {version, ...}. Older versions are migrated on reading; data that
// cannot be read (corrupt) or was written by a newer guide is kept untouched and never written over,
// until the reader imports a file, and even then a copy of it is kept first. Export works whatever
// the state, from memory when storage is blocked.

/* ---- Pure logic (tests/js/store.test.js) ---- */

/** Stored text as {state, data}: state "empty", "ok", "corrupt" or "newer". `spec`: {version (the
 *  current one), migrate (migrate[n] turns version n into n + 1; 0 is data from before versions,
 *  with no version field), valid (data of the current version -> boolean)}. */
export function read(text, spec) {
  if (text == null) return { state: "empty", data: null };
  let data, from;
  try {
    data = JSON.parse(text);
    from = data?.constructor === Object && "version" in data ? data.version : 0;
  } catch {
    return { state: "corrupt", data: null };
  }
  if (!Number.isInteger(from) || from < 0) return { state: "corrupt", data: null };
  if (from > spec.version) return { state: "newer", data: null };
  try {
    for (; from < spec.version; from++) data = spec.migrate[from](data);
  } catch {
    return { state: "corrupt", data: null };
  }
  return spec.valid(data) ? { state: "ok", data } : { state: "corrupt", data: null };
}

export const unreadable = (state) => state == "corrupt" || state == "newer";

export const PROBLEMS = {
  corrupt: "What this page saved on this device cannot be read. It is kept as it is and nothing is saved over it: export it to keep a copy, or import a good file.",
  newer: "What is saved on this device comes from a newer version of this guide. It is kept as it is and nothing is saved over it: export it to keep a copy, or import a file.",
  blocked: "Your browser does not let this page store anything (storage is blocked), so what you do here is lost when you leave. Export keeps a copy.",
  full: "Your browser would not save (storage is full or blocked), so what you did is kept only until you leave. Export keeps a copy.",
};

/* ---- Storage ---- */

/** A store: `data` in memory (fresh if nothing readable is stored), written back by `write()`
 *  unless what is stored could not be read. */
export function open(key, spec) {
  let raw = null, state;
  try {
    raw = localStorage.getItem(key);
    state = read(raw, spec);
  } catch {
    state = { state: "blocked", data: null };
  }
  const store = {
    key, raw, state: state.state, data: state.data ?? spec.fresh(),
    /** Saves `data`; false (and state "full") when the browser refuses, or when nothing may be written. */
    write(data = store.data) {
      store.data = data;
      if (unreadable(store.state)) return false;
      try {
        localStorage.setItem(key, JSON.stringify(data));
        store.state = "ok";
        return true;
      } catch {
        store.state = store.state == "blocked" ? "blocked" : "full";
        return false;
      }
    },
    /** Replaces what is stored with imported data, first keeping a copy of anything unreadable. */
    replace(data) {
      if (unreadable(store.state)) {
        try {
          localStorage.setItem(`${key}:kept:${Date.now()}`, raw);
        } catch {
          store.data = data;
          return false;
        }
        store.state = "ok";
      }
      return store.write(data);
    },
  };
  return store;
}

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
