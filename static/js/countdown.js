// "Closes in 2 days, 4 hours": counts down to a congress's opening or closing.
// The page states both times; cached copies stay true as time passes because
// the countdown is computed here, in the reader's browser, every minute.
(function () {
  "use strict";

  // Django's JavaScript catalogue (loaded before this script) puts the words in
  // the page's language; without it the countdown stays in English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, n) {
    return n === 1 ? singular : plural;
  };
  var pgettext = window.pgettext || function (context, text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  };

  function days(n) {
    return interpolate(ngettext("%(n)s day", "%(n)s days", n), { n: n }, true);
  }

  function hours(n) {
    return interpolate(ngettext("%(n)s hour", "%(n)s hours", n), { n: n }, true);
  }

  function minutes(n) {
    return interpolate(ngettext("%(n)s minute", "%(n)s minutes", n), { n: n }, true);
  }

  function pair(larger, smaller) {
    // Translators: a time span in two parts, such as "2 days, 4 hours" or "3 hours, 5 minutes".
    var format = pgettext("time span", "%(larger)s, %(smaller)s");
    return interpolate(format, { larger: larger, smaller: smaller }, true);
  }

  function span(ms) {
    var total = Math.max(0, Math.floor(ms / 60000));
    var d = Math.floor(total / 1440);
    var h = Math.floor((total % 1440) / 60);
    var m = total % 60;
    if (d) return h ? pair(days(d), hours(h)) : days(d);
    if (h) return m ? pair(hours(h), minutes(m)) : hours(h);
    return m ? minutes(m) : gettext("less than a minute");
  }

  function update(node) {
    var now = Date.now();
    var opens = Date.parse(node.dataset.opens);
    var closes = Date.parse(node.dataset.closes);
    if (isNaN(opens) || isNaN(closes)) return;
    if (now < opens) {
      // Translators: "time" is a span such as "2 days, 4 hours".
      var opening = gettext("Opens in %(time)s.");
      node.textContent = interpolate(opening, { time: span(opens - now) }, true);
    } else if (now < closes) {
      // Translators: "time" is a span such as "2 days, 4 hours".
      var closing = gettext("Sitting: closes in %(time)s.");
      node.textContent = interpolate(closing, { time: span(closes - now) }, true);
    } else {
      node.textContent = gettext("Its time is up: the congress is closing.");
    }
    node.hidden = false;
  }

  var nodes = document.querySelectorAll("[data-countdown]");
  nodes.forEach(update);
  if (nodes.length) {
    setInterval(function () {
      nodes.forEach(update);
    }, 60000);
  }
})();
