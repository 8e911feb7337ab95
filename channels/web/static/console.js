/* Counsellor console: login, people who shared, guided session beside the person, skill validation,
   notes, territory statistics charts. All text is inserted with textContent. */
(function () {
  "use strict";
  var I18n = window.OrientI18n, Pictures = window.OrientPictures, Cards = window.OrientCards;
  var $ = function (id) { return document.getElementById(id); };
  var EXTRA = {
    en: { console_title: "Counsellor console", logout: "Log out", login_title: "Counsellor login",
          demo_hint: "DEMO account for trying the console: user “demo-counsellor”, password “demo-password”. Not for real use.",
          username: "User name", password: "Password", login: "Log in", demo_account: "You are using the DEMO counsellor account.",
          people_title: "People who shared with you", stats_title: "Territory statistics", stats_skills: "Most common skills",
          stats_targets: "Target jobs", guided_session: "Guided session with", conversation: "Conversation",
          guided_placeholder: "Answer beside the person…", skill: "Skill", level: "Level", notes_title: "Notes",
          note_placeholder: "A note for the file…", add_note: "Add note", open: "Open", validate: "Validate",
          reject: "Reject", relabel: "Rename", new_label: "New label for this skill:", nobody: "Nobody has shared with you yet.",
          stats_k: "Groups of fewer than {k} people are not shown ({n} hidden).", no_stats: "Not enough people yet.",
          shared_until: "until {d}", skills_n: "{n} skills", guided_title: "Guided sessions you opened",
          new_session: "New guided session", profile_title: "Skills profile", gap_title: "Gap to the target" },
    fr: { console_title: "Console conseiller", logout: "Se déconnecter", login_title: "Connexion conseiller",
          demo_hint: "Compte de DÉMONSTRATION pour essayer la console : identifiant « demo-counsellor », mot de passe « demo-password ». Pas pour un usage réel.",
          username: "Identifiant", password: "Mot de passe", login: "Se connecter", demo_account: "Vous utilisez le compte conseiller de DÉMONSTRATION.",
          people_title: "Personnes qui ont partagé avec vous", stats_title: "Statistiques du territoire", stats_skills: "Compétences les plus fréquentes",
          stats_targets: "Métiers visés", guided_session: "Séance guidée avec", conversation: "Discussion",
          guided_placeholder: "Répondez aux côtés de la personne…", skill: "Compétence", level: "Niveau", notes_title: "Notes",
          note_placeholder: "Une note pour le dossier…", add_note: "Ajouter la note", open: "Ouvrir", validate: "Valider",
          reject: "Rejeter", relabel: "Renommer", new_label: "Nouveau libellé pour cette compétence :", nobody: "Personne n'a encore partagé avec vous.",
          stats_k: "Les groupes de moins de {k} personnes ne sont pas affichés ({n} masqués).", no_stats: "Pas encore assez de personnes.",
          shared_until: "jusqu'au {d}", skills_n: "{n} compétences", guided_title: "Séances guidées que vous avez ouvertes",
          new_session: "Nouvelle séance guidée", profile_title: "Profil de compétences", gap_title: "Écart avec le métier visé" }
  };
  function t(key, params) {
    var table = EXTRA[I18n.language()] || EXTRA.en;
    if (table[key] !== undefined) {
      var text = table[key];
      Object.keys(params || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(params[k])); });
      return text;
    }
    return I18n.t(key, params);
  }
  function applyAll() {
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (el) { el.setAttribute("placeholder", t(el.getAttribute("data-i18n-placeholder"))); });
  }
  var person = null, busy = false;

  function api(method, path, body) {
    return fetch(path, { method: method, credentials: "same-origin", headers: body ? { "Content-Type": "application/json" } : {},
                         body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        if (response.status === 204) { return null; }
        return response.json().catch(function () { return null; }).then(function (payload) {
          if (!response.ok) { var e = new Error((payload && payload.detail) || response.statusText); e.status = response.status; throw e; }
          return payload;
        });
      });
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function el(tag, className, text) { return Cards.node(tag, className, text); }

  function showLogin() { $("login-view").hidden = false; $("main-view").hidden = true; $("logout").hidden = true; $("who").textContent = ""; }

  function showMain(me) {
    $("login-view").hidden = true; $("main-view").hidden = false; $("logout").hidden = false;
    $("who").textContent = me.display_name;
    $("demo-banner").hidden = !me.is_demo;
    loadPeople();
    loadSessions();
    loadStatistics();
  }

  function loadPeople() {
    api("GET", "/api/console/people").then(function (people) {
      var list = $("people");
      clear(list);
      if (!people.length) { list.appendChild(el("li", "empty", t("nobody"))); return; }
      people.forEach(function (p) {
        list.appendChild(personRow(p.person_id, [p.data_categories.join(", "),
          p.expires_at ? t("shared_until", { d: p.expires_at.slice(0, 10) }) : null].filter(Boolean).join(" · ")));
      });
    }).catch(handleAuth);
  }

  function personRow(personId, detail) {
    var li = el("li", "person-row");
    li.setAttribute("data-person", personId);
    var info = el("div", "");
    info.appendChild(el("strong", "", personId.slice(0, 18)));
    if (detail) { info.appendChild(el("div", "fine", detail)); }
    var open = el("button", "primary open-person", t("open"));
    open.type = "button";
    open.addEventListener("click", function () { openPerson(personId); });
    li.appendChild(info);
    li.appendChild(open);
    return li;
  }

  function loadSessions() {
    api("GET", "/api/console/sessions").then(function (ids) {
      var list = $("sessions");
      clear(list);
      ids.forEach(function (id) { list.appendChild(personRow(id, "")); });
    }).catch(handleAuth);
  }

  function loadStatistics() {
    api("GET", "/api/console/statistics?lang=" + I18n.language()).then(function (stats) {
      $("stats-note").textContent = t("stats_k", { k: stats.k, n: stats.suppressed_groups });
      var skills = {}, targets = {};
      stats.groups.forEach(function (g) {
        g.skills.forEach(function (c) { skills[c.label || c.uri] = (skills[c.label || c.uri] || 0) + c.count; });
        g.targets.forEach(function (c) { targets[c.label || c.uri] = (targets[c.label || c.uri] || 0) + c.count; });
      });
      var rows = function (m) { return Object.keys(m).map(function (k) { return { label: k, value: m[k] }; }).sort(function (a, b) { return b.value - a.value; }).slice(0, 12); };
      Pictures.bars($("stats-skills"), rows(skills), { empty: t("no_stats"), title: t("stats_skills") });
      Pictures.bars($("stats-targets"), rows(targets), { empty: t("no_stats"), colour: "#7b4fc4", title: t("stats_targets") });
    }).catch(handleAuth);
  }

  function handleAuth(err) { if (err.status === 401) { showLogin(); } else { $("status").textContent = err.message; } }

  function bubble(author, text) {
    var li = el("li", "msg msg-" + author);
    li.appendChild(el("span", "who", author === "person" ? I18n.t("you") : author === "counsellor" ? I18n.t("counsellor") : I18n.t("orient")));
    li.appendChild(el("div", "text", text));
    $("messages").appendChild(li);
    $("messages").scrollTop = $("messages").scrollHeight;
    return li;
  }

  function renderReply(reply) {
    var li = bubble("agent", reply.text);
    (reply.cards || []).forEach(function (card) { li.appendChild(Cards.render(card, { onSelectSkill: showEvidence })); });
    var quick = $("quick-replies");
    clear(quick);
    (reply.quick_replies || []).forEach(function (qr) {
      var b = el("button", "quick", qr.label);
      b.type = "button";
      b.addEventListener("click", function () { sendGuided(qr.value, qr.label); });
      quick.appendChild(b);
    });
  }

  function showEvidence(skill) {
    var box = $("evidence");
    clear(box);
    box.hidden = false;
    box.appendChild(el("h3", "", skill.label));
    box.appendChild(el("p", "", I18n.t("legend") + ": " + I18n.t("level_" + skill.level)));
    (skill.evidence || []).forEach(function (e) { box.appendChild(el("blockquote", "evidence-quote", e.text)); });
  }

  function renderProfile(profile) {
    Pictures.profile($("profile-picture"), profile || {}, { onSelect: showEvidence });
    Pictures.legend($("legend"));
    Pictures.gap($("gap-picture"), (profile && profile.gap) || {});
    var body = $("skills").querySelector("tbody");
    clear(body);
    ((profile && profile.skills) || []).forEach(function (skill) {
      var tr = el("tr", "skill-row level-" + skill.level);
      tr.setAttribute("data-uri", skill.uri);
      tr.appendChild(el("td", "", skill.label));
      tr.appendChild(el("td", "skill-level", I18n.t("level_" + skill.level) + (skill.state !== "confirmed" ? " (" + I18n.t(skill.state) + ")" : "")));
      var actions = el("td", "");
      [["validate", t("validate")], ["reject", t("reject")], ["relabel", t("relabel")]].forEach(function (pair) {
        var b = el("button", "ghost action-" + pair[0], pair[1]);
        b.type = "button";
        b.addEventListener("click", function () { skillAction(skill, pair[0]); });
        actions.appendChild(b);
      });
      tr.appendChild(actions);
      body.appendChild(tr);
    });
  }

  function renderNotes(notes) {
    var box = $("notes");
    clear(box);
    notes.forEach(function (n) { box.appendChild(el("div", "note", n.created_at.slice(0, 16).replace("T", " ") + " — " + n.text)); });
  }

  function openPerson(personId) {
    api("GET", "/api/console/people/" + encodeURIComponent(personId)).then(function (file) {
      person = personId;
      $("person-view").hidden = false;
      $("person-name").textContent = personId.slice(0, 18);
      clear($("messages"));
      file.turns.forEach(function (turn) {
        if (turn.user_text !== null) { bubble(turn.author === "counsellor" ? "counsellor" : "person", turn.user_text); }
        renderReply(turn.reply);
      });
      renderProfile(file.profile);
      renderNotes(file.notes);
      $("person-view").scrollIntoView({ block: "start" });
    }).catch(handleAuth);
  }

  function refreshPerson() {
    if (!person) { return; }
    api("GET", "/api/console/people/" + encodeURIComponent(person)).then(function (file) { renderProfile(file.profile); renderNotes(file.notes); }).catch(handleAuth);
  }

  function sendGuided(text, shown) {
    if (!person || busy || !text.trim()) { return; }
    busy = true;
    bubble("counsellor", shown || text);
    clear($("quick-replies"));
    $("message").value = "";
    var id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now());
    api("POST", "/api/console/people/" + encodeURIComponent(person) + "/messages", { text: text, client_message_id: id })
      .then(function (result) { renderReply(result.reply); refreshPerson(); $("status").textContent = ""; })
      .catch(handleAuth)
      .then(function () { busy = false; });
  }

  function skillAction(skill, action) {
    var body = { uri: skill.uri, action: action };
    if (action === "relabel") {
      var label = window.prompt(t("new_label"), skill.label);
      if (!label) { return; }
      body.label = label;
    }
    api("POST", "/api/console/people/" + encodeURIComponent(person) + "/skills", body).then(refreshPerson).catch(handleAuth);
  }

  $("login-form").addEventListener("submit", function (event) {
    event.preventDefault();
    $("login-error").textContent = "";
    api("POST", "/api/console/login", { username: $("username").value, password: $("password").value })
      .then(showMain)
      .catch(function (err) { $("login-error").textContent = err.message; });
  });
  $("new-session").addEventListener("click", function () {
    api("POST", "/api/console/sessions", { language: I18n.language() }).then(function (session) {
      loadSessions();
      openPerson(session.person_id);
    }).catch(handleAuth);
  });
  $("logout").addEventListener("click", function () { api("POST", "/api/console/logout").then(showLogin); });
  $("composer").addEventListener("submit", function (event) { event.preventDefault(); sendGuided($("message").value); });
  $("note-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("note").value;
    if (!person || !text.trim()) { return; }
    api("POST", "/api/console/people/" + encodeURIComponent(person) + "/notes", { text: text })
      .then(function () { $("note").value = ""; refreshPerson(); }).catch(handleAuth);
  });
  $("lang-select").addEventListener("change", function (event) { I18n.setLanguage(event.target.value); applyAll(); Pictures.legend($("legend")); });

  var lang = new URLSearchParams(window.location.search).get("lang") || document.body.getAttribute("data-lang") || "en";
  I18n.setLanguage(lang);
  $("lang-select").value = I18n.language();
  applyAll();
  api("GET", "/api/console/me").then(showMain).catch(function () { showLogin(); });
})();
