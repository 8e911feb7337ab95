/* The web chat: talks to /api/conversations, streams replies (server-sent events over fetch), keeps
   unsent messages in an outbox until the server has answered them (nothing is lost), and draws the
   profile, the gap and the plan. All user and agent text is inserted with textContent. */
(function () {
  "use strict";
  var I18n = window.OrientI18n, Pictures = window.OrientPictures, Cards = window.OrientCards;
  var t = I18n.t;
  var body = document.body;
  var MAX_CHARS = parseInt(body.getAttribute("data-max-chars"), 10) || 4000;
  var KEY_CONVERSATION = "orient.conversation", KEY_OUTBOX = "orient.outbox", KEY_LANG = "orient.lang";
  /* The person's token: sent as "Authorization: Bearer" on every conversation route (the server
     also keeps it in an HttpOnly cookie scoped to the conversation, for the download links). */
  var KEY_TOKEN = "orient.token";
  var $ = function (id) { return document.getElementById(id); };
  var messages = $("messages"), quick = $("quick-replies"), form = $("composer"), input = $("message");
  var sendButton = $("send"), statusLine = $("status");
  var conversationId = null, busy = false, lastReply = null;

  function store(key, value) {
    try { if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, JSON.stringify(value)); } } catch (e) { /* private mode */ }
  }
  function load(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "m" + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  function setStatus(text, kind) { statusLine.textContent = text || ""; statusLine.className = "status " + (kind || ""); }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    quick.querySelectorAll("button").forEach(function (b) { b.disabled = value; });
    body.classList.toggle("busy", value);
  }

  function scrollDown() { messages.scrollTop = messages.scrollHeight; window.requestAnimationFrame(function () { messages.lastElementChild && messages.lastElementChild.scrollIntoView({ block: "end" }); }); }

  function bubble(author, text) {
    var li = document.createElement("li");
    li.className = "msg msg-" + author;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = author === "person" ? t("you") : (author === "counsellor" ? t("counsellor") : t("orient"));
    var p = document.createElement("div");
    p.className = "text";
    p.textContent = text || "";
    li.appendChild(who);
    li.appendChild(p);
    messages.appendChild(li);
    scrollDown();
    return li;
  }

  function authHeaders(headers) {
    var out = headers || {}, token = load(KEY_TOKEN);
    if (token) { out.Authorization = "Bearer " + token; }
    return out;
  }

  function forget() { store(KEY_CONVERSATION, null); store(KEY_TOKEN, null); store(KEY_OUTBOX, null); }

  /* Another device: exchange a resume code for a token of this conversation, then reload it. */
  function resume(code) {
    return fetch("/api/resume", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: code }) })
      .then(function (response) {
        return readJson(response).then(function (payload) {
          if (!response.ok) { throw new Error(errorReason(response, payload)); }
          store(KEY_CONVERSATION, payload.conversation_id);
          store(KEY_TOKEN, payload.token);
          store(KEY_OUTBOX, null);
          while (messages.firstChild) { messages.removeChild(messages.firstChild); }
          return restore(payload.conversation_id);
        });
      })
      .catch(function (err) { setStatus(t("resume_failed", { reason: err.message }), "error"); });
  }

  function keepCode(box) {
    fetch("/api/conversations/" + encodeURIComponent(conversationId) + "/resume-code", { method: "POST", headers: authHeaders() })
      .then(function (response) {
        return readJson(response).then(function (payload) {
          if (!response.ok) { throw new Error(errorReason(response, payload)); }
          box.textContent = t("keep_code_shown", { code: payload.resume_code });
        });
      })
      .catch(function (err) { setStatus(t("error", { reason: err.message }), "error"); });
  }

  function exportUrl(format) {
    return "/api/conversations/" + encodeURIComponent(conversationId) + "/profile/export?format=" + format + "&lang=" + I18n.language();
  }

  function renderQuickReplies(reply) {
    while (quick.firstChild) { quick.removeChild(quick.firstChild); }
    var options = reply.quick_replies || [];
    /* A few short choices (yes / no) share the row in equal parts; a long list is one row that
       scrolls sideways, so the conversation keeps the height. */
    var short = options.every(function (qr) { return qr.label.length <= 16; });
    quick.classList.toggle("choices", options.length > 0 && options.length <= 3 && short);
    quick.classList.toggle("many", options.length > 3 || (options.length > 1 && !short));
    /* A yes / no question: "No" is as wide as "Yes", whatever else is offered beside them. */
    quick.classList.toggle("consent", ["share_consent", "processing_consent"].indexOf(reply.expecting) >= 0);
    options.forEach(function (qr) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "quick";
      b.textContent = qr.label;
      b.setAttribute("data-value", qr.value);
      b.addEventListener("click", function () { if (!busy) { send(qr.value, qr.label); } });
      quick.appendChild(b);
    });
  }

  /* Where a receipt belongs: after the paragraph that names its recipient ("Done: shared with ..."),
     before the next question. Returns the paragraph's index, or -1. */
  function receiptAnchor(paragraphs, card) {
    var receipt = (card.data && card.data.receipt) || {};
    /* the name as the message says it (the card's title ends with it), or as the receipt records it */
    var names = [String(card.title || "").split(/\s?:\s/).pop(), (receipt.recipient && receipt.recipient.name) || ""];
    for (var i = 0; i < paragraphs.length - 1; i++) {
      for (var n = 0; n < names.length; n++) { if (names[n] && paragraphs[i].indexOf(names[n]) >= 0) { return i; } }
    }
    return paragraphs.length > 1 ? 0 : -1;  /* notes come first: the receipt's news opens the turn */
  }

  function renderAgentTurn(reply, li) {
    li = li || bubble("agent", "");
    var options = { onSelectSkill: showEvidence, exportUrl: exportUrl, conversation: conversationId, replyText: reply.text };
    /* The skills are listed in the text already: their cards would show the list a second time. */
    var cards = (reply.cards || []).filter(function (card) { return card.kind !== "skill"; });
    var paragraphs = (reply.text || "").split("\n\n"), cut = -1;
    cards.forEach(function (card) { if (card.kind === "receipt") { cut = Math.max(cut, receiptAnchor(paragraphs, card)); } });
    li.setAttribute("data-expecting", reply.expecting);
    if (cut >= 0) {
      li.querySelector(".text").textContent = paragraphs.slice(0, cut + 1).join("\n\n");
      cards.filter(function (c) { return c.kind === "receipt"; }).forEach(function (card) { li.appendChild(Cards.render(card, options)); });
      li.classList.add("msg-part");
      li = bubble("agent", paragraphs.slice(cut + 1).join("\n\n"));
      li.setAttribute("data-expecting", reply.expecting);
      cards = cards.filter(function (c) { return c.kind !== "receipt"; });
    } else {
      li.querySelector(".text").textContent = reply.text;
    }
    cards.forEach(function (card) { li.appendChild(Cards.render(card, options)); });
    scrollDown();
  }

  /* After "erase everything" (or when the server no longer knows this conversation): the old
     transcript leaves the screen, a short notice says why, and a new conversation starts. */
  function freshStart(noticeKey) {
    forget();
    while (messages.firstChild) { messages.removeChild(messages.firstChild); }
    renderQuickReplies({ quick_replies: [] });
    conversationId = null;
    lastReply = null;
    var notice = document.createElement("li");
    notice.className = "msg-notice";
    notice.setAttribute("role", "status");
    notice.textContent = t(noticeKey);
    messages.appendChild(notice);
    setStatus("");
    return startConversation();
  }

  function adoptLanguage(lang) {
    if (lang && I18n.languages.indexOf(lang) >= 0 && lang !== I18n.language()) {
      I18n.setLanguage(lang);
      $("lang-select").value = lang;
      store(KEY_LANG, lang);
      Pictures.legend($("legend"));
    }
  }

  function afterReply(reply) {
    if (reply.phase === "erased") { freshStart("erased_notice"); return; }
    lastReply = reply;
    adoptLanguage(reply.language);
    renderQuickReplies(reply);
    refreshProfile();
    input.focus({ preventScroll: true });
  }

  /* What a person reads when a request fails: a sentence in their language chosen by the status,
     never the server's developer text. */
  function errorReason(response, payload) {
    var status = response.status;
    if (status === 401 || status === 403 || status === 404) { return t("err_gone"); }
    if (status === 413 || status === 422) { return t("err_refused"); }
    if (status === 429) { return t("err_busy"); }
    return t("err_server");
  }

  function readJson(response) { return response.json().catch(function () { return null; }); }

  function startBody() {
    var persona = new URLSearchParams(window.location.search).get("persona");
    var body = { channel: "web", language: I18n.language() };
    if (["high_school", "jobseeker", "employee"].indexOf(persona) >= 0) { body.persona = persona; }
    return body;
  }

  function startConversation() {
    setBusy(true);
    return fetch("/api/conversations", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(startBody()) })
      .then(function (response) {
        return readJson(response).then(function (payload) {
          if (!response.ok) { throw new Error(errorReason(response, payload)); }
          conversationId = payload.conversation_id;
          store(KEY_CONVERSATION, conversationId);
          if (payload.token) { store(KEY_TOKEN, payload.token); }  /* a reload finds the conversation again */
          body.setAttribute("data-conversation", conversationId);
          renderAgentTurn(payload.reply);
          afterReply(payload.reply);
          renderExports();
        });
      })
      .catch(function (err) { setStatus(t("error", { reason: err.message }), "error"); })
      .then(function () { setBusy(false); });
  }

  function restore(id) {
    return fetch("/api/conversations/" + encodeURIComponent(id), { headers: authHeaders() }).then(function (response) {
      if (response.status === 401 || response.status === 404) { forget(); return startConversation(); }
      return readJson(response).then(function (state) {
        if (!response.ok) { throw new Error(errorReason(response, state)); }
        conversationId = id;
        body.setAttribute("data-conversation", id);
        state.turns.forEach(function (turn) {
          if (turn.user_text !== null && turn.user_text !== undefined) { bubble(turn.author === "counsellor" ? "counsellor" : "person", turn.user_text); }
          renderAgentTurn(turn.reply);
        });
        if (state.last_reply) { afterReply(state.last_reply); }
        renderExports();
        var pending = load(KEY_OUTBOX);
        if (pending && pending.conversation === id) { deliver(pending, null); }
      });
    }).catch(function (err) { setStatus(t("error", { reason: err.message }), "error"); });
  }

  /* Parses a text/event-stream body read through fetch. */
  function readEvents(response, onEvent) {
    var reader = response.body.getReader(), decoder = new TextDecoder(), buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { return; }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
        var parts = buffer.split("\n\n");
        buffer = parts.pop();
        parts.forEach(function (raw) {
          var event = "message", data = [];
          raw.split("\n").forEach(function (line) {
            if (line.indexOf("event:") === 0) { event = line.slice(6).trim(); }
            else if (line.indexOf("data:") === 0) { data.push(line.slice(5).replace(/^ /, "")); }
          });
          if (data.length) { onEvent(event, JSON.parse(data.join("\n"))); }
        });
        return pump();
      });
    }
    return pump();
  }

  var retryDelay = 1000;

  function deliver(message, userBubble) {
    setBusy(true);
    setStatus(t("thinking"), "info");
    var agentLi = null, streamed = "", finalReply = null;
    return fetch("/api/conversations/" + encodeURIComponent(message.conversation) + "/messages/stream", {
      method: "POST",
      headers: authHeaders({ "Content-Type": "application/json", "Accept": "text/event-stream" }),
      body: JSON.stringify({ text: message.text, client_message_id: message.id })
    }).then(function (response) {
      if (!response.ok) {
        return readJson(response).then(function (payload) {
          store(KEY_OUTBOX, null);
          if (response.status === 401 || response.status === 404) { freshStart("gone_notice"); return; }
          if (userBubble) { userBubble.classList.add("failed"); }
          setStatus(t("error", { reason: errorReason(response, payload) }), "error");
        });
      }
      return readEvents(response, function (event, data) {
        if (event === "delta") {
          if (!agentLi) { agentLi = bubble("agent", ""); agentLi.classList.add("streaming"); }
          streamed += data.text;
          agentLi.querySelector(".text").textContent = streamed;
          scrollDown();
        } else if (event === "reply") {
          finalReply = data.reply;
        }
      }).then(function () {
        if (!finalReply) { throw new Error("stream ended early"); }
        store(KEY_OUTBOX, null);
        retryDelay = 1000;
        if (agentLi) { agentLi.classList.remove("streaming"); }
        renderAgentTurn(finalReply, agentLi);
        afterReply(finalReply);
        setStatus("");
      });
    }).catch(function () {
      /* Network failure: the message stays in the outbox and is sent again with the same id;
         the server replays the stored reply if it had already answered. */
      if (agentLi) { agentLi.remove(); }
      setStatus(t("offline"), "warn");
      window.setTimeout(function () { setStatus(t("retrying"), "info"); deliver(message, userBubble); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }).then(function () { if (!load(KEY_OUTBOX)) { setBusy(false); } });
  }

  function send(text, shownText) {
    if (!conversationId || busy) { return; }
    if (!text.trim()) { return; }
    if (text.length > MAX_CHARS) { setStatus(t("too_long", { n: text.length, max: MAX_CHARS }), "error"); return; }
    var message = { id: newId(), conversation: conversationId, text: text };
    store(KEY_OUTBOX, message);
    var li = bubble("person", shownText || text);
    renderQuickReplies({ quick_replies: [] });
    input.value = "";
    autosize();
    deliver(message, li);
  }

  function refreshProfile() {
    if (!conversationId) { return; }
    fetch("/api/conversations/" + encodeURIComponent(conversationId) + "/profile", { headers: authHeaders() }).then(function (response) {
      if (!response.ok) { return; }
      return response.json().then(function (profile) {
        Pictures.profile($("profile-picture"), profile, { onSelect: showEvidence });
        Pictures.gap($("gap-picture"), profile.gap || {});
        renderPlan(profile.plan);
        body.setAttribute("data-profile-skills", String((profile.skills || []).length));
      });
    });
  }

  function renderPlan(plan) {
    var box = $("plan-cards");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var trainings = (plan && plan.trainings) || [], jobs = (plan && plan.jobs) || [];
    if (!trainings.length && !jobs.length) { box.appendChild(Cards.node("p", "empty", t("plan_empty"))); return; }
    trainings.forEach(function (c) { box.appendChild(Cards.render({ kind: "course", title: c.title, data: c })); });
    jobs.forEach(function (j) { box.appendChild(Cards.render({ kind: "job", title: j.title, data: j })); });
  }

  function renderExports() {
    var box = $("export-links");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    ["pdf", "html", "json", "jsonld"].forEach(function (format) {
      var a = Cards.link(exportUrl(format), t("export_" + format), format !== "html");
      if (a) { a.classList.add("export-" + format); box.appendChild(a); }
    });
    var shown = Cards.node("p", "resume-code", "");
    var keep = Cards.node("button", "ghost keep-code", t("keep_code"));
    keep.type = "button";
    keep.addEventListener("click", function () { keepCode(shown); });
    var other = Cards.node("button", "ghost resume-other", t("resume_other"));
    other.type = "button";
    other.addEventListener("click", function () { var code = window.prompt(t("resume_prompt")); if (code) { resume(code); } });
    box.appendChild(keep);
    box.appendChild(other);
    box.appendChild(shown);
  }

  function showEvidence(skill) {
    var box = $("evidence");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    box.hidden = false;
    box.appendChild(Cards.node("h3", "", skill.label));
    box.appendChild(Cards.node("p", "level level-" + skill.level, t("legend") + t("colon") + " " + t("level_" + skill.level)));
    var evidence = skill.evidence || [];
    if (!evidence.length) { box.appendChild(Cards.node("p", "empty", t("no_evidence"))); }
    evidence.forEach(function (e) { box.appendChild(Cards.node("blockquote", "evidence-quote", e.text)); });
    var close = Cards.node("button", "ghost", t("close"));
    close.type = "button";
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(close);
    if (window.matchMedia("(max-width: 800px)").matches) { selectTab("profile"); }
    box.scrollIntoView({ block: "nearest" });
  }

  function selectTab(which) {
    body.setAttribute("data-tab", which);
    $("tab-chat").setAttribute("aria-selected", String(which === "chat"));
    $("tab-profile").setAttribute("aria-selected", String(which === "profile"));
    if (which === "profile") { refreshProfile(); }
  }

  function autosize() { input.style.height = "auto"; input.style.height = Math.min(input.scrollHeight, 160) + "px"; }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); send(input.value); }
  });
  input.addEventListener("input", autosize);
  $("tab-chat").addEventListener("click", function () { selectTab("chat"); });
  $("tab-profile").addEventListener("click", function () { selectTab("profile"); });
  $("lang-select").addEventListener("change", function (event) {
    I18n.setLanguage(event.target.value);
    store(KEY_LANG, event.target.value);
    Pictures.legend($("legend"));
    renderExports();
    refreshProfile();
  });
  $("new-chat").addEventListener("click", function () {
    forget();
    while (messages.firstChild) { messages.removeChild(messages.firstChild); }
    renderQuickReplies({ quick_replies: [] });
    conversationId = null;
    startConversation();
  });

  var params = new URLSearchParams(window.location.search);
  var lang = params.get("lang") || load(KEY_LANG) || body.getAttribute("data-lang") || "en";
  I18n.setLanguage(lang);
  $("lang-select").value = I18n.language();
  Pictures.legend($("legend"));
  Pictures.profile($("profile-picture"), {});
  Pictures.gap($("gap-picture"), {});
  renderPlan(null);
  selectTab("chat");
  /* "#resume=CODE": a resume code kept from another device (the fragment never reaches the server). */
  var resumeCode = (window.location.hash.match(/^#resume=([A-Za-z0-9-]+)$/) || [])[1];
  if (resumeCode) { window.history.replaceState(null, "", window.location.pathname + window.location.search); }
  var saved = load(KEY_TOKEN) ? load(KEY_CONVERSATION) : null;
  if (resumeCode) { resume(resumeCode); } else if (saved) { restore(saved); } else { forget(); startConversation(); }
  window.OrientChat = { send: send, resume: resume, conversation: function () { return conversationId; }, lastReply: function () { return lastReply; } };
})();
