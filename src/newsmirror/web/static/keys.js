// Keyboard shortcuts of the reader, as in Miniflux and FreshRSS: j / k move to the next /
// previous item (an article in a list, a search hit, a report on a story page), Enter opens it,
// / jumps to the search box. Served from the package; the page's policy allows no inline code.
(function () {
  "use strict";
  var ITEMS = "main .item, main .hit, main article.cell, main ul.entries > li";
  var current = -1;

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function move(step) {
    // Only items shown: a big story's reports wait in a closed details, where a move would stop unseen (a closed
    // details' content still has boxes in Chromium: content-visibility, which checkVisibility sees).
    var items = Array.prototype.filter.call(document.querySelectorAll(ITEMS), function (item) {
      return item.checkVisibility ? item.checkVisibility() : item.getClientRects().length > 0;
    });
    if (!items.length) return;
    if (current >= 0 && current < items.length) items[current].classList.remove("current");
    current = Math.max(0, Math.min(items.length - 1, current + step));
    var item = items[current];
    item.classList.add("current");
    item.scrollIntoView({block: "nearest"});
    var link = item.querySelector("a[href]");
    if (link) link.focus({preventScroll: true});
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "j") { move(1); event.preventDefault(); }
    else if (event.key === "k") { move(-1); event.preventDefault(); }
    else if (event.key === "/") {
      // The search page's own box first: on a phone it is the only one shown (the header's is hidden there).
      var box = document.querySelector("main form.filters input[type=search]") ||
                document.querySelector("form.search input[type=search]");
      if (box) { box.focus(); box.select(); event.preventDefault(); }
    }
  });
})();
