// Tipline desk: the only script. It updates the "bytes left" counter of the reply box (the server counts the
// compressed size and refuses a reply that does not fit, with or without this script) and locks the desk after
// the auto-lock time without keyboard or pointer use. No external resources; same-origin requests only.
"use strict";

(function () {
    function formToken(form) {
        var field = form && form.querySelector('input[name="csrf"]');
        return field ? field.value : "";
    }

    function watchRemaining() {
        var text = document.getElementById("reply-text");
        var output = document.getElementById("remaining");
        var form = document.getElementById("reply-form");
        if (!text || !output || !form) { return; }
        var timer = null;
        var latest = 0;
        text.addEventListener("input", function () {
            if (timer) { clearTimeout(timer); }
            timer = setTimeout(function () {
                var request = ++latest;
                var body = new URLSearchParams();
                body.set("csrf", formToken(form));
                body.set("text", text.value);
                fetch("/compose/remaining", {
                    method: "POST",
                    credentials: "same-origin",
                    headers: { "Content-Type": "application/x-www-form-urlencoded" },
                    body: body.toString()
                }).then(function (response) {
                    return response.ok ? response.text() : null;
                }).then(function (label) {
                    if (label !== null && request === latest) { output.textContent = label.trim(); }
                }).catch(function () { /* the server still checks on submit */ });
            }, 150);
        });
    }

    function autoLock() {
        var seconds = parseInt(document.body.getAttribute("data-auto-lock-seconds") || "0", 10);
        var form = document.getElementById("lock-form");
        if (!seconds || !form) { return; }
        var timer = null;
        function reset() {
            if (timer) { clearTimeout(timer); }
            timer = setTimeout(function () { form.submit(); }, seconds * 1000);
        }
        ["keydown", "mousedown", "touchstart", "input"].forEach(function (name) {
            document.addEventListener(name, reset, { passive: true });
        });
        reset();
    }

    document.addEventListener("DOMContentLoaded", function () {
        watchRemaining();
        autoLock();
    });
})();
