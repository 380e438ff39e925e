// What the practice modes keep on the device (review schedule, story bank, mock sessions): one
// localStorage key each, holding {version, ...}. Older versions are migrated on reading; data that
// cannot be read (corrupt) or was written by a newer guide is kept untouched and never written over,
// until the reader imports a file, and even then a copy of it is kept first. Saying so, export and
// import are data-panel.js's.

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
