// Discussion: small touches on top of htmx's inline replies. Without
// JavaScript every link and form here works as a plain page load.
(function () {
  "use strict";

  function slotOf(element) {
    return element.closest(".reply-slot");
  }

  // htmx puts a new reply straight under its parent, but after a reload it
  // comes after the older replies: move it there, after the item the server
  // names. If that item is not on this page, the reply stays where it is.
  function placed(list) {
    var item = list.querySelector(".thread-item");
    var id = list.dataset.afterComment;
    var anchor = id && document.getElementById("comment-" + id);
    var sibling = anchor && anchor.closest(".thread-item");
    if (item && sibling) {
      sibling.after(item);
      list.remove();
    }
    return item;
  }

  // Cancel an inline reply form: empty its slot and return focus to the comment.
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest("[data-cancel-reply]");
    if (!cancel) return;
    var slot = slotOf(cancel);
    if (!slot) return;
    var item = slot.closest(".thread-item");
    slot.replaceChildren();
    var comment = item && item.querySelector(".comment");
    if (comment) comment.focus();
  });

  // After htmx swaps: bring a just-posted reply into view and give it focus
  // (screen readers announce it), or put the cursor in a freshly opened form.
  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = event.target;
    if (!swapped || swapped.nodeType !== 1) return;
    if (swapped.classList.contains("just-posted")) {
      var item = placed(swapped);
      var posted = item && item.querySelector(".comment");
      if (!posted) return;
      posted.scrollIntoView({ block: "nearest" });
      posted.focus();
      return;
    }
    var slot = swapped.classList.contains("reply-slot") ? swapped : slotOf(swapped);
    var textarea = slot && slot.querySelector("form textarea");
    if (textarea) {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    }
  });
})();
