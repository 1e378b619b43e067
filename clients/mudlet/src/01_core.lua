-- Second Chances for Mudlet: shared state, holder colours and the GMCP handshake.
--
-- The game speaks GMCP the way Iron Realms games do. On connect this package tells the
-- server which packages it wants (Core.Supports.Set); the server then sends Char.Vitals,
-- Char.Status and Room.Info at once and whenever they change, and War.Zones whenever the
-- war moves. Mudlet stores each message in the `gmcp` table and raises an event named
-- after it (gmcp.Char.Vitals), which the other scripts of this package handle.

SecondChances = SecondChances or {}
local SC = SecondChances

SC.packageName = "SecondChances"
SC.supports = { "Char 1", "Char.Items 1", "Room 1", "War 1", "Raid 1", "Timeline 1", "Comm 1" }

-- Who holds a zone, as a colour. Every coloured thing also says it in words (labels and
-- tooltips), so nothing is told by colour alone.
SC.colours = {
  leaf = "#2e7d32",      -- green
  sound = "#6a1b9a",     -- purple
  contested = "#ef6c00", -- orange
  unknown = "#616161",   -- grey: no report yet
}
SC.holderNames = { leaf = "Leaf", sound = "Sound", contested = "Contested", unknown = "Unknown" }

SC.handlers = SC.handlers or {}

--- The colour of a holder ("leaf", "sound", "contested"); grey for anything else.
function SC.colourOf(holder)
  return SC.colours[holder] or SC.colours.unknown
end

--- The holder's name in words.
function SC.holderName(holder)
  return SC.holderNames[holder] or SC.holderNames.unknown
end

--- Register a handler under a name; installing the package again replaces, not doubles, it.
function SC.on(name, event, handler)
  if SC.handlers[name] then
    killAnonymousEventHandler(SC.handlers[name])
  end
  SC.handlers[name] = registerAnonymousEventHandler(event, handler)
end

--- A JSON list of strings (the package names are plain words, so %q quoting is JSON-safe).
function SC.jsonList(items)
  local quoted = {}
  for i, item in ipairs(items) do
    quoted[i] = string.format("%q", item)
  end
  return "[" .. table.concat(quoted, ", ") .. "]"
end

--- Tell the server which GMCP packages to send.
function SC.declareSupports()
  sendGMCP("Core.Supports.Set " .. SC.jsonList(SC.supports))
end

SC.on("handshake", "sysProtocolEnabled", function(_, protocol)
  if protocol == "GMCP" then
    SC.declareSupports()
  end
end)

-- Installed while already connected: GMCP is up if the server has sent anything.
if type(gmcp) == "table" and next(gmcp) ~= nil then
  SC.declareSupports()
end
