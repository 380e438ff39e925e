// The story bank: the reader's own stories, the principles each can answer, a primary and a backup
// story per principle, and the gaps. Kept on the device (store.js), exported as JSON or Markdown and
// imported from JSON: {"version": 1, "stories": [{"title", "summary", "principles": [slugs], ...}]},
// every other field kept as it came.
import { open, read } from "./store.js";
import { panel } from "./data-panel.js";
import { STORIES as SPEC, STORIES_KEY as KEY } from "./practice-stores.js";

export { KEY, SPEC };
const isObject = (v) => v?.constructor === Object;

export const NOTES = ["situation", "task", "action", "result", "reflection"];

/* ---- Pure logic (tests/js/stories.test.js) ---- */

/** Every problem of an imported bank, one "path: message" each, against the known principle slugs. */
export function problems(bank, slugs) {
  if (!isObject(bank) || !Array.isArray(bank.stories)) return ['the file needs {"version": 1, "stories": [...]}'];
  const out = [];
  bank.stories.forEach((story, i) => {
    const at = `stories[${i}]`;
    if (!isObject(story)) return out.push(`${at}: a story must be an object`);
    if (typeof story.title != "string" || !story.title.trim()) out.push(`${at}.title: a title is required`);
    for (const field of ["summary", "numbers"]) if (field in story && typeof story[field] != "string") out.push(`${at}.${field}: must be text`);
    if (!Array.isArray(story.principles ?? [])) return out.push(`${at}.principles: must be a list of principle slugs`);
    (story.principles ?? []).forEach((slug, j) => slugs.includes(slug) || out.push(`${at}.principles[${j}]: "${slug}" is not a principle (one of: ${slugs.join(", ")})`));
  });
  return out;
}

/** An imported file as a bank: {data} or {problems}; each story gets an id if it has none. */
export function parseBank(text, slugs) {
  const { state, data } = read(text, { ...SPEC, valid: () => true });
  if (state != "ok") return { problems: [state == "newer" ? "it comes from a newer version of this guide" : "it is not JSON"] };
  const found = problems(data, slugs);
  if (found.length) return { problems: found };
  return { data: { ...data, stories: data.stories.map((s, i) => ({ ...s, principles: s.principles ?? [], id: s.id ?? `s${Date.now().toString(36)}${i}` })) } };
}

/** The matrix: per principle, the stories that answer it, its primary and backup (marked, and still
 *  answering it), and whether it is a gap. */
export function coverage(bank, principles) {
  return principles.map(({ slug, name }) => {
    const ids = bank.stories.filter((s) => s.principles?.includes(slug)).map((s) => s.id);
    const pick = (which) => (ids.includes(bank[which]?.[slug]) ? bank[which][slug] : null);
    return { slug, name, ids, primary: pick("primary"), backup: pick("backup"), gap: !ids.length };
  });
}

export const covered = (bank, principles) => coverage(bank, principles).filter((row) => !row.gap).length;

export function markdown(bank, principles) {
  const names = Object.fromEntries(principles.map((p) => [p.slug, p.name]));
  const title = (id) => bank.stories.find((s) => s.id == id)?.title ?? "none";
  const lines = ["# My story bank", ""];
  for (const s of bank.stories) {
    lines.push(`## ${s.title}`, "");
    if (s.summary) lines.push(s.summary, "");
    if (s.numbers) lines.push(`Numbers: ${s.numbers}`, "");
    lines.push(`Principles: ${(s.principles || []).map((p) => names[p] || p).join(", ") || "none yet"}`, "");
    for (const part of NOTES) if (s.notes?.[part]) lines.push(`- ${part[0].toUpperCase() + part.slice(1)}: ${s.notes[part]}`);
    if (s.notes) lines.push("");
  }
  lines.push("## Coverage", "", "| Principle | Primary | Backup |", "| --- | --- | --- |");
  for (const row of coverage(bank, principles)) lines.push(`| ${row.name} | ${row.gap ? "GAP" : title(row.primary)} | ${title(row.backup)} |`);
  return lines.join("\n") + "\n";
}

/* ---- DOM binding ---- */

const h = (tag, attrs, ...kids) => {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.append(...kids);
  return el;
};

