// stagebord serve: live reload and the error overlay of the preview.
//
// Served as a file at /__stagebord/livereload.js (never inline), so a theme's strict
// Content-Security-Policy still allows it. It listens on /__stagebord/events
// (Server-Sent Events) and
//   - reloads the page after a rebuild ("reload"), or when it reconnects to a server
//     whose build differs from the page's (a restart, or a rebuild it missed);
//   - swaps the stylesheets in place when only CSS changed ("css");
//   - shows or clears the overlay listing every error of a failed rebuild ("errors").
// The overlay is styled through the CSSOM (element.style), which a CSP allows, not
// through style attributes or a <style> element, which a strict one blocks.
(function () {
  "use strict";
  var OVERLAY_ID = "stagebord-errors";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : null;

  function css(el, rules) {
    Object.keys(rules).forEach(function (name) {
      el.style.setProperty(name, rules[name]);
    });
  }

  function styleOverlay(box) {
    css(box, {
      position: "fixed", left: "0", right: "0", bottom: "0", "z-index": "2147483647",
      "max-height": "60vh", overflow: "auto", margin: "0", padding: "1rem 1.25rem",
      background: "#fff5f5", color: "#1a1a1a", "border-top": "4px solid #c81e1e",
      font: "15px/1.45 system-ui, sans-serif", "box-shadow": "0 -4px 16px rgba(0,0,0,.25)"
    });
    Array.prototype.forEach.call(box.querySelectorAll("code"), function (code) {
      css(code, { "font-family": "ui-monospace, monospace", "font-weight": "bold", color: "#8a1010" });
    });
  }

  function showErrors(errors) {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
    if (!errors || errors.length === 0) return;
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    var intro = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = errors.length + (errors.length === 1 ? " error" : " errors") + " in the portal.";
    intro.appendChild(strong);
    intro.appendChild(document.createTextNode(
      " The preview shows the last good build; fix the file" + (errors.length === 1 ? "" : "s") +
      " and this page updates by itself."));
    box.appendChild(intro);
    var list = document.createElement("ol");
    errors.forEach(function (e) {
      var item = document.createElement("li");
      var place = e.file || "";
      if (e.line != null) place += ":" + e.line + (e.column != null ? ":" + e.column : "");
      if (place) {
        var code = document.createElement("code");
        code.textContent = place;
        item.appendChild(code);
        item.appendChild(document.createTextNode(" "));
      }
      item.appendChild(document.createTextNode(e.message));
      if (e.help) {
        item.appendChild(document.createElement("br"));
        var help = document.createElement("small");
        help.textContent = "help: " + e.help;
        item.appendChild(help);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
    styleOverlay(box);
  }

  function reloadStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("stagebord", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      fresh.onload = fresh.onerror = function () { link.remove(); };
      link.parentNode.insertBefore(fresh, link.nextSibling);
    });
  }

  function connect() {
    var source = new EventSource("/__stagebord/events");
    source.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.kind === "hello") {
        if (build && msg.build !== build) { location.reload(); return; }
        build = msg.build;
        showErrors(msg.errors);
      } else if (msg.kind === "reload") {
        location.reload();
      } else if (msg.kind === "css") {
        build = msg.build;
        showErrors([]);
        reloadStylesheets();
      } else if (msg.kind === "errors") {
        showErrors(msg.errors);
      }
    };
    source.onerror = function () {
      // The browser reconnects by itself (the server sends "retry:"); only a stream it
      // gave up on (an HTTP error while the server restarted) needs a new one.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 2000);
      }
    };
  }

  var existing = document.getElementById(OVERLAY_ID);
  if (existing) styleOverlay(existing);
  connect();
})();
