/* Renders the agent's cards (skill, move, course, job, notice, receipt, profile, gap, export) with DOM
   calls only: every piece of text goes through textContent, every link is checked to be http(s) or local. */
(function () {
  "use strict";
  var t = function (k, p) { return window.OrientI18n.t(k, p); };

  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) { n.className = className; }
    if (text !== undefined && text !== null && text !== "") { n.textContent = String(text); }
    return n;
  }

  function safeUrl(value) {
    if (typeof value !== "string" || !value) { return null; }
    try {
      var url = new URL(value, window.location.href);
      if (url.protocol === "http:" || url.protocol === "https:") { return url.href; }
    } catch (e) { return null; }
    return null;
  }

  function link(href, label, download) {
    var url = safeUrl(href);
    if (!url) { return null; }
    var a = node("a", "card-link", label);
    a.href = url;
    if (download) { a.setAttribute("download", ""); } else { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }

  function localized(value) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value[window.OrientI18n.language()] || value.en || value.fr || "";
    }
    return value;
  }

  function textList(items) {
    return (items || []).map(function (x) { return typeof x === "string" ? x : (x && (x.label || x.title || x.uri)) || ""; })
      .filter(Boolean);
  }

  function field(parent, label, value) {
    value = localized(value);
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    var row = node("div", "field");
    row.appendChild(node("span", "field-label", label + t("colon") + " "));
    row.appendChild(node("span", "field-value", Array.isArray(value) ? textList(value).join(", ") : String(value)));
    parent.appendChild(row);
  }

  function chips(parent, label, items, className) {
    var list = textList(items);
    if (!list.length) { return; }
    var wrap = node("div", "chips " + (className || ""));
    wrap.appendChild(node("span", "field-label", label + t("colon") + " "));
    list.slice(0, 12).forEach(function (item) { wrap.appendChild(node("span", "chip", item)); });
    parent.appendChild(wrap);
  }

  /* The receipt as a readable page (format=html) or as the signed JSON (format=json). */
  function receiptUrl(data, conversation, format) {
    if (data.download_url || data.url) { return data.download_url || data.url; }
    var id = data.consent_id;
    if (!id || !conversation) { return null; }
    return "/api/conversations/" + encodeURIComponent(conversation) + "/consents/" + encodeURIComponent(id) +
      "/receipt?format=" + format + "&lang=" + window.OrientI18n.language();
  }

  /* Vocabulary the server sends as codes (data categories, statuses), in the page's language. */
  function words(prefix, items) {
    return (Array.isArray(items) ? items : [items]).map(function (x) {
      var key = prefix + x, said = t(key);
      return said === key ? x : said;
    });
  }

  function render(card, options) {
    options = options || {};
    var data = card.data || {};
    var kind = String(card.kind || "info");
    var box = node("article", "card card-" + kind.replace(/[^a-z_]/g, ""));
    box.setAttribute("data-kind", kind);
    var kindLabel = { course: t("course"), job: t("job"), move: t("move"), notice: t("notice"), receipt: t("receipt") }[kind];
    if (kindLabel) { box.appendChild(node("div", "card-kind", kindLabel)); }
    box.appendChild(node("h3", "card-title", card.title));
    if (kind === "skill") {
      if (data.level) { field(box, t("legend"), t("level_" + data.level)); }
      var ev = Array.isArray(data.evidence) ? textList(data.evidence.map(function (e) { return e && e.text ? e.text : e; })) : (data.evidence ? [data.evidence] : []);
      ev.slice(0, 3).forEach(function (e) { box.appendChild(node("blockquote", "evidence-quote", e)); });
    } else if (kind === "move") {
      field(box, t("why"), data.why || data.explanation || data.reason);
      // the ranking score means nothing to a person; the share of the job's core skills they have does
      field(box, t("core_skills"), data.core_skills);
      field(box, t("sector"), data.sector);
      chips(box, t("matching"), data.carried_skills || data.matching_skills);
      chips(box, t("missing_skills"), data.missing_essential || data.missing_skills, "missing");
    } else if (kind === "course") {
      field(box, t("provider"), data.provider);
      field(box, t("duration"), data.duration || (data.duration_hours ? data.duration_hours + " h" : null));
      field(box, t("level_label"), data.level);
      field(box, t("location"), data.location);
      field(box, t("why"), data.explanation || data.why);
      chips(box, t("new_skills"), data.new_skills || data.skills);
      var courseLink = link(data.url, t("open_link"));
      if (courseLink) { box.appendChild(courseLink); }
    } else if (kind === "job") {
      field(box, t("provider"), data.employer || data.company);
      field(box, t("location"), data.location);
      chips(box, t("matching"), data.matching_skills);
      chips(box, t("missing_skills"), data.missing_skills, "missing");
      var jobLink = link(data.url, t("open_link"));
      if (jobLink) { box.appendChild(jobLink); }
    } else if (kind === "notice") {
      var notice = data.notice || data;
      var why = localized(notice.why || notice.text || notice.purpose_text || "");
      /* Said in the message above already: not twice. */
      if (!(options.replyText && why && options.replyText.indexOf(why) >= 0)) { box.appendChild(node("p", "notice-why", why)); }
      field(box, t("data_shared"), words("category_", notice.data_categories || []));
      if (notice.retention_days) { box.appendChild(node("p", "fine", t("retention", { d: notice.retention_days }))); }
      if (notice.consent_duration_days) { box.appendChild(node("p", "fine", t("valid_for", { d: notice.consent_duration_days }))); }
      var controller = notice.controller || {};
      field(box, t("controller"), controller.name ? controller.name + (controller.contact ? " — " + controller.contact : "") : data.recipient_name);
    } else if (kind === "receipt") {
      var status = data.receipt && (data.receipt.consent_status || data.receipt.status);
      if (status) { field(box, t("receipt_status"), words("status_", status)[0]); }
      var r = link(receiptUrl(data, options.conversation, "html"), t("open_receipt"), false);
      if (r) { r.classList.add("receipt-link"); box.appendChild(r); }
      var j = link(receiptUrl(data, options.conversation, "json"), t("receipt_json"), true);
      if (j) { j.classList.add("receipt-json", "fine-link"); box.appendChild(j); }
    } else if (kind === "profile") {
      var pic = node("div", "picture");
      box.appendChild(pic);
      window.OrientPictures.profile(pic, data.profile || data, { onSelect: options.onSelectSkill });
    } else if (kind === "gap") {
      var gapPic = node("div", "picture");
      box.appendChild(gapPic);
      window.OrientPictures.gap(gapPic, data.gap || data);
    } else if (kind === "export" && data.content) {
      /* "export everything": the data travels in the card; offer it as a JSON file. */
      var blob = new Blob([JSON.stringify(data.content, null, 2)], { type: "application/json" });
      var a = node("a", "card-link export-everything", t("download_everything"));
      a.href = URL.createObjectURL(blob);
      a.setAttribute("download", "orient-my-data.json");
      box.appendChild(a);
    } else if (kind === "export") {
      (data.formats || ["json", "jsonld", "html", "pdf"]).forEach(function (format) {
        var href = options.exportUrl ? options.exportUrl(format) : null;
        var a = link(href, t("export_" + format) || format, format !== "html");
        if (a) { box.appendChild(a); }
      });
    } else {
      var keys = Object.keys(data).slice(0, 6);
      keys.forEach(function (k) { var v = data[k]; if (typeof v !== "object") { field(box, k, v); } });
    }
    return box;
  }

  window.OrientCards = { render: render, safeUrl: safeUrl, node: node, link: link };
})();
