/*
 *
 * Second Chances webclient panel plugin: health and chakra gauges, the war map coloured by
 * holder, and the Second Chance countdown, drawn in the side panel of webclient/base.html
 * (webclient/_war_panel.html) from the game's out-of-band messages. Over the websocket these
 * arrive as JSON frames `[cmdname, args, kwargs]`, the GMCP payload as kwargs:
 *
 *   char_vitals         {hp, maxhp, cp, maxcp, string}
 *   char_status         {name, rank, faction, zone, area, timeline, path, role}
 *   war_zones           {zones: {key: {name, short, holder, contested, strength, forces, x, y, walls}}}
 *   timeline_countdown  {active, seconds, fires_at, reason, timeline}
 *
 * Evennia's webclient hands every command no other listener takes to the plugins'
 * `onUnknownCmd`, in the order the page loads them. This plugin is loaded before Evennia's
 * default output plugin, whose fallback writes an unknown command's arguments into the page
 * as HTML: it takes every command itself, draws the game's packages above and leaves the
 * others (for MUD clients' own panes) to the browser's console, never to the player's text.
 * Nothing received is ever written as HTML: names, reasons and texts holding markup show as
 * that markup.
 *
 * Once logged in it names itself (Core.Hello) and declares the packages it draws
 * (Core.Supports.Set), which makes the game send the current state at once.
 *
 */
