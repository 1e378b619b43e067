/*
 * Second Chances: what Evennia's webclient template ran as inline scripts, as a file of the
 * game's own, so the page's Content-Security-Policy can forbid inline script.
 *
 * The page's settings arrive as data attributes of this script's own tag (webclient/base.html):
 * data-websocket ("true" when the websocket is on), data-csessid (the browser session, or
 * empty), data-wsurl (the websocket's address, worked out by the game: web/security.py).
 * evennia.js reads them as the globals wsactive, csessid, wsurl and cuid, as in Evennia's
 * template. Once the page is parsed, the "no javascript" warning goes, the client shows, and a
 * missing jQuery or Favico.js is said in the page (Evennia's template wrote this with
 * document.write). jQuery loads before this file, evennia.js and the plugins after it.
 */
(function () {
    "use strict";

    var data = document.currentScript.dataset;

    // A low-quality unique id for this tab (Evennia's generateUID).
    function generateUID() {
        return Math.random().toString(36).substring(2, 15) + Math.random().toString(36).substring(2, 15);
    }

    window.wsactive = data.websocket === "true";
    window.csessid = data.csessid || false;
    window.wsurl = data.wsurl;
    window.cuid = generateUID();

    function warn(text) {
        var div = document.createElement("div");
        div.className = "err";
        div.textContent = text;
        document.body.insertBefore(div, document.body.firstChild);
    }

    // Registered before any plugin's own ready handler (this file loads before them), so the
    // client is visible when golden-layout measures it, as with Evennia's inline script.
    function showClient() {
        var noscript = document.getElementById("noscript");
        if (noscript) {
            noscript.remove();
        }
        document.getElementById("clientwrapper").classList.remove("d-none");
        if (!window.Favico) {
            warn("Favico.js library not found. Check so Javascript is not blocked in your browser.");
        }
    }

    if (window.jQuery) {
        window.jQuery(showClient);
    } else {
        document.addEventListener("DOMContentLoaded", function () {
            warn("jQuery library not found. Check so Javascript is not blocked in your browser.");
        });
    }
})();
