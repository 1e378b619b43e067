-- Second Chances for Mudlet: feed Mudlet's own mapper from gmcp.Room.Info.
--
-- Each Room.Info names the room by its stable id (num), its zone as the map area, its
-- place on that area's grid ("area,x,y,z" in coords, when the game knows it), who holds
-- it (environment) and its exits as direction -> room id. Rooms are added as they are
-- seen, so walking the village maps it; double-clicking a mapped room walks there.

local SC = SecondChances

mudlet = mudlet or {}
mudlet.mapper_script = true

-- Custom environment ids for the holders (ids under 257 are Mudlet's ANSI colours).
SC.environments = { leaf = 300, sound = 301, contested = 302, unknown = 303 }

local function rgb(hex)
  return tonumber(string.sub(hex, 2, 3), 16), tonumber(string.sub(hex, 4, 5), 16), tonumber(string.sub(hex, 6, 7), 16)
end

for holder, env in pairs(SC.environments) do
  local r, g, b = rgb(SC.colourOf(holder))
  setCustomEnvColor(env, r, g, b, 255)
end

--- The mapper area id for an area name, made on first sight.
function SC.areaId(name)
  local areas = getAreaTable()
  return areas[name] or addAreaName(name)
end

--- "10,3,-1,0" -> 3, -1, 0 (the area part is the game's number; Mudlet's area comes from the name).
function SC.parseCoords(coords)
  if type(coords) ~= "string" then
    return nil
  end
  local _, x, y, z = string.match(coords, "^(%-?%d+),(%-?%d+),(%-?%d+),(%-?%d+)$")
  if not x then
    return nil
  end
  return tonumber(x), tonumber(y), tonumber(z)
end

function SC.mapRoom(room)
  local num = tonumber(room.num)
  if not num then
    return
  end
  if not roomExists(num) then
    addRoom(num)
  end
  setRoomArea(num, SC.areaId(room.area or "Second Chances"))
  setRoomName(num, room.name or "")
  local x, y, z = SC.parseCoords(room.coords)
  if x then
    setRoomCoordinates(num, x, y, z)
  end
  setRoomEnv(num, SC.environments[room.environment] or SC.environments.unknown)
  if type(room.exits) == "table" then
    for direction, target in pairs(room.exits) do
      target = tonumber(target)
      if target then
        if not roomExists(target) then
          addRoom(target)
        end
        setExit(num, target, direction)
      end
    end
  end
  centerview(num)
end

function SC.onRoomInfo()
  local room = gmcp.Room and gmcp.Room.Info
  if type(room) ~= "table" then
    return
  end
  SC.mapRoom(room)
  SC.setPlayerZone(room.zone)
end

--- Mudlet calls this to walk a path found on the map (speedWalkDir holds the directions).
function doSpeedWalk()
  for _, direction in ipairs(speedWalkDir) do
    send(direction, false)
  end
end

SC.on("room", "gmcp.Room.Info", SC.onRoomInfo)