let warpanel_plugin = (function () {
    "use strict";

    // What the panel asks the game for, as GMCP Core.Supports.Set entries.
    const PACKAGES = ["Char 1", "War 1", "Timeline 1"];
    const HOLDER_WORDS = { leaf: "the Leaf", sound: "the Sound" };
    const HOLDER_LETTER = { leaf: "L", sound: "S" };

    // The countdown: when it fires (by this browser's clock) and how long it was when first seen.
    var countdown = { endsAt: null, total: null, timer: null };

    function panel() {
        return document.getElementById("sc-panel");
    }

    function whole(value) {
        var number = Number(value);
        return isFinite(number) ? Math.max(0, Math.round(number)) : 0;
    }

    function text(value) {
        return value === undefined || value === null ? "" : String(value);
    }

    //
    // Char.Vitals: each gauge keeps its numbers in data-value / data-max.
    function setGauge(id, value, max) {
        var gauge = document.getElementById(id);
        if (!gauge) {
            return;
        }
        value = whole(value);
        max = whole(max);
        gauge.setAttribute("data-value", String(value));
        gauge.setAttribute("data-max", String(max));
        gauge.setAttribute("aria-valuenow", String(value));
        gauge.setAttribute("aria-valuemax", String(max));
        gauge.querySelector(".sc-gauge-text").textContent = value + " / " + max;
        var share = max > 0 ? Math.min(100, (100 * value) / max) : 0;
        gauge.querySelector(".sc-gauge-fill").style.width = share + "%";
    }

    function onVitals(kwargs) {
        setGauge("sc-health", kwargs.hp, kwargs.maxhp);
        setGauge("sc-chakra", kwargs.cp, kwargs.maxcp);
    }

    //
    // Char.Status: who the player is.
    function onStatus(kwargs) {
        var root = document.getElementById("sc-status");
        if (!root) {
            return;
        }
        var faction = HOLDER_WORDS[kwargs.faction] || text(kwargs.faction);
        var detail = [text(kwargs.rank), faction ? "of " + faction : ""].join(" ").trim();
        if (kwargs.area) {
            detail += (detail ? ", " : "") + "in " + text(kwargs.area);
        }
        if (kwargs.timeline !== undefined) {
            detail += (detail ? ". " : "") + "Timeline " + whole(kwargs.timeline) + ".";
        }
        root.querySelector("[data-field=name]").textContent = text(kwargs.name);
        root.querySelector("[data-field=detail]").textContent = detail;
        var path = root.querySelector("[data-field=path]");
        if (path) {
            // "Nara path, control" beside the rank: the ninja's part in a team.
            path.textContent = kwargs.path ? text(kwargs.path) + (kwargs.role ? ", " + text(kwargs.role) : "") : "";
        }
        root.setAttribute("data-zone", text(kwargs.zone));
        root.setAttribute("data-rank", text(kwargs.rank));
        root.setAttribute("data-path", text(kwargs.path));
    }

    //
    // War.Zones: one element per zone on a grid (north at the top), classed by holder.
    function zoneTitle(zone) {
        var holder = HOLDER_WORDS[zone.holder] || "nobody";
        var forces = zone.forces || {};
        var title = text(zone.name) + ": held by " + holder + (zone.contested ? ", contested" : "");
        if (zone.forces) {
            title += ". Leaf " + whole(forces.leaf) + ", Sound " + whole(forces.sound) + ".";
        } else {
            title += ". " + whole(zone.strength) + " ninja hold it.";
        }
        return title;
    }

    function onWarZones(kwargs) {
        var map = document.getElementById("sc-warmap");
        var zones = kwargs && kwargs.zones;
        if (!map || !zones || typeof zones !== "object") {
            return;
        }
        var keys = Object.keys(zones);
        var xs = keys.map(function (key) { return whole(zones[key].x); });
        var ys = keys.map(function (key) { return whole(zones[key].y); });
        var minX = Math.min.apply(null, xs);
        var maxY = Math.max.apply(null, ys);
        map.style.gridTemplateColumns = "repeat(" + (Math.max.apply(null, xs) - minX + 1) + ", 1fr)";
        var cells = keys.map(function (key) {
            var zone = zones[key];
            var cell = document.createElement("div");
            var holder = HOLDER_LETTER[zone.holder] ? zone.holder : "";
            cell.className = "sc-zone" + (holder ? " holder-" + holder : "") +
                (zone.contested ? " contested" : "") + (zone.walls === false ? " outside-walls" : "");
            cell.setAttribute("role", "listitem");
            cell.setAttribute("data-zone", key);
            cell.setAttribute("data-holder", holder);
            cell.setAttribute("data-contested", zone.contested ? "true" : "false");
            cell.setAttribute("data-strength", String(whole(zone.strength)));
            cell.style.gridColumn = String(whole(zone.x) - minX + 1);
            cell.style.gridRow = String(maxY - whole(zone.y) + 1);
            cell.title = zoneTitle(zone);
            cell.setAttribute("aria-label", cell.title);
            // The mark and the name on lines of their own: a narrow cell never breaks a name mid-word.
            var mark = document.createElement("span");
            mark.className = "sc-zone-mark";
            mark.textContent = (HOLDER_LETTER[zone.holder] || "?") + (zone.contested ? "!" : "");
            var name = document.createElement("span");
            name.className = "sc-zone-name";
            name.textContent = text(zone.short || zone.name);
            cell.replaceChildren(mark, document.createTextNode(" "), name);
            return cell;
        });
        map.replaceChildren.apply(map, cells);
        map.setAttribute("data-zones", String(cells.length));
    }

    //
    // Timeline.Countdown: the bar shows only while a Second Chance is scheduled.
    function drawCountdown() {
        var root = document.getElementById("sc-countdown");
        if (!root || countdown.endsAt === null) {
            return;
        }
        var left = Math.max(0, Math.ceil((countdown.endsAt - Date.now()) / 1000));
        var minutes = Math.floor(left / 60);
        var seconds = left % 60;
        root.setAttribute("data-seconds", String(left));
        root.querySelector(".sc-countdown-time").textContent =
            minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
        var bar = root.querySelector(".sc-countdown-bar");
        bar.max = countdown.total;
        bar.value = left;
    }

    function onCountdown(kwargs) {
        var root = document.getElementById("sc-countdown");
        if (!root) {
            return;
        }
        clearInterval(countdown.timer);
        if (!kwargs.active) {
            countdown = { endsAt: null, total: null, timer: null };
            root.hidden = true;
            root.removeAttribute("data-seconds");
            return;
        }
        var seconds = whole(kwargs.seconds);
        var total = whole(kwargs.total) || countdown.total || seconds;
        countdown = {
            endsAt: Date.now() + 1000 * seconds,
            total: Math.max(total, seconds, 1),
            timer: setInterval(drawCountdown, 1000),
        };
        root.setAttribute("data-total", String(countdown.total));
        root.querySelector(".sc-countdown-reason").textContent = text(kwargs.reason);
        root.hidden = false;
        drawCountdown();
    }

    const HANDLERS = {
        char_vitals: onVitals,
        char_status: onStatus,
        war_zones: onWarZones,
        timeline_countdown: onCountdown,
    };
    // Every other package (Char.Items, Room.Players, Comm.Channel, ... that MUD clients draw)
    // is no text for the player: it goes to the browser's console, for whoever debugs.
    var onUnknownCmd = function (cmdname, args, kwargs) {
        var handler = HANDLERS[cmdname];
        if (handler) {
            handler(kwargs || {});
        } else {
            console.debug("not drawn here:", cmdname, args, kwargs);
        }
        return true;
    };

    var onLoggedIn = function () {
        Evennia.msg("hello", [], { client: "Second Chances webclient", version: "1" });
        Evennia.msg("supports_set", PACKAGES, {});
    };

    var onConnectionClose = function () {
        clearInterval(countdown.timer);
        var root = panel();
        if (root) {
            root.setAttribute("data-stale", "true");
        }
    };

    var init = function () {};

    return {
        init: init,
        onLoggedIn: onLoggedIn,
        onUnknownCmd: onUnknownCmd,
        onConnectionClose: onConnectionClose,
    };
})();
window.plugin_handler.add("warpanel", warpanel_plugin);
