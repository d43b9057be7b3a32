// Live character counts for every field with a data-max-length: "1,234 / 20,000",
// with numbers and words in the page's language.
// The count only informs: nothing is cut, and the server refuses over-long text
// with a message and the text kept. Without JavaScript the help text and the
// server's message say the same.
(function () {
  "use strict";

  // Django's JavaScript catalogue (loaded before this script) translates the
  // sentences; without it (the admin does not load it) they stay in English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, n) {
    return n === 1 ? singular : plural;
  };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  };

  var numbers;
  try {
    numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
  } catch (error) {
    // An unknown language tag: English digits rather than no count at all.
    numbers = new Intl.NumberFormat("en");
  }
  // Past this share of the limit the count is highlighted and announced once.
  var NEAR = 0.9;
  // Screen readers hear the count when typing pauses, not on every keystroke.
  var ANNOUNCE_AFTER_MS = 1200;

  function length(text) {
    // The server counts code points after turning CRLF into LF; so do we.
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
        var previous = text.charCodeAt(i - 1);
        if (previous >= 0xd800 && previous <= 0xdbff) continue;
      }
      count++;
    }
    return count;
  }

  function stateOf(count, limit) {
    if (count > limit) return "over";
    if (count >= limit * NEAR) return "near";
    return "ok";
  }

  function sentence(count, limit, state) {
    if (state === "over") {
      var over = count - limit;
      var overFormat = ngettext(
        "%(over)s character over the limit of %(limit)s: shorten the text before sending it.",
        "%(over)s characters over the limit of %(limit)s: shorten the text before sending it.",
        over
      );
      return interpolate(overFormat, { over: numbers.format(over), limit: numbers.format(limit) }, true);
    }
    var usedFormat = ngettext(
      "%(count)s of %(limit)s character used.", "%(count)s of %(limit)s characters used.", limit
    );
    return interpolate(usedFormat, { count: numbers.format(count), limit: numbers.format(limit) }, true);
  }

  function enhance(field) {
    if (field.dataset.charCount) return;
    var limit = parseInt(field.dataset.maxLength, 10);
    if (!limit || !field.id) return;
    field.dataset.charCount = "on";

    // The field's description: "1,234 / 20,000" on screen, a sentence for screen
    // readers (read when the field is focused, not as it changes).
    var counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = field.id + "_count";
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    var described = document.createElement("span");
    described.className = "visually-hidden";
    counter.append(shown, described);
    // Changes worth hearing are spoken here, politely and only when typing pauses.
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);

    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids.push(counter.id);
    field.setAttribute("aria-describedby", ids.join(" "));

    var announced = null;
    var timer = null;
    var frame = null;

    function announce() {
      var count = length(field.value);
      var state = stateOf(count, limit);
      // Only crossings are spoken: into "near", over the limit, and back.
      if (state !== announced) live.textContent = sentence(count, limit, state);
      announced = state;
    }

    function update() {
      frame = null;
      var count = length(field.value);
      var state = stateOf(count, limit);
      var over = count - limit;
      shown.textContent = numbers.format(count) + " / " + numbers.format(limit) +
        (state === "over" ? " — " + interpolate(
          ngettext("%(n)s too many", "%(n)s too many", over), { n: numbers.format(over) }, true
        ) : "");
      described.textContent = sentence(count, limit, state);
      counter.dataset.state = state;
      if (state === "over") {
        field.setAttribute("aria-invalid", "true");
        field.dataset.charCountInvalid = "on";
      } else if (field.dataset.charCountInvalid) {
        // Only undo what the count did: a server error keeps its own mark.
        field.removeAttribute("aria-invalid");
        delete field.dataset.charCountInvalid;
      }
      if (announced !== null && state !== announced) {
        clearTimeout(timer);
        timer = setTimeout(announce, ANNOUNCE_AFTER_MS);
      }
    }

    field.addEventListener("input", function () {
      if (frame === null) frame = requestAnimationFrame(update);
    });
    update();
    // The state the page opened with is shown, not announced.
    announced = stateOf(length(field.value), limit);
  }

  function enhanceAll(root) {
    if (root.matches && root.matches("[data-max-length]")) enhance(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-max-length]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  } else {
    enhanceAll(document);
  }
  // Reply forms that htmx opens inline arrive after the page has loaded.
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
