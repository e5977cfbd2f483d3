// Keyboard: on screens where the theme's navigation is a drawer (below 76.25em), the closed
// drawer's links stay in the Tab order although nobody can see them (WCAG 2.4.3, 2.4.7).
// Make the closed drawer inert, and live again as soon as it is opened.
(function () {
  "use strict";
  const drawerMedia = window.matchMedia("(max-width: 76.234375em)");

  function update() {
    const toggle = document.getElementById("__drawer");
    const drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !drawer) return;
    const hidden = drawerMedia.matches && !toggle.checked;
    drawer.inert = hidden;
    if (hidden) drawer.setAttribute("aria-hidden", "true");
    else drawer.removeAttribute("aria-hidden");
  }

  function mount() {
    const toggle = document.getElementById("__drawer");
    if (toggle && !toggle.dataset.pgInert) {
      toggle.dataset.pgInert = "true";
      toggle.addEventListener("change", update);
    }
    update();
  }

  drawerMedia.addEventListener("change", update);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
