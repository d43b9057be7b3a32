// "Closes in 2 days, 4 hours": counts down to a congress's opening or closing.
// The page states both times; cached copies stay true as time passes because
// the countdown is computed here, in the reader's browser, every minute.
(function () {
  "use strict";

  function part(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function span(ms) {
    var minutes = Math.max(0, Math.floor(ms / 60000));
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var rest = minutes % 60;
    if (days) return part(days, "day") + (hours ? ", " + part(hours, "hour") : "");
    if (hours) return part(hours, "hour") + (rest ? ", " + part(rest, "minute") : "");
    return rest ? part(rest, "minute") : "less than a minute";
  }

  function update(node) {
    var now = Date.now();
    var opens = Date.parse(node.dataset.opens);
    var closes = Date.parse(node.dataset.closes);
    if (isNaN(opens) || isNaN(closes)) return;
    if (now < opens) {
      node.textContent = "Opens in " + span(opens - now) + ".";
    } else if (now < closes) {
      node.textContent = "Sitting: closes in " + span(closes - now) + ".";
    } else {
      node.textContent = "Its time is up: the congress is closing.";
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
