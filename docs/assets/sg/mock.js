// The mock interview: questions drawn from the bank without repeats, each with a preparation
// countdown, an answer timed against the 2-minute budget with the STAR(+R) pacing, one follow-up
// probe, then self-scoring on the rubric (and the model answer, where the question has one). The
// summary names the weakest rubric line; the last sessions are kept on the device (store.js).
// Recordings stay in this tab: never stored, never sent.
import { open, read, unreadable } from "./store.js";
import { MOCK as SPEC, MOCK_KEY as KEY } from "./practice-stores.js";

export { KEY, SPEC };
export const KEEP = 10; // sessions kept on the device

/* ---- Pure logic (tests/js/mock.test.js) ---- */

/** `count` questions of the chosen principles (all of them for none), no question twice, each with
 *  one of its probes. */
export function planSession(bank, principles, count, random = Math.random) {
  const pool = bank.filter((q) => !principles.length || principles.includes(q.principle));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count).map((q) => ({ ...q, probe: q.probes[Math.floor(random() * q.probes.length)] }));
}

/** The plan's section at `t` seconds; plan.length once past its end. */
export const sectionAt = (plan, t) => {
  const i = plan.findIndex((s) => t < s.end);
  return i < 0 ? plan.length : i;
};

export const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;

/** Average score per rubric line over the scored questions, and the weakest line (the first of the
 *  lowest, in rubric order). */
export function summarize(questions, rubric) {
  const averages = {};
  for (const { id } of rubric) {
    const scores = questions.map((q) => q.scores?.[id]).filter(Number.isFinite);
    if (scores.length) averages[id] = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
  }
  const scored = rubric.filter((line) => line.id in averages);
  const weakest = scored.reduce((low, line) => (averages[line.id] < averages[low.id] ? line : low), scored[0]);
  return { averages, weakest: weakest?.id ?? null };
}

/** Sessions kept: this one added, the oldest dropped past KEEP. */
export const remember = (sessions, session) => [...sessions, session].slice(-KEEP);

/* ---- DOM binding ---- */

const h = (tag, attrs, ...kids) => {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.append(...kids);
  return el;
};

