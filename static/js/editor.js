// Live preview for the clause editor: the server renders the Markdown through
// the same sanitiser as saved text. Without JavaScript the "Preview" button
// does the same with a full round trip.
(function () {
  "use strict";
  // Django's JavaScript catalogue (loaded before this script) translates; without it, English.
  const gettext = window.gettext || function (text) { return text; };
  const form = document.querySelector("form[data-preview-url]");
  if (!form) return;
  const source = form.querySelector("[data-preview-source]");
  const target = form.querySelector("[data-preview-target]");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!source || !target || !token) return;
  let timer = null;
  let inFlight = null;

  async function refresh() {
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const body = new FormData();
    body.append("body", source.value);
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": token.value },
        credentials: "same-origin",
        signal: inFlight.signal,
      });
      const text = await response.text();
      if (response.ok) {
        if (text) {
          // Sanitised by charter.rendering on the server.
          target.innerHTML = text;
        } else {
          const hint = document.createElement("p");
          hint.className = "hint";
          hint.textContent = gettext("Nothing to preview yet.");
          target.replaceChildren(hint);
        }
      } else {
        target.textContent = text;
      }
      target.dataset.state = response.ok ? "ok" : "error";
    } catch (error) {
      if (error.name !== "AbortError") target.dataset.state = "offline";
    }
  }

  source.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh();
})();
