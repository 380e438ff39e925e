// "Check my story" and the rehearsal timer. analyze() applies data/rules.yml as macros/practice/rules.py
// does (tests/fixtures/stories.json runs through both); the timer follows the plan from
// macros/practice/__init__.py timer_plan. The user's text never leaves the page.
const FOLLOW = "follow-ups";
const SENTENCE = /\S[\s\S]*?(?:[.!?…]+["'”’)\]]*(?=\s|$)|(?=\n)|$)/g;

export const sentences = (text) => [...text.matchAll(SENTENCE)].map((m) => [m.index, m.index + m[0].length]);
export const words = (text) => text.split(/\s+/).filter(Boolean).length;
export const seconds = (n, pace) => Math.ceil((n * 60) / pace);
export const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
const fill = (t, v) => t.replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m));
const group = (p) => (p.startsWith("follow-up-") ? FOLLOW : "story");
const covers = (r, p) => r.sections.includes(p) || (group(p) == FOLLOW && r.sections.includes(FOLLOW));
const find = (pats, ic, part, text) =>
  pats.flatMap((p) => [...text.matchAll(new RegExp(p, ic ? "gi" : "g"))].map((m) => ({ part, start: m.index, end: m.index + m[0].length })));

// Findings, rubric scores and speaking times of `story` ({part: text}).
export function analyze(rules, ctx, story, role) {
  const names = {}, texts = {}, order = ctx.parts.map((p) => p.id);
  for (const p of ctx.parts) {
    names[p.id] = p.name;
    if ((story[p.id] || "").trim()) texts[p.id] = story[p.id];
  }
  const findings = [], checks = [];
  const problems = () => findings.filter((f) => f.level == "problem").length;
  const add = (rule, level, part, span, message, values = {}) => {
    const match = span ? texts[part].slice(span.start, span.end) : null;
    Object.assign(values, { match, section: names[part] || "", pace: ctx.pace, min: rule.min });
    findings.push({
      rule: rule.id, level, part, match,
      sentence: span ? sentences(texts[part]).find(([s, e]) => s <= span.start && span.start < e) || null : null,
      message: level == "problem" ? fill(message || rule.message, values) : null,
      link: part ? fill(rule.link, { part }) : rule.link,
    });
  };
  const inAll = (pats, ic, parts) => parts.flatMap((p) => find(pats, ic, p, texts[p]));
  const story_ = ctx.parts.filter((p) => group(p.id) == "story");
  const said = (p) => seconds(words(texts[p.id] || ""), ctx.pace);
  for (const rule of rules.rules) {
    if (rule.principles.length && !rule.principles.includes(ctx.principle)) continue;
    if (rule.kind == "section_budget") {
      for (const p of story_) if (p.budget && p.id in texts && said(p) > p.budget) add(rule, "problem", p.id, null, null, { said: said(p), budget: p.budget });
      continue;
    }
    const total = story_.reduce((n, p) => n + said(p), 0), budget = ctx.totals[role];
    if (rule.kind == "total_budget") {
      if (total > budget && story_.some((p) => p.id in texts)) add(rule, "problem", null, null, null, { said: total, budget, role: ctx.roles[role] });
      continue;
    }
    for (const g of ["story", FOLLOW]) {
      const parts = order.filter((p) => p in texts && group(p) == g && covers(rule, p));
      if (!parts.length) continue;
      const before = problems(), ic = rule.ignore_case, last = parts[parts.length - 1];
      if (rule.kind == "phrase") for (const s of inAll(rule.patterns, ic, parts)) add(rule, "problem", s.part, s);
      else if (rule.kind == "each_sentence") {
        for (const p of parts)
          for (const [s, e] of sentences(texts[p])) {
            const hit = find(rule.patterns, ic, p, texts[p].slice(s, e))[0];
            add(rule, hit ? "ok" : "problem", p, hit ? { start: s + hit.start, end: s + hit.end } : { start: s, end: e });
          }
      } else if (rule.kind == "min_words") {
        const n = parts.reduce((n, p) => n + words(texts[p]), 0);
        if (n < rule.min) add(rule, "problem", last, null, null, { words: n });
      } else {
        const trigger = rule.when.length ? inAll(rule.when, ic, parts)[0] : null;
        if (rule.when.length && !trigger) continue;
        const found = inAll(rule.patterns, ic, parts), values = { count: found.length };
        for (const s of found) add(rule, "ok", s.part, s);
        const late = rule.late_message && found.length < rule.min && !trigger
          ? inAll(rule.patterns, ic, order.slice(order.indexOf(last) + 1).filter((p) => p in texts && group(p) == "story"))[0] : null;
        if (found.length >= rule.min);
        else if (trigger) add(rule, "problem", trigger.part, trigger, null, values);
        else if (late) add(rule, "problem", late.part, late, rule.late_message, values);
        else add(rule, "problem", last, null, null, values);
      }
      if (rule.rubric != null) checks.push([g == FOLLOW ? FOLLOW : rule.rubric, before == problems()]);
    }
  }
  const scores = rules.rubric.map((line) => {
    const heard = line.section == FOLLOW ? Object.keys(texts).some((p) => group(p) == FOLLOW) : line.section in texts;
    const mine = heard ? checks.filter(([r]) => r == line.id || (line.section == FOLLOW && r == FOLLOW)) : [];
    const passed = mine.filter(([, ok]) => ok).length, total = mine.length;
    return { id: line.id, label: line.label, passed, total, level: total ? (passed == total ? 3 : passed * 2 > total ? 2 : 1) : null };
  });
  const parts = story_.map((p) => ({ id: p.id, words: words(texts[p.id] || ""), seconds: said(p), budget: p.budget }));
  return { findings, scores, timing: { parts, total: { seconds: parts.reduce((n, p) => n + p.seconds, 0), budget: ctx.totals[role] ?? null } } };
}