export function init(root) {
  const box = root.querySelector(".sg-mock:not([data-sg-bound])");
  if (!box) return;
  box.dataset.sgBound = "";
  const data = JSON.parse(box.dataset.sgMock), $ = (s) => box.querySelector(s), store = open(KEY, SPEC);
  const setup = $(".sg-mock__setup"), run = $(".sg-mock__run"), grade = $(".sg-mock__grade"), summary = $(".sg-mock__summary");
  const now = $(".sg-mock__now"), status = $(".sg-mock__status"), steps = [...$(".sg-mock__plan").children];
  const guide = (slug) => root.querySelector(`[data-sg-guide="${slug}"]`)?.getAttribute("href");
  let session, index, phase, started, ticker, mic, recorder, takes;

  const show = (part) => [setup, run, grade, summary].forEach((el) => (el.hidden = el != part));
  const speak = (text) => setup.elements.speak.checked && window.speechSynthesis?.speak(new SpeechSynthesisUtterance(text));

  function tick() {
    const t = Math.floor((Date.now() - started) / 1000), limit = data.seconds[phase];
    if (phase == "prepare") {
      if (t >= limit) return begin("answer");
      $(".sg-mock__time").textContent = `${clock(limit - t)} left`;
      return;
    }
    $(".sg-mock__time").textContent = `${clock(t)} of ${clock(limit)}`;
    const i = phase == "answer" ? sectionAt(data.plan, t) : -1;
    steps.forEach((li, n) => li.classList.toggle("sg-mock__step--now", n == i));
    // Read out at the marks only: each new section, and the end of the budget.
    const mark = t >= limit ? "Time is up: finish your sentence." : i >= 0 ? `Now: ${data.plan[i].name}` : "";
    if (mark && mark != now.textContent) now.textContent = mark;
  }

  function begin(next) {
    phase = next;
    started = Date.now();
    const q = session.questions[index];
    $(".sg-mock__step").textContent = `Question ${index + 1} of ${session.questions.length}`;
    $(".sg-mock__phase").textContent = { prepare: "Prepare:", answer: "Answer:", probe: "Follow-up probe:" }[phase];
    $(".sg-mock__probe").hidden = phase != "probe";
    $(".sg-mock__plan").hidden = phase != "answer";
    now.textContent = { prepare: `Prepare your answer: ${data.seconds.prepare} seconds.`, answer: "", probe: "Follow-up probe." }[phase];
    if (phase == "answer") record();
    if (phase == "probe") {
      $(".sg-mock__probe").textContent = q.probe;
      speak(q.probe);
    }
    tick();
  }

  function ask() {
    const q = session.questions[index];
    show(run);
    $(".sg-mock__question").textContent = q.text;
    $(".sg-mock__question").focus();
    speak(q.text);
    begin("prepare");
  }

  function record() {
    if (!mic) return;
    const chunks = [];
    recorder = new MediaRecorder(mic);
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.onstop = () => {
      const blob = new Blob(chunks, { type: recorder.mimeType }), url = URL.createObjectURL(blob);
      takes.push(url);
      const part = $(".sg-mock__recording");
      part.querySelector("audio").src = url;
      const name = `mock-question-${index + 1}.${blob.type.split(/[/;]/)[1] || "webm"}`;
      part.querySelector(".sg-mock__download").replaceChildren(h("a", { href: url, download: name }, "Download the recording"));
      part.hidden = false;
    };
    recorder.start();
  }

  function scoring() {
    clearInterval(ticker);
    if (recorder?.state == "recording") recorder.stop();
    const q = session.questions[index], model = q.walkthrough && data.models[q.walkthrough], part = $(".sg-mock__model");
    grade.reset();
    $(".sg-mock__recording").hidden = true;
    part.hidden = !model;
    if (model) {
      const answer = model.roles[session.role];
      part.replaceChildren(h("p", {}, h("strong", {}, `Model answer for ${answer.label}`), ` (“${model.title}”, `, h("a", { href: `${guide(q.walkthrough)}#${answer.anchor}` }, "in the guide"), ")"),
        ...answer.answer.map(([name, text]) => h("p", {}, h("strong", {}, `${name}. `), text)));
    }
    $(".sg-mock__graded").replaceChildren(h("strong", {}, "Score your answer"), ` to “${q.text}” on each rubric line, 1 to 3.`);
    show(grade);
    $(".sg-mock__graded").focus();
  }

  function finish() {
    clearInterval(ticker);
    if (recorder?.state == "recording") recorder.stop();
    mic?.getTracks().forEach((track) => track.stop());
    const done = session.questions.filter((q) => q.scores);
    if (!done.length) return show(setup);
    const { averages, weakest } = summarize(done, data.rubric);
    const saved = { date: new Date().toISOString(), role: session.role, weakest, averages,
      questions: done.map(({ id, text, probe, scores, recorded }) => ({ id, text, probe, scores, recorded })) };
    store.data = { ...store.data, sessions: remember(store.data.sessions, saved) };
    if (!store.write()) bindPanel().then((show) => show());
    $(".sg-mock__date").textContent = new Date(saved.date).toLocaleString();
    $(".sg-mock__asked").replaceChildren(...done.map((q) => h("li", {}, q.text, h("br"), `Probe: ${q.probe}`)));
    for (const line of data.rubric) $(`[data-sg-line="${line.id}"]`).textContent = line.id in averages ? `${averages[line.id]} of 3` : "not scored";
    const line = data.rubric.find((l) => l.id == weakest), slug = done.find((q) => q.walkthrough)?.walkthrough || Object.keys(line.anchors)[0];
    $(".sg-mock__weakest").replaceChildren("Your weakest line: ", h("strong", {}, line.label), ". ",
      h("a", { href: `${guide(slug)}#${line.anchors[slug]}` }, "See where the guide teaches it"), ".");
    history();
    show(summary);
    $(".sg-mock__summary-title").focus();
  }

  function history() {
    $(".sg-mock__past").replaceChildren(...store.data.sessions.slice().reverse().map((s) =>
      h("li", {}, `${new Date(s.date).toLocaleString()}: ${s.questions.length} questions; weakest line: ${data.rubric.find((l) => l.id == s.weakest)?.label ?? "none"}`)));
  }

  setup.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = setup.elements.surprise.checked ? [] : [...setup.querySelectorAll("[name=principle]:checked")].map((i) => i.value);
    takes?.forEach((url) => URL.revokeObjectURL(url));
    takes = [];
    session = { role: setup.elements.role.value, questions: planSession(data.bank, chosen, +setup.elements.count.value) };
    index = 0;
    mic = null;
    status.textContent = "";
    if (setup.elements.record.checked) {
      try {
        mic = await navigator.mediaDevices.getUserMedia({ audio: true });
        if (!window.MediaRecorder) throw new Error();
      } catch (error) {
        mic = null;
        // What to say is the page's (data-sg-denied, -missing, -unsupported on the status line).
        status.textContent = status.dataset[{ NotAllowedError: "sgDenied", NotFoundError: "sgMissing" }[error.name] || "sgUnsupported"];
      }
    }
    ask();
    ticker = setInterval(tick, 250);
  });
  // Choosing a principle is choosing not to be surprised.
  setup.addEventListener("change", ({ target }) => {
    if (target.name == "principle" && target.checked) setup.elements.surprise.checked = false;
  });
  box.addEventListener("click", ({ target }) => {
    const act = target.dataset.sgMock;
    if (act == "next") phase == "probe" ? scoring() : begin(phase == "prepare" ? "answer" : "probe");
    else if (act == "end") finish();
    else if (act == "print") print();
    else if (act == "again") {
      show(setup);
      setup.querySelector("button").focus();
    }
  });
  grade.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = session.questions[index];
    q.scores = Object.fromEntries(data.rubric.map(({ id }) => [id, +grade.elements[id].value]));
    q.recorded = !!mic;
    if (++index < session.questions.length) {
      ask();
      ticker = setInterval(tick, 250);
    } else finish();
  });
  if (!window.speechSynthesis) {
    setup.elements.speak.disabled = true;
    setup.elements.speak.parentNode.append(" (not available in this browser)");
  }
  // The data panel's code comes when it is needed: a problem to say, or the reader opening it.
  const dataBox = $(".sg-data");
  let bound;
  const bindPanel = () => (bound ||= import("./data-panel.js").then(({ panel }) => panel(dataBox, store, {
    name: "mock-sessions",
    parse: (text) => {
      const { state, data } = read(text, SPEC);
      return state == "ok" ? { data } : { problems: [state == "newer" ? "it comes from a newer version of this guide" : "it is not a list of mock sessions"] };
    },
    imported: history,
  })));
  dataBox.closest("details").addEventListener("toggle", bindPanel, { once: true });
  if (unreadable(store.state) || store.state == "blocked") bindPanel();
  history();
}
