-- Second Chances for Mudlet: who is here and what you carry, in a small window under the map.
--
-- The server sends IRE's packages: Room.Players (everyone in the room, you included) when
-- you arrive, then Room.AddPlayer {name, fullname} and Room.RemovePlayer "name" as others
-- come and go; Char.Items.List {location, items} for "inv" and "room", then Char.Items.Add,
-- Remove and Update {location, item} as things move (the pouch included: "3 kunai").

local SC = SecondChances

SC.here = SC.here or {}       -- player name -> full name
SC.carried = SC.carried or {} -- item id -> name

--- The window, made once inside the side panel.
function SC.peopleWindow()
  local gui = SC.gui()
  if not gui.people then
    gui.people = Geyser.Label:new(
      { name = "SecondChances.people", x = "2%", y = "66%", width = "96%", height = "32%" },
      gui.container
    )
  end
  return gui.people
end

local function sortedValues(map, useKeys)
  local list = {}
  for key, value in pairs(map) do
    list[#list + 1] = useKeys and key or value
  end
  table.sort(list)
  return list
end

function SC.showPeople()
  local names, things = sortedValues(SC.here, true), sortedValues(SC.carried, false)
  SC.peopleWindow():echo(
    "<b>Here:</b> " .. (#names > 0 and table.concat(names, ", ") or "nobody")
      .. "<br><b>Carrying:</b> " .. (#things > 0 and table.concat(things, ", ") or "nothing")
  )
end

local function player(entry)
  return type(entry) == "table" and type(entry.name) == "string" and entry.name ~= ""
end

local function item(entry)
  return type(entry) == "table" and entry.id ~= nil and type(entry.name) == "string"
end

SC.on("roomPlayers", "gmcp.Room.Players", function()
  local list = gmcp.Room and gmcp.Room.Players
  if type(list) ~= "table" or (next(list) ~= nil and list[1] == nil) then
    return -- not a JSON array
  end
  SC.here = {}
  for _, entry in ipairs(list) do
    if player(entry) then
      SC.here[entry.name] = entry.fullname or entry.name
    end
  end
  SC.showPeople()
end)

SC.on("roomAddPlayer", "gmcp.Room.AddPlayer", function()
  local entry = gmcp.Room and gmcp.Room.AddPlayer
  if player(entry) then
    SC.here[entry.name] = entry.fullname or entry.name
    SC.showPeople()
  end
end)

SC.on("roomRemovePlayer", "gmcp.Room.RemovePlayer", function()
  local name = gmcp.Room and gmcp.Room.RemovePlayer
  if type(name) == "string" then
    SC.here[name] = nil
    SC.showPeople()
  end
end)

SC.on("itemsList", "gmcp.Char.Items.List", function()
  local list = gmcp.Char and gmcp.Char.Items and gmcp.Char.Items.List
  if type(list) ~= "table" or list.location ~= "inv" or type(list.items) ~= "table" then
    return
  end
  SC.carried = {}
  for _, entry in ipairs(list.items) do
    if item(entry) then
      SC.carried[tostring(entry.id)] = entry.name
    end
  end
  SC.showPeople()
end)

local function onItemChange(kind)
  return function()
    local change = gmcp.Char and gmcp.Char.Items and gmcp.Char.Items[kind]
    if type(change) ~= "table" or change.location ~= "inv" or not item(change.item) then
      return
    end
    SC.carried[tostring(change.item.id)] = (kind ~= "Remove") and change.item.name or nil
    SC.showPeople()
  end
end

SC.on("itemsAdd", "gmcp.Char.Items.Add", onItemChange("Add"))
SC.on("itemsUpdate", "gmcp.Char.Items.Update", onItemChange("Update"))
SC.on("itemsRemove", "gmcp.Char.Items.Remove", onItemChange("Remove"))