// A pasted answer split into `ids` (the sections, in order): the monotone split matching the most cues.
export function suggest(text, cues, ids) {
  const spans = sentences(text), back = [], out = {};
  let best = ids.map((_, k) => (k ? -1e9 : 0));
  for (const [s, e] of spans) {
    const row = ids.map((id) => (cues[id] || []).filter((p) => new RegExp(p, "i").test(text.slice(s, e))).length);
    const from = ids.map((_, k) => { let j = k; for (let m = 0; m < k; m++) if (best[m] > best[j]) j = m; return j; });
    best = from.map((j, k) => best[j] + row[k] + (j < k) / 2); // moving on earns a little: spreads sentences
    back.push(from);
  }
  for (const id of ids) out[id] = "";
  for (let i = spans.length, k = best.indexOf(Math.max(...best)); i--; k = back[i][k]) out[ids[k]] = `${text.slice(...spans[i])} ${out[ids[k]]}`.trim();
  return out;
}

// --- Rehearsal timer: pure logic -------------------------------------------------------------

// The step `t` s falls in; plan.length past the end.
export const stepAt = (plan, t) => { const i = plan.findIndex((s) => t < s.end); return i < 0 ? plan.length : i; };

export function stopwatch(now) {
  let from = null, banked = 0;
  return {
    running: () => from != null,
    elapsed: () => banked + (from == null ? 0 : now() - from),
    toggle() { if (from == null) from = now(); else { banked += now() - from; from = null; } },
    reset() { from = null; banked = 0; },
  };
}

// Each section's own budget, from its start, then the total.
export function warnings(w, role) {
  const plan = w.plans[role], total = w.totals[role];
  return [...plan.flatMap((s, i) => {
    const p = w.parts[i], at = s.start + p.budget;
    return p.budget ? [{ at, text: `${clock(at)}: the ${p.name} must be over by now.` }] : [];
  }), { at: total, text: `${clock(total)}: the ${w.roles[role]} budget is spent. Wrap up.` }];
}

// User text only ever becomes text nodes, never HTML.
const h = (tag, attrs, ...kids) => {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.append(...kids);
  return el;
};
const payload = (root) => JSON.parse(root.querySelector("[data-sg-practice]").dataset.sgPractice);
const KEY = "sg-practice-draft";
const PREFILL = "sg-practice-prefill"; // stories.js hands a story over under this sessionStorage key
const store = (f) => { try { return f(localStorage); } catch { return null; } };

