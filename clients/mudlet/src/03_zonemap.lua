-- Second Chances for Mudlet: the village map, one label per zone, coloured by holder.
--
-- gmcp.War.Zones.zones holds every zone: name, holder, strength and grid coordinates
-- (x east, y north). Each zone is a label placed on that grid: green for the Leaf,
-- purple for the Sound, orange while contested (the enemy is fighting inside). The zone the player stands in (from
-- Room.Info or Char.Status) gets a white border and the word "you"; every label says its
-- zone's short map name and strength, and its tooltip names the zone and its holder in words.

local SC = SecondChances

local SKIP_WORDS = { The = true, ["and"] = true, of = true, the = true, beyond = true, ["in"] = true }

--- "Ruined Eastern Districts" -> "RED"; words in brackets and small words are left out.
function SC.initials(name)
  local letters = {}
  for word in string.gmatch(string.gsub(name or "", "%b()", ""), "%a+") do
    if not SKIP_WORDS[word] then
      letters[#letters + 1] = string.upper(string.sub(word, 1, 1))
    end
  end
  return table.concat(letters)
end

--- The colour a zone is drawn in: orange while contested, else its holder's.
function SC.zoneColour(zone)
  return SC.colourOf(zone.contested == true and "contested" or zone.holder)
end

--- Who holds a zone, in words: "Sound", "Sound (contested)".
function SC.zoneHolder(zone)
  return SC.holderName(zone.holder) .. (zone.contested == true and " (contested)" or "")
end

function SC.zoneStyle(zone, isPlayerZone)
  local border = isPlayerZone and "3px solid #ffffff" or "1px solid #202020"
  return "background-color: " .. SC.zoneColour(zone) .. "; color: #ffffff; border: " .. border
    .. "; border-radius: 4px; font-size: 8pt;"
end

--- The zone's map name: the game's short name, or the initials of its full name.
function SC.shortName(zone)
  if type(zone.short) == "string" and zone.short ~= "" then
    return zone.short
  end
  return SC.initials(zone.name)
end

function SC.zoneText(zone, isPlayerZone)
  local text = "<center><b>" .. SC.shortName(zone) .. "</b><br>" .. tostring(zone.strength or 0)
  if isPlayerZone then
    text = text .. "<br>you"
  end
  return text .. "</center>"
end

--- Place and colour every zone's label from the last War.Zones.
function SC.drawMap()
  local zones = SC.zones
  if type(zones) ~= "table" or next(zones) == nil then
    return
  end
  local minX, maxX, minY, maxY = math.huge, -math.huge, math.huge, -math.huge
  for _, zone in pairs(zones) do
    local x, y = tonumber(zone.x) or 0, tonumber(zone.y) or 0
    minX, maxX = math.min(minX, x), math.max(maxX, x)
    minY, maxY = math.min(minY, y), math.max(maxY, y)
  end
  local cellW, cellH = 100 / (maxX - minX + 1), 100 / (maxY - minY + 1)
  local gui = SC.gui()
  for key, zone in pairs(zones) do
    local label = gui.zoneLabels[key]
    if not label then
      label = Geyser.Label:new({ name = "SecondChances.zone." .. key, x = 0, y = 0, width = 10, height = 10 }, gui.map)
      gui.zoneLabels[key] = label
    end
    local here = key == SC.playerZone
    local x, y = tonumber(zone.x) or 0, tonumber(zone.y) or 0
    label:move(string.format("%.2f%%", (x - minX) * cellW), string.format("%.2f%%", (maxY - y) * cellH))
    label:resize(string.format("%.2f%%", cellW - 1), string.format("%.2f%%", cellH - 1))
    label:setStyleSheet(SC.zoneStyle(zone, here))
    label:echo(SC.zoneText(zone, here))
    label:setToolTip(string.format("%s: %s, strength %s%s", zone.name or key, SC.zoneHolder(zone),
      tostring(zone.strength or 0), here and " (you are here)" or ""))
  end
end

--- The player moved to another zone: mark it on the map.
function SC.setPlayerZone(zone)
  if zone and zone ~= SC.playerZone then
    SC.playerZone = zone
    SC.drawMap()
  end
end

function SC.onZones()
  local war = gmcp.War and gmcp.War.Zones
  if type(war) ~= "table" or type(war.zones) ~= "table" then
    return
  end
  SC.zones = war.zones
  SC.drawMap()
end

function SC.onStatus()
  local status = gmcp.Char and gmcp.Char.Status
  if type(status) == "table" then
    SC.setPlayerZone(status.zone)
  end
end

SC.on("zones", "gmcp.War.Zones", SC.onZones)
SC.on("status", "gmcp.Char.Status", SC.onStatus)
