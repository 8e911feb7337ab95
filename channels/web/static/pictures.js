/* Inline SVG pictures built with DOM calls (never innerHTML): the profile, the gap, and bar charts. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var t = function (k, p) { return window.OrientI18n.t(k, p); };

  var LEVELS = ["declared", "inferred", "validated_by_counsellor", "evidenced", "certified"];
  var LEVEL_COLOURS = {
    declared: "#8d99a6", inferred: "#3f7fe0", validated_by_counsellor: "#7b4fc4", evidenced: "#23915f", certified: "#c58b00"
  };
  var GAP_COLOURS = { covered: "#23915f", almost: "#e0a100", missing: "#d64541" };

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(container) { while (container.firstChild) { container.removeChild(container.firstChild); } }

  function shorten(text, max) { text = String(text || ""); return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  function emptyNote(container, key) {
    clear(container);
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = t(key);
    container.appendChild(p);
    container.setAttribute("data-empty", "true");
  }

  function levelOf(skill) { return LEVELS.indexOf(skill.level) >= 0 ? skill.level : "declared"; }

  function groupSkills(profile) {
    var titles = {};
    (profile.experiences || []).forEach(function (e) { titles[e.id] = e.title; });
    var groups = [];
    var index = {};
    (profile.skills || []).forEach(function (skill) {
      if (skill.state === "rejected") { return; }
      var key = (skill.experience_ids || []).map(function (id) { return titles[id]; }).filter(Boolean)[0] || t("other_skills");
      if (!(key in index)) { index[key] = groups.length; groups.push({ title: key, skills: [] }); }
      groups[index[key]].skills.push(skill);
    });
    return groups;
  }

  /* The profile as a picture: one band per experience, one pill per skill coloured by validation level;
     hover shows the evidence as a tooltip, tap/click/Enter calls onSelect(skill). */
  function profile(container, data, options) {
    options = options || {};
    var groups = groupSkills(data || {});
    if (!groups.length) { emptyNote(container, "profile_empty"); return null; }
    clear(container);
    container.setAttribute("data-empty", "false");
    var width = 360, pad = 10, pillH = 24, gapX = 6, gapY = 8, y = pad;
    var svg = el("svg", { viewBox: "0 0 360 100", width: "100%", role: "img", "class": "profile-svg", "data-skill-count": 0 });
    svg.appendChild(el("title", {}, t("profile_title")));
    container.appendChild(svg);  /* attached first, so text widths can be measured when visible */
    var count = 0;
    groups.forEach(function (group) {
      svg.appendChild(el("text", { x: pad, y: y + 14, "class": "group-title" }, shorten(group.title, 48)));
      y += 22;
      var x = pad;
      group.skills.forEach(function (skill) {
        var label = shorten(skill.label, 40);
        var level = levelOf(skill);
        var g = el("g", { "class": "skill-pill level-" + level + (skill.state === "proposed" ? " proposed" : ""),
                          tabindex: 0, role: "button", "data-uri": skill.uri, "data-level": level });
        var evidence = (skill.evidence || []).map(function (e) { return "“" + shorten(e && e.text !== undefined ? e.text : e, 90) + "”"; }).join("\n");
        g.appendChild(el("title", {}, skill.label + " — " + t("level_" + level) +
          (skill.state === "proposed" ? " (" + t("proposed") + ")" : "") + (evidence ? "\n" + evidence : "")));
        var rect = el("rect", { height: pillH, rx: 12, ry: 12, fill: LEVEL_COLOURS[level],
                                "fill-opacity": skill.state === "proposed" ? 0.35 : 0.9,
                                stroke: LEVEL_COLOURS[level], "stroke-dasharray": skill.state === "proposed" ? "4 3" : "0" });
        var text = el("text", { x: 22, y: 16, "class": "pill-text" + (skill.state === "proposed" ? " dark" : "") }, label);
        g.appendChild(rect);
        g.appendChild(el("circle", { cx: 12, cy: pillH / 2, r: 4, fill: "#fff", "fill-opacity": 0.9 }));
        g.appendChild(text);
        svg.appendChild(g);
        var measured = 0;
        try { measured = text.getComputedTextLength(); } catch (e) { measured = 0; }
        var textWidth = measured > 0 ? measured : label.length * 6.8;
        var w = Math.min(width - 2 * pad, 32 + textWidth);
        if (x + w > width - pad) { x = pad; y += pillH + gapY; }
        rect.setAttribute("width", w);
        g.setAttribute("transform", "translate(" + x + "," + y + ")");
        var select = function (event) {
          if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") { return; }
          if (event.type === "keydown") { event.preventDefault(); }
          if (options.onSelect) { options.onSelect(skill); }
        };
        g.addEventListener("click", select);
        g.addEventListener("keydown", select);
        x += w + gapX;
        count += 1;
      });
      y += pillH + gapY + 6;
    });
    svg.setAttribute("viewBox", "0 0 " + width + " " + (y + pad));
    svg.setAttribute("data-skill-count", count);
    return svg;
  }

  function legend(container) {
    clear(container);
    var title = document.createElement("span");
    title.className = "legend-title";
    title.textContent = t("legend") + t("colon");
    container.appendChild(title);
    LEVELS.forEach(function (level) {
      var item = document.createElement("span");
      item.className = "legend-item";
      var dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = LEVEL_COLOURS[level];
      item.appendChild(dot);
      item.appendChild(document.createTextNode(t("level_" + level)));
      container.appendChild(item);
    });
    /* The pale, dashed pills: skills suggested from what the person said, not confirmed yet. */
    var suggested = document.createElement("span");
    suggested.className = "legend-item legend-suggested";
    var swatch = document.createElement("span");
    swatch.className = "dot dashed";
    suggested.appendChild(swatch);
    suggested.appendChild(document.createTextNode(t("suggested")));
    container.appendChild(suggested);
  }

  /* The gap picture: one stacked bar per skill group (covered / almost / missing). */
  /* Gap skills as [{label, status, group}], from a stored GapSummary (skills) or a gap card (groups). */
  function gapSkills(data) {
    if (!data) { return []; }
    if (data.skills && data.skills.length) { return data.skills; }
    var out = [];
    (data.groups || []).forEach(function (g) {
      ["covered", "almost", "missing"].forEach(function (status) {
        (g[status] || []).forEach(function (s) { out.push({ label: s.label || s.uri || s, status: status, group: g.label }); });
      });
    });
    return out;
  }

  function gap(container, data) {
    var skills = gapSkills(data);
    if (data && typeof data.coverage !== "number" && typeof data.essential_coverage === "number") {
      data = Object.assign({}, data, { coverage: data.essential_coverage });
    }
    if (!skills.length) { emptyNote(container, "gap_empty"); return null; }
    clear(container);
    container.setAttribute("data-empty", "false");
    var groups = [], index = {};
    skills.forEach(function (s) {
      var key = s.group || t("group_other");
      if (!(key in index)) { index[key] = groups.length; groups.push({ title: key, covered: [], almost: [], missing: [] }); }
      var status = GAP_COLOURS[s.status] ? s.status : "missing";
      groups[index[key]][status].push(s.label);
    });
    var width = 360, pad = 10, barH = 16, rowH = 44, top = 30;
    var height = top + groups.length * rowH + 24;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img", "class": "gap-svg" });
    svg.appendChild(el("title", {}, t("gap_title")));
    if (typeof data.coverage === "number") {
      svg.appendChild(el("text", { x: pad, y: 18, "class": "headline" }, t("coverage", { p: Math.round(data.coverage * 100) })));
    }
    groups.forEach(function (group, i) {
      var y = top + i * rowH;
      var total = group.covered.length + group.almost.length + group.missing.length;
      svg.appendChild(el("text", { x: pad, y: y + 10, "class": "group-title" }, shorten(group.title, 50) + " (" + total + ")"));
      var x = pad, barW = width - 2 * pad;
      ["covered", "almost", "missing"].forEach(function (status) {
        var n = group[status].length;
        if (!n) { return; }
        var w = barW * n / total;
        var rect = el("rect", { x: x, y: y + 16, width: Math.max(w, 2), height: barH, fill: GAP_COLOURS[status], "class": "gap-" + status });
        rect.appendChild(el("title", {}, t(status) + " (" + n + "): " + group[status].join(", ")));
        svg.appendChild(rect);
        if (w > 18) { svg.appendChild(el("text", { x: x + w / 2, y: y + 28, "class": "bar-text", "text-anchor": "middle" }, n)); }
        x += w;
      });
    });
    var ly = top + groups.length * rowH + 10, lx = pad;
    ["covered", "almost", "missing"].forEach(function (status) {
      svg.appendChild(el("rect", { x: lx, y: ly - 9, width: 10, height: 10, fill: GAP_COLOURS[status] }));
      svg.appendChild(el("text", { x: lx + 14, y: ly, "class": "legend-text" }, t(status)));
      lx += 90;
    });
    container.appendChild(svg);
    return svg;
  }

  /* A horizontal bar chart: rows = [{label, value}]. */
  function bars(container, rows, options) {
    options = options || {};
    clear(container);
    if (!rows || !rows.length) { var p = document.createElement("p"); p.className = "empty"; p.textContent = options.empty || "—"; container.appendChild(p); return null; }
    var width = 520, pad = 8, labelW = 220, rowH = 24;
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; })) || 1;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + (rows.length * rowH + 2 * pad), width: "100%", role: "img", "class": "bar-chart" });
    if (options.title) { svg.appendChild(el("title", {}, options.title)); }
    rows.forEach(function (row, i) {
      var y = pad + i * rowH;
      svg.appendChild(el("text", { x: pad, y: y + 15, "class": "bar-label" }, shorten(row.label, 34)));
      var w = (width - labelW - 50) * row.value / max;
      var rect = el("rect", { x: labelW, y: y + 4, width: Math.max(w, 1), height: rowH - 8, fill: options.colour || "#3f7fe0" });
      rect.appendChild(el("title", {}, row.label + ": " + row.value));
      svg.appendChild(rect);
      svg.appendChild(el("text", { x: labelW + w + 6, y: y + 15, "class": "bar-value" }, row.value));
    });
    container.appendChild(svg);
    return svg;
  }

  window.OrientPictures = { profile: profile, gap: gap, legend: legend, bars: bars, LEVELS: LEVELS, LEVEL_COLOURS: LEVEL_COLOURS };
})();
