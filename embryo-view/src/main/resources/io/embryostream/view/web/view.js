// The embryo view page: polls the view's JSON API (no framework, no CDN) and draws with SVG.
"use strict";

const POLL_MS = 2000;
const SVG_NS = "http://www.w3.org/2000/svg";
const state = { selected: null, windows: [], lastList: [] };
const $ = (id) => document.getElementById(id);

async function getJson(path) {
  const r = await fetch(path, { cache: "no-store" });
  if (!r.ok) throw new Error(path + ": " + r.status + " " + (await r.text()));
  return r.json();
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const hours = (h) => (h === null || h === undefined ? "–" : h.toFixed(1) + " h");

async function refreshList() {
  try {
    const alertsOnly = $("alerts-only").checked;
    const list = await getJson("/embryos" + (alertsOnly ? "?hasAlerts=true" : ""));
    state.lastList = list.embryos;
    renderGrid(list.embryos);
    renderQueue(list.embryos);
    const agreement = await getJson("/agreement");
    renderAgreement(agreement.agreement);
    const missing = list.unavailableInstances.concat(agreement.unavailableInstances);
    $("status").textContent = missing.length ? "some instances did not answer: " + missing.join(", ")
      : list.embryos.length + " embryos · updated " + new Date().toLocaleTimeString();
    $("status").className = "status" + (missing.length ? " bad" : "");
  } catch (e) {
    $("status").textContent = "view unreachable: " + e.message;
    $("status").className = "status bad";
  }
}

function renderGrid(embryos) {
  const chosen = $("slide-filter").value;
  const slides = [...new Set(embryos.map((e) => e.slide))].sort();
  const filter = $("slide-filter");
  if (filter.options.length - 1 !== slides.length) {
    filter.replaceChildren(el("option", { value: "" }, "all"), ...slides.map((s) => el("option", { value: s }, s)));
    filter.value = slides.includes(chosen) ? chosen : "";
  }
  const box = $("slides");
  box.replaceChildren();
  for (const slide of slides.filter((s) => !filter.value || s === filter.value)) {
    const section = el("section", { class: "slide" });
    section.append(el("h2", {}, "Slide " + slide));
    const wells = el("div", { class: "wells" });
    for (const e of embryos.filter((x) => x.slide === slide)) {
      const card = el("div", { class: "well", "data-embryo": e.embryoId, title: e.displayLabel });
      card.append(el("div", { class: "name" }, e.well || e.displayLabel));
      card.append(el("div", { class: "stage" }, e.stageName || "–"));
      card.append(el("div", { class: "meta" }, hours(e.hours) + " · p=" + e.maxProbability.toFixed(2)));
      const conf = el("div", { class: "conf" + (e.maxProbability < 0.6 ? " low" : "") });
      conf.append(el("div", { style: "width:" + Math.round(e.maxProbability * 100) + "%" }));
      card.append(conf);
      const badges = el("div", { class: "badges" });
      e.alertTypes.forEach((t) => badges.append(el("span", { class: "badge " + t, title: t }, t.replace("_", " ").toLowerCase())));
      if (e.reviewReasons.length) badges.append(el("span", { class: "badge review" }, "review"));
      card.append(badges);
      card.addEventListener("click", () => select(e.embryoId));
      wells.append(card);
    }
    section.append(wells);
    box.append(section);
  }
}

function renderQueue(embryos) {
  const q = $("review-queue");
  q.replaceChildren();
  embryos.filter((e) => e.reviewReasons.length).forEach((e) => {
    const li = el("li", { "data-embryo": e.embryoId }, e.displayLabel);
    li.append(el("span", { class: "why" }, e.reviewReasons.join("; ")));
    li.addEventListener("click", () => select(e.embryoId));
    q.append(li);
  });
  if (!q.children.length) q.append(el("li", {}, "nothing to review"));
}

function renderAgreement(rows) {
  const body = $("agreement").querySelector("tbody");
  body.replaceChildren();
  rows.forEach((r) => {
    const tr = el("tr");
    [r.modelId + " " + r.modelVersion, r.stageName, r.reviews,
      r.agreement === null ? "–" : Math.round(r.agreement * 100) + "%",
      r.meanAbsErrorHours === null ? "–" : r.meanAbsErrorHours.toFixed(2)].forEach((v) => tr.append(el("td", {}, String(v))));
    body.append(tr);
  });
}

async function select(embryoId) {
  state.selected = embryoId;
  await refreshDetail();
  $("detail").hidden = false;
  $("detail").scrollIntoView({ behavior: "instant", block: "start" });
}

async function refreshDetail() {
  if (!state.selected) return;
  const d = await getJson("/embryos/" + encodeURIComponent(state.selected));
  const s = d.summary;
  $("detail-title").textContent = s.displayLabel + " — " + (s.stageName || "no stage yet") + " at " + hours(s.hours);
  const facts = $("detail-facts");
  facts.replaceChildren();
  [["model", s.modelId + " " + s.modelVersion], ["scheme", d.scheme], ["time points", d.points.length],
    ["alerts", s.alertCount], ["embryo id", s.embryoId.slice(0, 12) + "…"]].forEach(([k, v]) => {
    facts.append(el("dt", {}, k), el("dd", {}, String(v)));
  });
  if (d.hasFrame) {
    $("frame").src = "/embryos/" + encodeURIComponent(s.embryoId) + "/frame.png?at=" + s.updatedAtMillis;
    $("frame").hidden = false;
    $("frame-note").textContent = "latest central-plane frame";
  } else {
    $("frame").hidden = true;
    $("frame-note").textContent = "no frame (frames off or none yet)";
  }
  drawTimeline(d);
  renderTransitions(d);
  const alerts = $("alerts");
  alerts.replaceChildren(...d.alerts.map((a) => el("li", {}, hours(a.hours) + " · " + a.type + " · " + a.message)));
  if (!d.alerts.length) alerts.append(el("li", {}, "none"));
}

function renderTransitions(d) {
  const body = $("transitions").querySelector("tbody");
  body.replaceChildren();
  d.transitions.forEach(({ transition: t, review: r }) => {
    const tr = el("tr", { "data-transition": t.transitionId });
    tr.append(el("td", {}, t.stageName), el("td", {}, t.onsetHours.toFixed(2)), el("td", {}, t.confidence.toFixed(2)));
    tr.append(el("td", {}, r ? (r.action === "CONFIRM" ? "confirmed" : "corrected to "
      + (r.correctedStageName ? r.correctedStageName + " " : "") + (r.correctedOnsetHours !== null ? r.correctedOnsetHours.toFixed(2) + " h" : ""))
      + " by " + r.reviewer : "–"));
    const actions = el("td");
    const confirm = el("button", { type: "button", class: "primary confirm" }, "Confirm");
    const onset = el("input", { type: "number", step: "0.25", min: "0", placeholder: "onset h", class: "onset" });
    const correct = el("button", { type: "button", class: "correct" }, "Correct");
    confirm.addEventListener("click", () => review(d, t, "CONFIRM", null));
    correct.addEventListener("click", () => review(d, t, "CORRECT", onset.value === "" ? null : Number(onset.value)));
    actions.append(confirm, " ", onset, " ", correct);
    tr.append(actions);
    body.append(tr);
  });
}

async function review(d, t, action, correctedOnsetHours) {
  const reviewer = $("reviewer").value.trim();
  if (!reviewer) { alert("Enter your user name first."); return; }
  localStorage.setItem("embryo-view-reviewer", reviewer);
  const r = await fetch("/embryos/" + encodeURIComponent(d.summary.embryoId) + "/annotations", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ transitionId: t.transitionId, action, correctedOnsetHours, reviewer }),
  });
  if (!r.ok) { alert("Not recorded: " + (await r.json()).error); return; }
  setTimeout(refreshDetail, 500);
}

