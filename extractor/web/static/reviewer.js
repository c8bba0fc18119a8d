// The document page's review keys and details. Plain script, no library; posts to /v1/reviews.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("qdata").textContent);
  var byId = {};
  data.quantities.forEach(function (q) { byId[q.id] = q; });
  var items = Array.prototype.slice.call(document.querySelectorAll("#items li.item"));
  var detail = document.getElementById("detail");
  var status = document.getElementById("status");
  var form = document.getElementById("edit");
  var current = -1;
  var UNIT = { money: "yuan", percent: "percent", duration: "month", age: "year", count: "count" };

  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-quantity-id]"),
      function (m) { return m.getAttribute("data-quantity-id") === id; });
  }
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  function show(q) {
    detail.textContent = "";
    detail.appendChild(text("h3", q.shown + (q.verdict ? "  [" + q.verdict + "]" : "")));
    var dl = document.createElement("dl");
    [["kind", q.kind], ["value", q.value === null ? "—" : String(q.value) + (q.value_max !== null ? "–" + q.value_max : "")],
     ["unit", q.unit], ["bound", q.bound], ["per", q.per.join(", ") || "—"], ["base", q.base || "—"],
     ["benefit", q.benefit || "—"], ["groups", q.groups.join("、") || "—"], ["section", q.section],
     ["where", (q.page ? "page " + q.page + ", " : "") + "line " + q.line]].forEach(function (kv) {
      dl.appendChild(text("dt", kv[0]));
      dl.appendChild(text("dd", kv[1]));
    });
    detail.appendChild(dl);
    detail.appendChild(text("blockquote", q.quote, "quote"));
  }
  function visible() { return items.filter(function (li) { return !li.hidden; }); }
  function select(li, scroll) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    current = items.indexOf(li);
    if (!li) { return; }
    var id = li.getAttribute("data-quantity-id");
    li.classList.add("current");
    var marks = marksOf(id);
    marks.forEach(function (m) { m.classList.add("current"); });
    show(byId[id]);
    if (scroll) {
      (marks[0] || li).scrollIntoView({ block: "center" });
      li.scrollIntoView({ block: "nearest" });
    }
  }
  function move(step) {
    var vis = visible();
    if (!vis.length) { return; }
    var at = vis.indexOf(items[current]);
    var next = at < 0 ? (step > 0 ? 0 : vis.length - 1) : Math.min(vis.length - 1, Math.max(0, at + step));
    select(vis[next], true);
  }
  function mark(id, verdict) {
    var q = byId[id];
    q.verdict = verdict;
    marksOf(id).concat(items.filter(function (li) { return li.getAttribute("data-quantity-id") === id; }))
      .forEach(function (el) {
        el.classList.remove("v-accept", "v-reject", "v-correct");
        el.classList.add("v-" + verdict);
        var st = el.querySelector && el.querySelector(".state");
        if (st) { st.textContent = verdict; }
      });
    show(q);
  }
  function signIn() {
    status.textContent = "not saved: the session has ended; ";
    var a = text("a", "sign in again");
    a.href = "/login?next=" + encodeURIComponent(location.pathname);
    status.appendChild(a);
  }
  var reviewer = document.getElementById("reviewer");
  var NAME = "zhengce.reviewer";  // the reviewer's name, kept by this browser and sent with each review
  try { reviewer.value = localStorage.getItem(NAME) || ""; } catch (e) { reviewer.value = ""; }
  reviewer.addEventListener("change", function () {
    try { if (reviewer.value.trim()) { localStorage.setItem(NAME, reviewer.value.trim()); } else { localStorage.removeItem(NAME); } }
    catch (e) { /* storage refused: the name is sent while the page is open */ }
  });
  function post(review, done) {
    if (reviewer.value.trim()) { review.reviewer = reviewer.value.trim(); }
    status.textContent = "saving…";
    // X-Zhengce-Page: the header the server asks of a write sent with the sign-in cookie (api/auth.py)
    fetch("/v1/reviews", { method: "POST", credentials: "same-origin",
                           headers: { "Content-Type": "application/json", "X-Zhengce-Page": "1" }, body: JSON.stringify([review]) })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; }); })
      .then(function (res) {
        if (res.status === 401) { signIn(); return; }
        if (!res.ok) { status.textContent = "not saved: " + (res.body.error || "error"); return; }
        status.textContent = "saved: " + review.action + (review.quantity_id ? " " + review.quantity_id : "");
        done(res.body);
      })
      .catch(function (err) { status.textContent = "not saved: " + err; });
  }
  function verdict(action) {
    var li = items[current];
    if (!li) { status.textContent = "choose an extraction first (j)"; return; }
    var id = li.getAttribute("data-quantity-id");
    post({ doc_id: data.doc_id, action: action, quantity_id: id }, function () { mark(id, action); });
  }
  function openForm(mode, q, span, quote) {
    form.hidden = false;
    form.dataset.mode = mode;
    form.dataset.id = q ? q.id : "";
    form.dataset.span = span ? span.join(",") : "";
    form.dataset.quote = quote || "";
    document.getElementById("edit-title").textContent = mode === "edit" ? "correct " + q.shown : "missed: " + quote;
    form.elements.kind.value = q && UNIT[q.kind] ? q.kind : "money";
    form.dataset.kind = form.elements.kind.value;  // a kind is sent only when the reviewer changes it
    form.elements.groups.value = q ? q.group_names.join("、") : "";
    form.dataset.groups = form.elements.groups.value;
    form.elements.value.value = q && q.value !== null ? String(q.value) : "";
    form.elements.bound.value = q ? q.bound : "exact";
    form.elements.per.value = q ? q.per.join(" ") : "";
    form.elements.note.value = "";
    form.elements.value.focus();
    form.elements.value.select();
  }
  function closeForm() { form.hidden = true; }
  var missedById = {};
  (data.missed || []).forEach(function (m) { missedById[m.review] = m; });
  function highlight(start, end, m) {
    // a missed span wrapped in <mark class="missed">, one per text node it crosses (as the server renders it)
    var root = document.getElementById("doc-text");
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var at = 0, n, parts = [], first = true;
    while ((n = walker.nextNode())) {
      var len = n.textContent.length;
      if (at < end && start < at + len) { parts.push([n, Math.max(start, at) - at, Math.min(end, at + len) - at]); }
      at += len;
    }
    parts.forEach(function (p) {
      var node = p[0];
      if (p[2] < node.textContent.length) { node.splitText(p[2]); }
      if (p[1] > 0) { node = node.splitText(p[1]); }
      var mark = document.createElement("mark");
      mark.className = "missed k-" + m.kind;
      mark.setAttribute("data-review-id", String(m.review));
      if (first) { mark.id = "missed-" + m.review; first = false; }
      node.parentNode.insertBefore(mark, node);
      mark.appendChild(node);
    });
  }
  function showMissed(m) {
    detail.textContent = "";
    detail.appendChild(text("h3", "missed: " + m.value + (m.value_max !== null ? "–" + m.value_max : "") + " " + m.unit));
    var dl = document.createElement("dl");
    [["kind", m.kind], ["bound", m.bound], ["per", m.per.join(", ") || "—"], ["groups", m.groups.join("、") || "—"],
     ["section", m.section || "—"], ["note", m.note || "—"]].forEach(function (kv) {
      dl.appendChild(text("dt", kv[0]));
      dl.appendChild(text("dd", kv[1]));
    });
    detail.appendChild(dl);
    detail.appendChild(text("blockquote", m.quote, "quote"));
    var button = text("button", "withdraw this missed span");
    button.type = "button";
    button.id = "withdraw";
    button.addEventListener("click", function () { withdraw(m); });
    detail.appendChild(button);
  }
  function withdraw(m) {
    post({ doc_id: data.doc_id, action: "withdraw", withdraws: m.review }, function () {
      document.querySelectorAll('[data-review-id="' + m.review + '"]').forEach(function (el) {
        if (el.tagName === "MARK") {
          while (el.firstChild) { el.parentNode.insertBefore(el.firstChild, el); }
          el.parentNode.removeChild(el);
        } else {
          el.parentNode.removeChild(el);
        }
      });
      delete missedById[m.review];
      detail.textContent = "";
      detail.appendChild(text("p", "withdrawn: " + m.quote));
    });
  }
  function groupsOf(value) {
    return value.split(/[\s,，、]+/).filter(Boolean);
  }
  function sectionAt(offset) {
    var best = "";
    (data.sections || []).forEach(function (s) { if (s[1] <= offset && offset < s[2]) { best = s[0]; } });
    return best;
  }
  function selectionSpan() {
    var sel = window.getSelection();
    var root = document.getElementById("doc-text");
    if (!sel || sel.isCollapsed || !root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) { return null; }
    var range = sel.getRangeAt(0);
    var before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    var quote = range.toString();
    return quote ? { span: [start, start + quote.length], quote: quote } : null;
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = form.elements;
    var per = f.per.value.split(/[\s,，]+/).filter(Boolean);
    var value = parseFloat(f.value.value);
    if (isNaN(value)) { status.textContent = "a value is a number"; return; }
    var note = f.note.value || null;
    if (form.dataset.mode === "edit") {
      var id = form.dataset.id;
      var q0 = byId[id];
      var correction = { value: value, bound: f.bound.value, per: per };
      if (f.kind.value !== form.dataset.kind) { correction.kind = f.kind.value; }  // the server gives it the kind's unit
      if (f.groups.value !== form.dataset.groups) { correction.group_ids = groupsOf(f.groups.value); }
      post({ doc_id: data.doc_id, action: "correct", quantity_id: id, note: note, correction: correction }, function () {
        var q = byId[id];
        var was = q.kind;
        q.value = value; q.bound = f.bound.value; q.per = per;
        if (correction.kind) { q.kind = correction.kind; q.unit = UNIT[q.kind]; }
        if (correction.group_ids) { q.groups = correction.group_ids; q.group_names = correction.group_ids; }
        q.shown = value + " " + q.unit;
        marksOf(id).concat(items.filter(function (li) { return li.getAttribute("data-quantity-id") === id; }))
          .forEach(function (el) {
            el.classList.remove("k-" + was);
            el.classList.add("k-" + q.kind);
            if (el.tagName === "LI") {
              el.setAttribute("data-kind", q.kind);
              el.querySelector(".v").textContent = q.shown;
            }
          });
        mark(id, "correct");
        closeForm();
      });
    } else {
      var span = form.dataset.span.split(",").map(Number);
      var kind = f.kind.value;
      var quantity = { section: sectionAt(span[0]), quote: form.dataset.quote, kind: kind, value: value, unit: UNIT[kind],
                       bound: f.bound.value, per: per, groups: groupsOf(f.groups.value) };
      post({ doc_id: data.doc_id, action: "add", note: note, missed: { span: span, quantity: quantity } }, function (stored) {
        var id = stored[0].id;
        var m = { review: id, span: span, quote: quantity.quote, kind: kind, value: value, value_max: null, unit: UNIT[kind],
                  bound: quantity.bound, per: per, groups: quantity.groups, section: quantity.section, note: note };
        missedById[id] = m;
        highlight(span[0], span[1], m);
        var li = text("li", "", "added v-add k-" + kind);
        li.setAttribute("data-review-id", String(id));
        var a = text("a", "missed: " + form.dataset.quote + " = " + value + " " + UNIT[kind]);
        a.href = "#missed-" + id;
        li.appendChild(a);
        document.getElementById("added").appendChild(li);
        window.getSelection().removeAllRanges();
        closeForm();
      });
    }
  });
  document.getElementById("edit-cancel").addEventListener("click", closeForm);
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target.tagName || "").toLowerCase();
    if (ev.key === "Escape") { closeForm(); return; }
    if (tag === "input" || tag === "select" || tag === "textarea" || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var li = items[current];
    switch (ev.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": verdict("accept"); break;
      case "r": verdict("reject"); break;
      case "e":
        if (!li) { status.textContent = "choose an extraction first (j)"; return; }
        openForm("edit", byId[li.getAttribute("data-quantity-id")], null, null);
        break;
      case "m":
        var got = selectionSpan();
        if (!got) { status.textContent = "select the missed words in the text first"; return; }
        openForm("add", null, got.span, got.quote);
        break;
      default: return;
    }
    ev.preventDefault();
  });
  document.getElementById("doc-text").addEventListener("click", function (ev) {
    var m = ev.target.closest && ev.target.closest("mark[data-quantity-id]");
    var miss = ev.target.closest && ev.target.closest("mark[data-review-id]");
    if (miss && !m) { showMissed(missedById[miss.getAttribute("data-review-id")]); return; }
    if (!m) { return; }
    var id = m.getAttribute("data-quantity-id");
    select(items.filter(function (li) { return li.getAttribute("data-quantity-id") === id; })[0], false);
  });
  document.getElementById("doc-text").addEventListener("mouseover", function (ev) {
    var m = ev.target.closest && ev.target.closest("mark[data-quantity-id]");
    if (m) { show(byId[m.getAttribute("data-quantity-id")]); }
  });
  document.getElementById("items").addEventListener("click", function (ev) {
    var li = ev.target.closest("li.item");
    if (li) { select(li, false); }
  });
  function filter() {
    var kind = document.getElementById("f-kind").value;
    var benefit = document.getElementById("f-benefit").value;
    var n = 0;
    items.forEach(function (li) {
      li.hidden = (kind && li.getAttribute("data-kind") !== kind) || (benefit && li.getAttribute("data-benefit") !== benefit);
      if (!li.hidden) { n += 1; }
    });
    document.getElementById("n-shown").textContent = String(n);
  }
  document.getElementById("f-kind").addEventListener("change", filter);
  document.getElementById("f-benefit").addEventListener("change", filter);
  function selectText(start, end) {
    // #at-START-END (evidence that is no extraction): the words selected and scrolled to
    var root = document.getElementById("doc-text");
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var at = 0, range = document.createRange(), n, started = false;
    while ((n = walker.nextNode())) {
      var len = n.textContent.length;
      if (!started && start < at + len) { range.setStart(n, start - at); started = true; }
      if (started && end <= at + len) {
        range.setEnd(n, end - at);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        n.parentNode.scrollIntoView({ block: "center" });
        return;
      }
      at += len;
    }
  }
  var at = /^#at-(\d+)-(\d+)$/.exec(location.hash);
  if (at) { selectText(Number(at[1]), Number(at[2])); }
  if (location.hash && !at) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.hasAttribute("data-quantity-id")) {
      var tid = target.getAttribute("data-quantity-id");
      select(items.filter(function (li) { return li.getAttribute("data-quantity-id") === tid; })[0], true);
    }
  }
  document.body.setAttribute("data-ready", "1");
})();
