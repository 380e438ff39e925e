// Rehearsal timer over the plan from macros/practice.py timer_plan. init(root, {now}) injects the clock.
import { clock, h, payload } from "./practice.js";

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
    return p.budget ? [{ at, text: `${clock(at)}: the ${p.name}'s ${p.budget} s are spent. Move on.` }] : [];
  }), { at: total, text: `${clock(total)}: the ${w.roles[role]} budget is spent. Wrap up.` }];
}

let active; // this page's timer: one keydown listener serves every page

export function init(root, { now = Date.now } = {}) {
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