function drawTimeline(d) {
  const plot = $("timeline");
  plot.replaceChildren();
  const W = +plot.getAttribute("width"), H = +plot.getAttribute("height");
  const m = { l: 52, r: 14, t: 14, b: 36 };
  const names = d.stageNames.length ? d.stageNames : [...new Set(d.points.map((p) => String(p.stageIndex)))];
  const pts = d.points;
  const maxH = Math.max(24, ...pts.map((p) => p.hours), ...d.transitions.map((x) => x.transition.onsetHours)) + 2;
  const minH = Math.max(0, Math.min(...pts.map((p) => p.hours), maxH) - 2);
  const x = (h) => m.l + (h - minH) / (maxH - minH) * (W - m.l - m.r);
  const y = (i) => H - m.b - (i + 0.5) / names.length * (H - m.t - m.b);
  const bandH = (H - m.t - m.b) / names.length;
  // reference windows, shaded behind everything, on the row of their stage
  state.windows.filter((w) => names.includes(w.stageName)).forEach((w) => {
    const i = names.indexOf(w.stageName);
    plot.append(svg("rect", { x: x(Math.max(w.fromHours, minH)), y: y(i) - bandH / 2,
      width: Math.max(0, x(Math.min(w.toHours, maxH)) - x(Math.max(w.fromHours, minH))), height: bandH,
      fill: "#f2c14e", "fill-opacity": 0.28 }, undefined));
    plot.lastChild.append(svg("title", {}, "reference " + w.stageName + ": " + w.source));
  });
  // grid and axes
  names.forEach((n, i) => {
    plot.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(i), y2: y(i), stroke: "#eef1f5" }));
    plot.append(svg("text", { x: m.l - 6, y: y(i) + 4, "text-anchor": "end" }, n));
  });
  for (let h = Math.ceil(minH / 12) * 12; h <= maxH; h += 12) {
    plot.append(svg("line", { x1: x(h), x2: x(h), y1: m.t, y2: H - m.b, stroke: "#eef1f5" }));
    plot.append(svg("text", { x: x(h), y: H - m.b + 14, "text-anchor": "middle" }, h + ""));
  }
  plot.append(svg("text", { x: (m.l + W - m.r) / 2, y: H - 4, "text-anchor": "middle" }, "hours post-insemination"));
  if (pts.length) {
    // confidence band: half-height (1 − p) of a stage row around the stage line; wide = unsure
    const upper = pts.map((p) => [x(p.hours), y(p.stageIndex) - (1 - p.maxProbability) * bandH]);
    const lower = pts.map((p) => [x(p.hours), y(p.stageIndex) + (1 - p.maxProbability) * bandH]).reverse();
    plot.append(svg("polygon", { points: upper.concat(lower).map((q) => q.join(",")).join(" "),
      fill: "#2f6db5", "fill-opacity": 0.16, stroke: "none", class: "confidence-band" }));
    const line = pts.map((p, k) => (k ? "L" : "M") + x(p.hours) + "," + y(p.stageIndex)
      + (k + 1 < pts.length ? " L" + x(pts[k + 1].hours) + "," + y(p.stageIndex) : "")).join(" ");
    plot.append(svg("path", { d: line, fill: "none", stroke: "#2f6db5", "stroke-width": 2, class: "stage-line" }));
    pts.filter((p) => p.maxProbability < 0.6).forEach((p) =>
      plot.append(svg("circle", { cx: x(p.hours), cy: y(p.stageIndex), r: 2.5, fill: "#c7721a" })));
  }
  d.transitions.forEach(({ transition: t, review: r }) => {
    const tx = x(t.onsetHours);
    plot.append(svg("line", { x1: tx, x2: tx, y1: m.t, y2: H - m.b, stroke: "#1d2733", "stroke-dasharray": "3,3",
      "stroke-opacity": 0.45, class: "transition-mark" }));
    plot.append(svg("circle", { cx: tx, cy: y(t.stageIndex), r: 4, fill: "#fff", stroke: "#1d2733", "stroke-width": 1.5 }));
    if (r && r.correctedOnsetHours !== null && r.correctedOnsetHours !== undefined) {
      plot.append(svg("path", { d: "M" + x(r.correctedOnsetHours) + "," + (y(t.stageIndex) - 6) + " l5,6 l-5,6 l-5,-6 z",
        fill: "#b3261e", class: "correction-mark" }));
    } else if (r) {
      plot.append(svg("circle", { cx: tx, cy: y(t.stageIndex), r: 4, fill: "#2e7d4f" }));
    }
  });
  d.alerts.forEach((a) => plot.append(svg("text", { x: x(a.hours), y: m.t + 10, "text-anchor": "middle",
    fill: "#b3261e" }, "▲")));
}

async function init() {
  $("reviewer").value = localStorage.getItem("embryo-view-reviewer") || "";
  $("detail-close").addEventListener("click", () => { state.selected = null; $("detail").hidden = true; });
  $("slide-filter").addEventListener("change", () => renderGrid(state.lastList));
  $("alerts-only").addEventListener("change", refreshList);
  state.windows = await getJson("/reference-windows").catch(() => []);
  await refreshList();
  setInterval(refreshList, POLL_MS);
  setInterval(() => refreshDetail().catch(() => {}), POLL_MS * 2);
}

init();
