/*
 *
 * Second Chances webclient help plugin: Evennia 6.1's clienthelp.js, titling the options panel
 * with the game's name instead of a link to evennia.com (the client refers to no other site).
 *
 */
let clienthelp_plugin = (function () {
    //
    //
    //
    var onOptionsUI = function (parentdiv) {
        var help_text = $( [
            "<div style='font-weight: bold;'>",
                "Second Chances webclient settings:",
            "</div>"
        ].join(""));
        parentdiv.append(help_text);
    }

    return {
        init: function () {},
        onOptionsUI: onOptionsUI,
    }
})();
window.plugin_handler.add("clienthelp", clienthelp_plugin);
