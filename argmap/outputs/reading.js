// argmap reading view. Builds every element with textContent: nothing from the map is ever parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var panel = document.getElementById("panel");
  var cols = Array.prototype.slice.call(document.querySelectorAll("#cols .col"));
  var card = document.getElementById("card");
  var status = document.getElementById("status");
  var diagram = document.getElementById("diagram");
  var items = {};
  Array.prototype.forEach.call(document.querySelectorAll("#theses .th"), function (li) {
    items[li.getAttribute("data-thesis")] = li;
  });
  var order = Object.keys(items);

  // Every highlighted segment, by the evidence it belongs to, in text order.
  var marksOf = {};
  Array.prototype.forEach.call(document.querySelectorAll("mark.ev"), function (m) {
    m.getAttribute("data-ev").split(" ").forEach(function (id) {
      (marksOf[id] = marksOf[id] || []).push(m);
    });
  });

  var selected = null;
  var passages = [];
  var cursor = -1;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // -- block sizes: an estimate for the blocks not yet laid out (the browser keeps the real one after)
  function sizeBlocks() {
    cols.forEach(function (col) {
      var text = col.querySelector(".text");
      var first = text.querySelector(".blk");
      if (!first) return;
      var cs = getComputedStyle(first);
      var lineHeight = parseFloat(cs.lineHeight) || 22;
      var probe = el("span", null, "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789, the of and.");
      probe.style.visibility = "hidden";
      probe.style.position = "absolute";
      probe.style.whiteSpace = "nowrap";
      text.appendChild(probe);
      var charWidth = probe.getBoundingClientRect().width / probe.textContent.length || 8;
      text.removeChild(probe);
      var width = text.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      var perLine = Math.max(20, width / charWidth);
      var factor = Math.max(1, 75 / perLine);
      Array.prototype.forEach.call(text.querySelectorAll(".blk"), function (blk) {
        var lines = parseInt(blk.getAttribute("data-lines"), 10) || 1;
        blk.style.containIntrinsicSize = "auto " + Math.round(lines * lineHeight * factor) + "px";
      });
    });
  }

  // -- selecting a thesis
  function clearSelection() {
    if (selected === null) return;
    (data.theses[selected].evidence || []).forEach(function (id) {
      (marksOf[id] || []).forEach(function (m) { m.classList.remove("on", "on-sup", "on-con", "cur"); });
    });
    var li = items[selected];
    if (li) {
      li.classList.remove("selected");
      li.querySelector(".th-btn").setAttribute("aria-pressed", "false");
      li.querySelector(".detail").hidden = true;
    }
    var node = diagramNode(selected);
    if (node) node.classList.remove("picked");
    selected = null;
    passages = [];
    cursor = -1;
    document.body.classList.remove("has-sel");
  }

  function reveal(mark) {
    mark.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function select(id, options) {
    options = options || {};
    if (!Object.prototype.hasOwnProperty.call(data.theses, id)) return false;
    clearSelection();
    selected = id;
    document.body.classList.add("has-sel");
    var thesis = data.theses[id];
    thesis.evidence.forEach(function (evId) {
      var ev = data.evidence[evId];
      var ms = marksOf[evId] || [];
      ms.forEach(function (m) { m.classList.add("on", ev.stance === "supports" ? "on-sup" : "on-con"); });
      if (ms.length) passages.push({ id: evId, marks: ms, column: ev.column, start: ev.start });
    });
    passages.sort(function (a, b) { return a.column - b.column || a.start - b.start; });
    var li = items[id];
    if (li) {
      li.classList.add("selected");
      li.querySelector(".th-btn").setAttribute("aria-pressed", "true");
      li.querySelector(".detail").hidden = false;
      if (!options.keepPanel) li.scrollIntoView({ block: "nearest" });
    }
    var node = diagramNode(id);
    if (node) node.classList.add("picked");
    var seen = {};
    passages.forEach(function (p) {
      if (!seen[p.column]) { seen[p.column] = true; reveal(p.marks[0]); }
    });
    var shown = passages.length;
    var off = thesis.evidence.length - shown;
    status.textContent = shown + " passage" + (shown === 1 ? "" : "s") + " in the columns" +
      (off ? "; " + off + " from sources not shown" : "") + (shown ? " (n/p to go through them)" : "");
    try {
      history.replaceState(null, "", "#thesis=" + encodeURIComponent(id));
    } catch (e) { /* a page opened where history cannot be changed keeps its address */ }
    fillPrint();
    return true;
  }

  function step(delta) {
    if (selected === null) {
      var first = visibleTheses()[0];
      if (first) select(first);
      return;
    }
    if (!passages.length) return;
    if (cursor >= 0) passages[cursor].marks.forEach(function (m) { m.classList.remove("cur"); });
    cursor = (cursor + delta + passages.length) % passages.length;
    var p = passages[cursor];
    p.marks.forEach(function (m) { m.classList.add("cur"); });
    reveal(p.marks[0]);
    var ev = data.evidence[p.id];
    status.textContent = "passage " + (cursor + 1) + " of " + passages.length + ": " + ev.symbol + " " +
      ev.stance + ", " + ev.citation + " (Enter: details)";
  }

  function visibleTheses() {
    var only = panel.classList.contains("only-disputed");
    return order.filter(function (id) { return !only || items[id].classList.contains("disputed"); });
  }

  function moveThesis(delta) {
    var list = visibleTheses();
    if (!list.length) return;
    var at = list.indexOf(selected);
    var next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    select(list[next]);
    items[list[next]].querySelector(".th-btn").focus({ preventScroll: true });
  }

  // -- the card of a passage
  function showCard(mark) {
    card.textContent = "";
    var close = el("button", "close", "close \u2715");
    close.type = "button";
    close.addEventListener("click", hideCard);
    card.appendChild(close);
    card.appendChild(el("h2", null, "Passage"));
    mark.getAttribute("data-ev").split(" ").forEach(function (id) {
      var ev = data.evidence[id];
      if (!ev) return;
      var thesis = data.theses[ev.thesis];
      var box = el("section");
      box.setAttribute("data-ev", id);
      var pick = el("button", "pick", thesis.statement);
      pick.type = "button";
      pick.title = "select this thesis";
      pick.addEventListener("click", function () { select(ev.thesis); });
      var line = el("p");
      line.appendChild(el("span", ev.stance === "supports" ? "stance-sup" : "stance-con", ev.symbol + " " + ev.stance));
      line.appendChild(document.createTextNode(" the thesis: "));
      line.appendChild(pick);
      box.appendChild(line);
      box.appendChild(el("p", "cite", ev.citation + (ev.work ? " \u2014 " + ev.work : "")));
      var how = ev.match === "fuzzy" ? "\u2248 approximate match, " + Math.round(ev.score * 100) + "% similar"
        : ev.match === "normalized" ? "found with spacing, quotation marks or dashes normalized" : "exact match";
      box.appendChild(el("p", "match", how));
      ev.emend.forEach(function (pair) {
        box.appendChild(el("p", "emend", "\u270e emended: the source reads \u2018" + pair[0] + "\u2019, quoted as \u2018" + pair[1] + "\u2019"));
      });
      if (ev.quote !== ev.passage) {
        var q = el("p", null, "quoted as: ");
        q.appendChild(el("q", null, ev.quote));
        box.appendChild(q);
      }
      if (ev.note) box.appendChild(el("p", "note", ev.note));
      card.appendChild(box);
    });
    card.hidden = false;
  }

  function hideCard() { card.hidden = true; }

  // -- the diagram
  function diagramNode(id) {
    return diagram ? diagram.querySelector('g[id="thesis-' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]') : null;
  }

  function toggleDiagram(show) {
    if (!diagram) return;
    diagram.hidden = show === undefined ? !diagram.hidden : !show;
    document.getElementById("toggle-diagram").setAttribute("aria-expanded", String(!diagram.hidden));
    if (!diagram.hidden && selected !== null) {
      var node = diagramNode(selected);
      if (node) node.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // -- printing: the selected thesis with its passages (every thesis when none is selected)
  function fillPrint() {
    var out = document.getElementById("print");
    out.textContent = "";
    out.appendChild(el("h1", null, data.title || "Argument map"));
    var ids = selected !== null ? [selected] : order;
    ids.forEach(function (id) {
      var t = data.theses[id];
      out.appendChild(el("h2", null, (t.disputed ? "[DISPUTED \u00b7 " + t.disputed + "] " : "") + t.statement));
      out.appendChild(el("p", null, t.positions.map(function (p) { return p[0] + " " + p[2] + " " + p[1]; }).join("; ")));
      t.verdicts.forEach(function (v) { out.appendChild(el("p", null, v[0] + ": " + v[1])); });
      if (selected === null) return;
      t.evidence.forEach(function (evId) {
        var ev = data.evidence[evId];
        var box = el("div", "ev" + (ev.stance === "contests" ? " con" : ""));
        box.appendChild(el("p", null, ev.symbol + " " + ev.stance + " \u2014 " + ev.citation));
        var q = el("p");
        q.appendChild(el("q", null, ev.passage));
        box.appendChild(q);
        if (ev.match === "fuzzy") box.appendChild(el("p", null, "approximate match, " + Math.round(ev.score * 100) + "% similar"));
        if (ev.note) box.appendChild(el("p", null, ev.note));
        out.appendChild(box);
      });
    });
  }

  // -- where each column is: the page at the top of its view
  function updateWhere(col) {
    var text = col.querySelector(".text");
    var where = col.querySelector(".where");
    var top = text.getBoundingClientRect().top + 4;
    var blocks = text.querySelectorAll(".blk");
    var lo = 0, hi = blocks.length - 1, found = null;
    while (lo <= hi) { // the last block whose top is at or above the view's top
      var mid = (lo + hi) >> 1;
      if (blocks[mid].getBoundingClientRect().top <= top) { found = blocks[mid]; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (!found) { where.textContent = ""; return; }
    var page = found.getAttribute("data-page") || "";
    Array.prototype.forEach.call(found.querySelectorAll(".pb"), function (pb) {
      if (pb.getBoundingClientRect().top <= top + 10) page = pb.getAttribute("data-label").replace(/^p\.\s/, "");
    });
    where.textContent = page ? "p.\u00a0" + page : "";
  }

  // -- wiring
  panel.addEventListener("click", function (e) {
    var link = e.target.closest(".evlink[data-ev]");
    if (link) {
      var id = link.getAttribute("data-ev");
      var ms = marksOf[id];
      if (ms && ms.length) {
        var at = passages.findIndex(function (p) { return p.id === id; });
        if (at >= 0) { cursor = at - 1; step(1); } else { reveal(ms[0]); }
        showCard(ms[0]);
      }
      return;
    }
    var btn = e.target.closest(".th-btn");
    if (btn) {
      var thesisId = btn.parentNode.getAttribute("data-thesis");
      if (thesisId === selected) {
        clearSelection();
        history.replaceState(null, "", "#");
        fillPrint();
        status.textContent = "";
      } else {
        select(thesisId, { keepPanel: true });
      }
    }
  });
  document.getElementById("cols").addEventListener("click", function (e) {
    var mark = e.target.closest("mark.ev");
    if (mark) showCard(mark);
  });
  document.getElementById("only-disputed").addEventListener("change", function (e) {
    panel.classList.toggle("only-disputed", e.target.checked);
  });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.getElementById("toggle-diagram").addEventListener("click", function () { toggleDiagram(); });
  if (diagram) {
    diagram.addEventListener("click", function (e) {
      var g = e.target.closest('g[id^="thesis-"]');
      if (g) select(g.id.slice("thesis-".length));
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var inPanel = panel.contains(e.target);
    switch (e.key) {
      case "j": moveThesis(1); break;
      case "k": moveThesis(-1); break;
      case "ArrowDown": if (!inPanel) return; moveThesis(1); break;
      case "ArrowUp": if (!inPanel) return; moveThesis(-1); break;
      case "n": case "]": step(1); break;
      case "p": case "[": step(-1); break;
      case "d":
        var box = document.getElementById("only-disputed");
        box.checked = !box.checked;
        panel.classList.toggle("only-disputed", box.checked);
        break;
      case "g": toggleDiagram(); break;
      case "Enter":
        if (cursor >= 0 && !e.target.closest("button")) showCard(passages[cursor].marks[0]); else return;
        break;
      case "Escape":
        if (!card.hidden) hideCard(); else if (selected !== null) { clearSelection(); fillPrint(); status.textContent = ""; }
        break;
      default: return;
    }
    e.preventDefault();
  });
  cols.forEach(function (col) {
    var pending = false;
    col.querySelector(".text").addEventListener("scroll", function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; updateWhere(col); });
    }, { passive: true });
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(sizeBlocks, 200);
  });

  function fromHash() {
    var match = /^#thesis=(.+)$/.exec(location.hash);
    if (!match) return;
    var id;
    try { id = decodeURIComponent(match[1]); } catch (e) { return; }
    if (id !== selected) select(id);
  }
  window.addEventListener("hashchange", fromHash);

  sizeBlocks();
  fillPrint();
  cols.forEach(updateWhere);
  fromHash();
  document.documentElement.setAttribute("data-ready", "1");
  if (window.performance && performance.mark) performance.mark("argmap-ready");
})();
