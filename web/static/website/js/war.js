/*
 * Second Chances: keeps the war page live. Every few seconds it asks the game's JSON API
 * (/api/war/ and /api/war/log/) and rewrites the map, the table and the log in place.
 *
 * Everything from the API is written as text (textContent, attributes), never as HTML, so a
 * name or an event holding markup shows as that markup and never runs. Colours come from
 * the page's stylesheet through classes (holder-leaf, holder-sound, contested).
 */
(function () {
    "use strict";

    var HOLDER_WORDS = { leaf: "the Leaf", sound: "the Sound" };

    function holderWords(zone) {
        var words = HOLDER_WORDS[zone.holder] || "nobody yet";
        return zone.contested ? words + ", contested" : words;
    }

    function whole(value) {
        return String(Math.round(value || 0));
    }

    function updateZoneGroup(group, zone) {
        group.setAttribute("data-holder", zone.holder || "");
        group.setAttribute("data-contested", zone.contested ? "true" : "false");
        group.setAttribute("data-leaf", whole(zone.strength.leaf));
        group.setAttribute("data-sound", whole(zone.strength.sound));
        group.classList.remove("holder-leaf", "holder-sound", "contested");
        if (zone.holder) {
            group.classList.add("holder-" + zone.holder);
        }
        if (zone.contested) {
            group.classList.add("contested");
        }
        var strength = "Leaf " + whole(zone.strength.leaf) + " · Sound " + whole(zone.strength.sound);
        group.querySelector("title").textContent =
            zone.name + ": held by " + holderWords(zone) + ". " + strength.replace(" · ", ", ") + ".";
        group.querySelector(".zone-holder").textContent = holderWords(zone);
        group.querySelector(".zone-strength").textContent = strength;
    }

    function updateTableRow(row, zone) {
        row.setAttribute("data-holder", zone.holder || "");
        row.querySelector(".holder").textContent = holderWords(zone);
        row.querySelector(".leaf").textContent = whole(zone.strength.leaf);
        row.querySelector(".sound").textContent = whole(zone.strength.sound);
    }

    function updateWar(root, war) {
        war.zones.forEach(function (zone) {
            var selector = '[data-zone="' + CSS.escape(zone.key) + '"]';
            var group = root.querySelector("#war-map g" + selector);
            var row = root.querySelector("#war-table tr" + selector);
            if (group) {
                updateZoneGroup(group, zone);
            }
            if (row) {
                updateTableRow(row, zone);
            }
        });
        var date = root.querySelector("#war-date");
        var totals = root.querySelector("#war-totals");
        if (war.timeline === null) {
            date.textContent = "The war has not begun.";
            totals.textContent = "";
        } else {
            date.textContent = war.story_date + ", timeline " + war.timeline + ".";
            totals.textContent =
                "Leaf ninja: " + whole(war.totals.leaf) + ". Sound ninja: " + whole(war.totals.sound) + ". " +
                "The Sound holds " + Math.round(100 * war.village_share.sound) + "% of the village." +
                (war.fallen ? " The Leaf has fallen." : "");
        }
        root.setAttribute("data-updated", String(war.now));
    }

    function updateLog(root, log) {
        var list = root.querySelector("#war-log");
        var items = log.events.map(function (event) {
            var item = document.createElement("li");
            var when = document.createElement("span");
            var text = document.createElement("span");
            item.setAttribute("data-event", String(event.id));
            when.className = "when";
            when.textContent = event.story_date + ":";
            text.className = "text";
            text.textContent = event.text;
            item.append(when, " ", text);
            return item;
        });
        if (!items.length) {
            var empty = document.createElement("li");
            empty.className = "empty";
            empty.textContent = "Nothing has happened in this war yet.";
            items.push(empty);
        }
        list.replaceChildren.apply(list, items);
    }

    function getJson(url) {
        return fetch(url, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
            if (!response.ok) {
                throw new Error(url + " answered " + response.status);
            }
            return response.json();
        });
    }

    function start() {
        var root = document.getElementById("war");
        if (!root) {
            return;
        }
        var every = parseInt(root.getAttribute("data-poll-ms"), 10) || 3000;
        var busy = false;
        function poll() {
            if (busy) {
                return;
            }
            busy = true;
            Promise.all([getJson(root.getAttribute("data-api")), getJson(root.getAttribute("data-log-api"))])
                .then(function (answers) {
                    updateWar(root, answers[0]);
                    updateLog(root, answers[1]);
                    root.removeAttribute("data-stale");
                })
                .catch(function () {
                    // The game is reloading or away: keep the last picture, try again later.
                    root.setAttribute("data-stale", "true");
                })
                .finally(function () {
                    busy = false;
                });
        }
        setInterval(poll, every);
    }

    document.addEventListener("DOMContentLoaded", start);
})();
