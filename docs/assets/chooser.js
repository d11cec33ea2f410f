// The chooser: checks every distribution against the ticked requirements, from the JSON embedded in
// the page. The choice lives in the address (#feature=a,b&status=active&...), so it can be shared.
(function () {
  "use strict";
  const form = document.getElementById("kb-chooser");
  const source = document.getElementById("kb-chooser-data");
  if (!form || !source) return;
  const data = JSON.parse(source.textContent);
  const table = document.querySelector("table.kb-choose-results");
  const summary = document.querySelector(".kb-choose-summary");
  const LISTS = ["feature", "status", "kind", "runtime"];
  const FLAGS = ["partial", "stated", "only"];

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function ticked(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; });
  }

  function readState() {
    const state = {};
    LISTS.forEach(function (name) { state[name] = ticked(name); });
    FLAGS.forEach(function (name) { state[name] = form.querySelector('input[name="' + name + '"]').checked; });
    return state;
  }

  function writeAddress(state) {
    const params = new URLSearchParams();
    LISTS.forEach(function (name) { if (state[name].length) params.set(name, state[name].join(",")); });
    FLAGS.forEach(function (name) { if (state[name]) params.set(name, "1"); });
    const hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function restore() {
    const params = new URLSearchParams(location.hash.slice(1));
    LISTS.forEach(function (name) {
      const wanted = (params.get(name) || "").split(",");
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { i.checked = wanted.indexOf(i.value) !== -1; });
    });
    FLAGS.forEach(function (name) { form.querySelector('input[name="' + name + '"]').checked = params.get(name) === "1"; });
    form.querySelectorAll("details.kb-choices").forEach(function (group) {
      if (group.querySelector("input:checked")) group.open = true;
    });
  }

  function valueWord(value) {
    return el("span", "kb-value kb-" + value, value);
  }

  function inferredMark(why) {
    const details = el("details", "kb-inferred");
    const summaryNode = el("summary", "", "inferred");
    summaryNode.title = "inferred: show the reasoning";
    details.append(summaryNode, el("span", "", why || "The source does not say this in so many words; it follows from what it says."));
    return details;
  }

  // Each requirement: a column label and a check of one distro -> {pass, value, why, shown}.
  function requirements(state) {
    const list = [];
    if (state.status.length) {
      list.push({ label: "Status", check: function (d) {
        return { pass: state.status.indexOf(d.status) !== -1, shown: data.statuses[d.status] };
      } });
    }
    if (state.kind.length) {
      list.push({ label: "Kind", check: function (d) {
        return { pass: state.kind.indexOf(d.kind) !== -1, shown: data.kinds[d.kind] };
      } });
    }
    state.runtime.forEach(function (runtime) {
      list.push({ label: data.runtimes[runtime], check: function (d) {
        const has = d.runtimes.indexOf(runtime) !== -1;
        return { pass: has, value: has ? "yes" : "no" };
      } });
    });
    data.features.forEach(function (feature) {
      if (state.feature.indexOf(feature.id) === -1) return;
      list.push({ label: feature.name, check: function (d) {
        const entry = d.values[feature.id];
        let value = entry ? entry.value : "unknown";
        const inferred = Boolean(entry && entry.inferred);
        if (inferred && state.stated) value = "unknown";
        const pass = value === "yes" || (state.partial && (value === "partial" || value === "optional"));
        return { pass: pass, value: value, why: inferred && !state.stated ? entry.why : null, discounted: inferred && state.stated };
      } });
    });
    return list;
  }

  function render() {
    const state = readState();
    writeAddress(state);
    const reqs = requirements(state);
    const results = data.distros.map(function (d) {
      const checks = reqs.map(function (r) { return r.check(d); });
      const score = checks.reduce(function (sum, c) { return sum + (c.value ? data.rank.indexOf(c.value) : 0); }, 0);
      const failed = reqs.map(function (r, i) {
        return checks[i].pass ? null : r.label + " (" + (checks[i].value || checks[i].shown) + ")";
      }).filter(Boolean);
      return { d: d, checks: checks, failed: failed, score: score };
    });
    results.sort(function (a, b) {
      return a.failed.length - b.failed.length || a.score - b.score || a.d.name.localeCompare(b.d.name);
    });
    table.replaceChildren();
    const head = el("thead");
    const headRow = el("tr");
    headRow.append(el("th", "", "Distribution"), el("th", "", "Result"));
    reqs.forEach(function (r) { headRow.append(el("th", "", r.label)); });
    head.append(headRow);
    const body = el("tbody");
    let meeting = 0;
    results.forEach(function (result) {
      const row = el("tr", result.failed.length ? "kb-fails" : "kb-meets");
      row.dataset.distro = result.d.id;
      const name = el("td");
      const link = el("a", "", result.d.name);
      link.href = result.d.url;
      name.append(link);
      row.append(name);
      const verdict = el("td", "kb-verdict");
      if (result.failed.length) {
        verdict.append(el("span", "kb-fail", "✘"), " fails on " + result.failed.join(", "));
      } else {
        meeting += 1;
        verdict.append(el("span", "kb-pass", "✔"), reqs.length ? " meets every requirement" : " no requirement ticked");
      }
      row.append(verdict);
      result.checks.forEach(function (c) {
        const cell = el("td");
        cell.append(el("span", c.pass ? "kb-pass" : "kb-fail", c.pass ? "✔" : "✘"), " ");
        cell.append(c.value ? valueWord(c.value) : el("span", "", c.shown));
        if (c.why !== null && c.why !== undefined) cell.append(inferredMark(c.why));
        if (c.discounted) cell.append(el("span", "kb-discounted", " (inferred, not counted)"));
        row.append(cell);
      });
      row.hidden = state.only && result.failed.length > 0;
      body.append(row);
    });
    table.append(head, body);
    summary.textContent = reqs.length
      ? meeting + " of " + data.distros.length + " distributions meet every requirement."
      : "No requirement ticked yet: all " + data.distros.length + " distributions are listed.";
    form.querySelector(".kb-jump button").textContent = "Go to the results: " + summary.textContent;
  }

  restore();
  form.querySelector(".kb-jump button").addEventListener("click", function () {
    document.querySelector(".kb-choose-output").scrollIntoView();
  });
  form.addEventListener("change", render);
  form.addEventListener("reset", function () { setTimeout(render, 0); });
  window.addEventListener("hashchange", function () { restore(); render(); });
  render();
})();