function bindChecker(root) {
  const box = root.querySelector(".sg-practice:not([data-sg-bound])");
  if (!box) return;
  box.dataset.sgBound = "";
  const data = payload(root), $ = (s) => box.querySelector(s);
  const form = $("form"), pick = $("#sg-practice-for"), keep = $("#sg-practice-keep"), status = $("[role=status]"), report = $(".sg-practice__report");
  const fields = () => [...form.elements].filter((e) => e.name);
  const current = () => { const [slug, role] = pick.value.split(" "); return [data.walkthroughs.find((w) => w.slug == slug), role]; };
  const story = () => Object.fromEntries([...form.querySelectorAll("[data-sg-part]")].filter((e) => !e.closest("[hidden]")).map((e) => [e.dataset.sgPart, e.value]));
  // Storage that is blocked or full refuses the draft: "Keep" unticks, and the reader is told.
  const save = () => {
    if (!keep.checked) return;
    const draft = JSON.stringify(Object.fromEntries(fields().map((e) => [e.name, e.value])));
    if (store((s) => (s.setItem(KEY, draft), true))) return;
    keep.checked = false;
    status.textContent = status.dataset.sgNotKept;
  };
  let checked, timer;

  function sync() {
    const [w, role] = current(), t = analyze({ rules: [], rubric: [] }, w, story(), role).timing;
    for (const set of box.querySelectorAll("[data-sg-walkthrough]")) set.hidden = set.dataset.sgWalkthrough != w.slug;
    for (const p of t.parts) {
      const budget = p.budget ? ` of ${p.budget} s` : ""; // not nested in the literal below: rJSmin breaks that
      $(`[data-sg-said=${p.id}]`).textContent = `${p.words} words, ${p.seconds} s${budget}`;
    }
    $("[data-sg-said=total]").textContent = `Spoken at ${w.pace} words a minute: ${clock(t.total.seconds)} of ${clock(t.total.budget)} for ${w.roles[role]}.`;
  }

  function check(announce) {
    const [w, role] = current(), text = story(), result = analyze(data.rules, w, text, role);
    const guide = root.querySelector(`[data-sg-guide="${w.slug}"]`).getAttribute("href");
    const at = (f) => w.parts.findIndex((p) => p.id == f.part) * 1e6 + (f.sentence ? f.sentence[0] : 1e5);
    const problems = result.findings.filter((f) => f.level == "problem").sort((a, b) => at(a) - at(b)), marks = {}, credits = {};
    const names = Object.fromEntries(w.parts.map((p) => [p.id, p.name]));
    const items = problems.map((f, i) => {
      const key = f.sentence && `${f.part}-${f.sentence[0]}`;
      if (key) (marks[key] ||= { part: f.part, span: f.sentence, nums: [] }).nums.push(i + 1);
      const where = names[f.part] || "Whole answer";
      return h("li", {}, h("strong", {}, key ? h("a", { href: `#sg-mark-${key}` }, where) : where), `: ${f.message} `, h("a", { href: `${guide}#${f.link}` }, "Why: see the guide"));
    });
    for (const f of result.findings) if (f.level == "ok") (credits[f.rule] ||= []).push(`“${f.match}”`);
    for (const r of data.rules.rules) if (credits[r.id]) items.push(h("li", { class: "sg-practice__credit" }, h("strong", {}, `Credited, ${r.label}: `), credits[r.id].join(", ")));
    $(".sg-practice__findings").replaceChildren(...items);
    $(".sg-practice__marked").replaceChildren(...w.parts.filter((p) => (text[p.id] || "").trim()).flatMap((p) => {
      const para = h("p", {}), t = text[p.id];
      let at = 0;
      for (const m of Object.values(marks).filter((m) => m.part == p.id).sort((a, b) => a.span[0] - b.span[0])) {
        para.append(t.slice(at, m.span[0]), h("mark", { id: `sg-mark-${p.id}-${m.span[0]}`, tabindex: -1 }, t.slice(...m.span), h("sup", {}, `[${m.nums}]`)));
        at = m.span[1];
      }
      para.append(t.slice(at));
      return [h("h4", {}, p.name), para];
    }));
    for (const s of result.scores) $(`[data-sg-score=${s.id}]`).textContent = s.total ? `${s.level} of 3 (${s.passed} of ${s.total} checks pass)` : "Not checked: nothing written for it yet";
    report.hidden = false;
    const levels = result.scores.filter((s) => s.total).map((s) => `${s.label}: ${s.level} of 3`).join(". ");
    if (announce) status.textContent = `${problems.length} findings to fix. ${levels}`;
    checked = 1;
  }

  const saved = store((s) => JSON.parse(s.getItem(KEY)));
  if (saved) {
    for (const e of fields()) if (e.name in saved) e.value = saved[e.name];
    keep.checked = true;
    pick.dispatchEvent(new Event("change")); // the timer follows the restored question and role
  }
  // A story sent from the story bank (stories.js), once. The saved draft stays stored: Keep is
  // unticked so that typing here does not write over it.
  let sent = null;
  try { sent = JSON.parse(sessionStorage.getItem(PREFILL)); sessionStorage.removeItem(PREFILL); } catch {}
  if (sent) {
    for (const e of fields()) if (e.name in sent) e.value = sent[e.name];
    $("details.sg-practice__paste").open = !!sent.paste;
    keep.checked = false;
    status.textContent = `Filled in from your story bank: “${sent.title}”.${saved ? " Your saved draft is still stored." : ""}`;
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); check(1); });
  // A jump to a marked sentence focuses it here: Material would re-render the page for a URL change.
  $(".sg-practice__findings").addEventListener("click", (e) => {
    const a = e.target.closest("a[href^='#']");
    if (a) { e.preventDefault(); e.stopPropagation(); $(a.hash).focus(); }
  });
  form.addEventListener("input", () => {
    sync(); save(); clearTimeout(timer);
    if (checked) timer = setTimeout(check, 400);
  });
  keep.addEventListener("change", () => (keep.checked ? save() : store((s) => s.removeItem(KEY))));
  $("[data-sg-action=forget]").addEventListener("click", () => {
    store((s) => s.removeItem(KEY));
    form.reset(); sync(); report.hidden = true; checked = 0;
    status.textContent = status.dataset.sgForgotten;
  });
  $("[data-sg-action=split]").addEventListener("click", () => {
    const parts = suggest($("#sg-practice-paste").value, data.rules.suggest, data.sections);
    for (const id of data.sections) $(`#sg-practice-${id}`).value = parts[id];
    sync(); save(); check();
    status.textContent = status.dataset.sgSplit;
  });
  for (const el of root.querySelectorAll("[data-sg-nojs]")) el.hidden = true;
  box.hidden = false;
  sync();
}

