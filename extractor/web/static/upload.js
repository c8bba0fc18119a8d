// The upload page: posts the chosen file to /v1/documents, waits for its job when the file is large, then
// lists its documents (and opens the only one). Plain script, no library.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var status = document.getElementById("status");
  var done = document.getElementById("done");
  var HEADERS = { "X-Zhengce-Page": "1" };  // asked of writes sent with the sign-in cookie (api/auth.py)

  function say(msg) { status.textContent = msg; }
  function answer(r) {
    return r.json().then(function (body) { return { status: r.status, body: body }; },
                         function () { return { status: r.status, body: {} }; });
  }
  function finish(job) {
    var ids = job.doc_ids || [];
    done.textContent = "";
    ids.forEach(function (id) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/documents/" + encodeURIComponent(id);
      a.textContent = id;
      li.appendChild(a);
      done.appendChild(li);
    });
    say("analysed: " + ids.length + " document" + (ids.length === 1 ? "" : "s"));
    if (ids.length === 1) { location.assign("/documents/" + encodeURIComponent(ids[0])); }
  }
  function poll(id) {
    fetch("/v1/jobs/" + encodeURIComponent(id), { credentials: "same-origin" }).then(answer).then(function (res) {
      if (res.status !== 200) { say("not analysed: " + (res.body.error || res.status)); return; }
      var job = res.body;
      if (job.state === "done") { finish(job); return; }
      if (job.state === "failed") { say("not analysed: " + (job.error || "failed")); return; }
      say(job.state + "…");
      setTimeout(function () { poll(id); }, 1000);
    }, function (err) { say("not analysed: " + err); });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var file = form.elements.file.files[0];
    if (!file) { say("choose a file first"); return; }
    var body = new FormData();
    body.append("file", file, file.name);
    say("uploading " + file.name + "…");
    fetch("/v1/documents", { method: "POST", body: body, headers: HEADERS, credentials: "same-origin" })
      .then(answer).then(function (res) {
        if (res.status === 200) { finish(res.body.job); return; }
        if (res.status === 202) { say("queued…"); poll(res.body.job.job_id); return; }
        if (res.status === 401) { location.assign("/login?next=/upload"); return; }
        say("not analysed (" + res.status + "): " + (res.body.error || "error"));
      }, function (err) { say("not analysed: " + err); });
  });
  document.body.setAttribute("data-ready", "1");
})();