export function init(root) {
  const box = root.querySelector(".sg-stories:not([data-sg-bound])");
  if (!box) return;
  box.dataset.sgBound = "";
  const { principles } = JSON.parse(box.dataset.sgStories), slugs = principles.map((p) => p.slug);
  const store = open(KEY, SPEC), form = box.querySelector("form"), status = box.querySelector(".sg-stories__status");
  const checker = root.querySelector("[data-sg-checker]");
  const say = (text) => (status.textContent = text);
  let editing = null;

  function save(message) {
    say(store.write() ? message : `${message} Not saved on this device: see below.`);
    said();
    draw();
  }

  function draw() {
    const bank = store.data, rows = coverage(bank, principles), byId = Object.fromEntries(bank.stories.map((s) => [s.id, s]));
    box.querySelector(".sg-stories__list").replaceChildren(...bank.stories.map((s) => h("li", {},
      h("strong", {}, s.title), s.summary ? `: ${s.summary}` : "", s.numbers ? h("br") : "", s.numbers ? `Numbers: ${s.numbers}` : "", h("br"),
      `Answers: ${(s.principles || []).map((slug) => principles.find((p) => p.slug == slug)?.name || slug).join(", ") || "no principle yet"}`, h("br"),
      h("button", { type: "button", class: "md-button", "data-sg-edit": s.id }, "Edit"), " ",
      h("button", { type: "button", class: "md-button", "data-sg-delete": s.id }, "Delete"), " ",
      h("button", { type: "button", class: "md-button", "data-sg-check": s.id }, "Check this story"))));
    const table = root.querySelector(".sg-stories__matrix");
    table.tHead.rows[0].replaceChildren(...["Principle", "Primary", "Backup", ...bank.stories.map((s) => s.title)].map((t) => h("th", { scope: "col" }, t)));
    table.tBodies[0].replaceChildren(...rows.map((row) => {
      const choose = (which) => {
        if (row.gap) return which == "primary" ? "Gap: no story yet" : "";
        const select = h("select", { "aria-label": `${which == "primary" ? "Primary" : "Backup"} story for ${row.name}`, "data-sg-mark": `${which} ${row.slug}` },
          h("option", { value: "" }, "Choose"), ...row.ids.map((id) => h("option", { value: id }, byId[id].title)));
        select.value = row[which] || "";
        return select;
      };
      return h("tr", { class: row.gap ? "sg-stories__gap" : "", "data-sg-principle": row.slug }, h("th", { scope: "row" }, row.name),
        h("td", {}, choose("primary")), h("td", {}, choose("backup")),
        ...bank.stories.map((s) => h("td", {}, s.principles?.includes(row.slug) ? "✓" : "")));
    }));
    root.querySelector("[data-sg-coverage]").textContent = `${covered(bank, principles)} of ${principles.length} principles have a story.`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const get = (name) => form.elements[name].value.trim();
    const old = store.data.stories.find((s) => s.id == editing);
    const story = {
      ...old, id: editing || `s${Date.now().toString(36)}`, title: get("title"), summary: get("summary"), numbers: get("numbers"),
      principles: [...form.querySelectorAll("[name=principles]:checked")].map((input) => input.value),
      notes: Object.fromEntries(NOTES.map((part) => [part, get(part)]).filter(([, text]) => text)),
    };
    store.data = { ...store.data, stories: old ? store.data.stories.map((s) => (s == old ? story : s)) : [...store.data.stories, story] };
    form.reset();
    save(`Saved "${story.title}".`);
  });
  form.addEventListener("reset", () => (editing = null));

  box.addEventListener("click", ({ target }) => {
    const { sgEdit: edit, sgDelete: drop, sgCheck: check } = target.dataset, story = store.data.stories.find((s) => s.id == (edit || drop || check));
    if (!story) return;
    if (edit) {
      form.reset();
      editing = story.id;
      for (const name of ["title", "summary", "numbers"]) form.elements[name].value = story[name] || "";
      for (const part of NOTES) form.elements[part].value = story.notes?.[part] || "";
      for (const input of form.querySelectorAll("[name=principles]")) input.checked = story.principles?.includes(input.value);
      form.elements.title.focus();
      say(`Editing "${story.title}": save it when you are done.`);
    } else if (drop && confirm(`Delete "${story.title}" from your story bank?`)) {
      store.data = { ...store.data, stories: store.data.stories.filter((s) => s != story) };
      save(`Deleted "${story.title}".`);
    } else if (check) {
      // The checker fills itself in from this, once (practice.js): its own saved draft is untouched.
      const notes = story.notes || {}, whole = [story.summary, story.numbers].filter(Boolean).join(" ");
      try {
        sessionStorage.setItem("sg-practice-prefill", JSON.stringify({ title: story.title, ...(Object.keys(notes).length ? notes : { paste: whole }) }));
      } catch {}
      location.href = checker.href;
    }
  });

  root.querySelector(".sg-stories__matrix").addEventListener("change", ({ target }) => {
    const [which, slug] = target.dataset.sgMark.split(" ");
    store.data = { ...store.data, [which]: { ...store.data[which], [slug]: target.value || undefined } };
    save(`${which == "primary" ? "Primary" : "Backup"} story for ${principles.find((p) => p.slug == slug).name}: ${target.selectedOptions[0].text}.`);
  });

  const said = panel(box.querySelector(".sg-data"), store, {
    name: "story-bank",
    parse: (text) => parseBank(text, slugs),
    markdown: (bank) => markdown(bank, principles),
    imported: (name) => {
      draw();
      say(`Imported ${store.data.stories.length} stories from ${name}.`);
    },
  });
  draw();
}