let active; // this page's timer: one keydown listener serves every page

function bindTimer(root, now) {
  const box = root.querySelector(".sg-timer:not([data-sg-bound])");
  if (!box) return;
  box.dataset.sgBound = "";
  const data = payload(root), $ = (s) => box.querySelector(s), pick = root.querySelector("#sg-practice-for"), source = $("select"), button = $("button");
  const watch = stopwatch(now);
  let w, role, plan, step, ticking;

  function load() {
    const [slug, r] = pick.value.split(" ");
    w = data.walkthroughs.find((x) => x.slug == slug); role = r; plan = w.plans[role]; step = -1;
    const text = (id) => (source.value == "model" ? w.answers[role][id] : root.querySelector(`#sg-practice-${id}`).value) || "(nothing written yet)";
    $(".sg-timer__total").textContent = clock(w.totals[role]);
    $("ol").replaceChildren(...plan.map((s, i) => h("li", {}, `${w.parts[i].name}: ${clock(s.start)}–${clock(s.end)}`)));
    $(".sg-timer__prompter").replaceChildren(...(source.value == "off" ? [] : plan.map((s, i) => h("p", {}, h("strong", {}, `${w.parts[i].name}. `), text(s.id)))));
    render();
  }

  function render() {
    const t = Math.floor(watch.elapsed() / 1000), i = stepAt(plan, t), warn = $("[role=alert]");
    $(".sg-timer__elapsed").textContent = clock(t);
    button.textContent = watch.running() ? "Pause" : t ? "Resume" : "Start";
    if (i != step) {
      step = i;
      // The live region is the name alone: it speaks only on a change.
      $(".sg-timer__now").textContent = i < plan.length ? w.parts[i].name : "Time is up";
      box.querySelectorAll("li, .sg-timer__prompter p").forEach((el, n) => {
        const on = n % plan.length == i;
        el.classList.toggle("sg-timer__step--now", on);
        el.setAttribute("aria-current", on ? "step" : "false");
      });
      if (watch.running()) $(".sg-timer__prompter .sg-timer__step--now")?.scrollIntoView({ block: "nearest" });
    }
    const due = warnings(w, role).filter((a) => t >= a.at).pop()?.text || "";
    if (warn.textContent != due) warn.textContent = due;
  }

  const actions = {
    toggle() {
      clearInterval(ticking);
      if (!watch.running() && !watch.elapsed()) load();
      watch.toggle();
      if (watch.running()) ticking = setInterval(() => (box.isConnected ? render() : clearInterval(ticking)), 250);
      render();
    },
    reset() { clearInterval(ticking); watch.reset(); load(); },
  };
  button.addEventListener("click", actions.toggle);
  $("[data-sg-timer=reset]").addEventListener("click", actions.reset);
  pick.addEventListener("change", actions.reset);
  source.addEventListener("change", load);
  if (!active) document.addEventListener("keydown", (e) => {
    const act = { k: "toggle", r: "reset" }[e.key], el = e.target;
    if (!act || !active.box.isConnected || e.ctrlKey || e.metaKey || e.altKey || el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return;
    e.preventDefault();
    active[act]();
  });
  active = { box, ...actions };
  box.hidden = false;
  load();
}

// Binds what the page has; safe to call again after every instant-navigation swap. `now` is the
// timer's clock, in ms: tests inject their own.
export function init(root, { now = Date.now } = {}) {
  bindChecker(root);
  bindTimer(root, now);
}
