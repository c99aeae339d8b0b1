// The result page's print button (a file of its own: the pages allow no inline script).
document.getElementById("print-page")?.addEventListener("click", () => window.print());
