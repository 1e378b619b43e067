-- A small stand-in for the parts of Mudlet's Lua API the Second Chances package uses, so its
-- scripts run under plain lua5.4 in the tests. It records what the package does (gauge
-- values, label styles and text, mapper rooms, GMCP and commands sent) in `stub`, and
-- `stub.feed()` delivers a GMCP line the way Mudlet does: decode the JSON into the `gmcp`
-- table under the message's name, then raise the event "gmcp.<name>".
-- It runs under Lua 5.4 and under 5.1, the Lua that Mudlet embeds.

stub = { widgets = {}, rooms = {}, areas = {}, envColours = {}, centered = nil }

-- JSON --------------------------------------------------------------------------------

local json = {}
stub.json = json

local function skip(text, pos)
  return string.find(text, "[^ \t\r\n]", pos) or #text + 1
end

-- One code point as UTF-8 (Lua 5.1 has no utf8 library).
local function utf8char(code)
  if code < 0x80 then
    return string.char(code)
  elseif code < 0x800 then
    return string.char(0xC0 + math.floor(code / 0x40), 0x80 + code % 0x40)
  end
  return string.char(0xE0 + math.floor(code / 0x1000), 0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
end

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local decodeValue

local function decodeString(text, pos)
  local out, i = {}, pos + 1
  while true do
    local c = string.sub(text, i, i)
    if c == "" then
      error("unterminated string")
    elseif c == '"' then
      return table.concat(out), i + 1
    elseif c == "\\" then
      local e = string.sub(text, i + 1, i + 1)
      if e == "u" then
        out[#out + 1] = utf8char(tonumber(string.sub(text, i + 2, i + 5), 16))
        i = i + 6
      else
        out[#out + 1] = assert(escapes[e], "bad escape")
        i = i + 2
      end
    else
      out[#out + 1] = c
      i = i + 1
    end
  end
end

function decodeValue(text, pos)
  pos = skip(text, pos)
  local c = string.sub(text, pos, pos)
  if c == "{" then
    local obj = {}
    pos = skip(text, pos + 1)
    if string.sub(text, pos, pos) == "}" then
      return obj, pos + 1
    end
    while true do
      local key
      key, pos = decodeString(text, skip(text, pos))
      pos = skip(text, pos)
      assert(string.sub(text, pos, pos) == ":", "expected :")
      obj[key], pos = decodeValue(text, pos + 1)
      pos = skip(text, pos)
      local sep = string.sub(text, pos, pos)
      if sep == "}" then
        return obj, pos + 1
      end
      assert(sep == ",", "expected , or }")
      pos = pos + 1
    end
  elseif c == "[" then
    local arr = {}
    pos = skip(text, pos + 1)
    if string.sub(text, pos, pos) == "]" then
      return arr, pos + 1
    end
    while true do
      arr[#arr + 1], pos = decodeValue(text, pos)
      pos = skip(text, pos)
      local sep = string.sub(text, pos, pos)
      if sep == "]" then
        return arr, pos + 1
      end
      assert(sep == ",", "expected , or ]")
      pos = pos + 1
    end
  elseif c == '"' then
    return decodeString(text, pos)
  elseif string.sub(text, pos, pos + 3) == "true" then
    return true, pos + 4
  elseif string.sub(text, pos, pos + 4) == "false" then
    return false, pos + 5
  elseif string.sub(text, pos, pos + 3) == "null" then
    return nil, pos + 4
  end
  local number = string.match(text, "^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  assert(number and #number > 0, "unexpected character at " .. pos)
  local value = tonumber(number)
  return (math.tointeger and math.tointeger(value)) or value, pos + #number
end

function json.decode(text)
  local value = decodeValue(text, 1)
  return value
end

local function isArray(t)
  local n = 0
  for _ in pairs(t) do
    n = n + 1
  end
  return n == #t and (n > 0 or getmetatable(t) == json.array)
end

json.array = {}

-- Lists that may stay empty are marked, so they encode as [] rather than {}.
stub.sentGMCP = setmetatable({}, json.array)
stub.sent = setmetatable({}, json.array)

function json.encode(value)
  local kind = type(value)
  if kind == "table" then
    local parts = {}
    if isArray(value) then
      for i, item in ipairs(value) do
        parts[i] = json.encode(item)
      end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for key in pairs(value) do
      keys[#keys + 1] = tostring(key)
    end
    table.sort(keys)
    for i, key in ipairs(keys) do
      local item = value[key]
      if item == nil then
        item = value[tonumber(key)]
      end
      parts[i] = json.encode(key) .. ":" .. json.encode(item)
    end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif kind == "string" then
    return '"' .. string.gsub(value, '[%c"\\]', function(ch)
      return string.format("\\u%04x", string.byte(ch))
    end) .. '"'
  elseif kind == "number" or kind == "boolean" then
    return tostring(value)
  elseif kind == "nil" then
    return "null"
  end
  error("cannot encode " .. kind)
end

-- Events and GMCP ---------------------------------------------------------------------

gmcp = {}
local handlers, nextHandler = {}, 0

function registerAnonymousEventHandler(event, handler)
  nextHandler = nextHandler + 1
  handlers[nextHandler] = { event = event, handler = handler }
  return nextHandler
end

function killAnonymousEventHandler(id)
  local existed = handlers[id] ~= nil
  handlers[id] = nil
  return existed
end

function raiseEvent(event, ...)
  local ids = {}
  for id, entry in pairs(handlers) do
    if entry.event == event then
      ids[#ids + 1] = id
    end
  end
  table.sort(ids)
  for _, id in ipairs(ids) do
    local entry = handlers[id]
    if entry then
      local handler = entry.handler
      if type(handler) == "string" then
        handler = _G[handler]
      end
      handler(event, ...)
    end
  end
end

function stub.handlerCount(event)
  local n = 0
  for _, entry in pairs(handlers) do
    if entry.event == event then
      n = n + 1
    end
  end
  return n
end

--- Deliver one GMCP line ("Char.Vitals {...}") as Mudlet does.
function stub.feed(line)
  local name, body = string.match(line, "^(%S+)%s*(.*)$")
  local node = gmcp
  local parts = {}
  for part in string.gmatch(name, "[^.]+") do
    parts[#parts + 1] = part
  end
  for i = 1, #parts - 1 do
    node[parts[i]] = node[parts[i]] or {}
    node = node[parts[i]]
  end
  node[parts[#parts]] = body ~= "" and json.decode(body) or {}
  raiseEvent("gmcp." .. name, "gmcp." .. name)
end

function sendGMCP(text)
  stub.sentGMCP[#stub.sentGMCP + 1] = text
end

function send(command, echo)
  stub.sent[#stub.sent + 1] = command
end

-- Window and Geyser -------------------------------------------------------------------

function getMainWindowSize()
  return 1280, 800
end

function setBorderRight(width)
  stub.borderRight = width
end

local Widget = {}
Widget.__index = Widget

local function widgetClass(kind)
  local class = setmetatable({}, { __index = Widget })
  class.__index = class
  function class:new(cons, container)
    local widget = setmetatable({
      kind = kind, name = cons.name, x = cons.x, y = cons.y, width = cons.width, height = cons.height,
      parent = container and container.name or nil, visible = true,
    }, class)
    stub.widgets[cons.name] = widget
    return widget
  end
  return class
end

function Widget:move(x, y)
  self.x, self.y = x, y
end

function Widget:resize(width, height)
  self.width, self.height = width, height
end

function Widget:hide()
  self.visible = false
end

function Widget:show()
  self.visible = true
end

function Widget:setStyleSheet(css, back)
  self.stylesheet, self.backStylesheet = css, back
end

function Widget:echo(text)
  self.text = text
end

function Widget:setToolTip(text)
  self.tooltip = text
end

Geyser = {
  Container = widgetClass("container"),
  Label = widgetClass("label"),
  Gauge = widgetClass("gauge"),
}

function Geyser.Gauge:setValue(current, maximum, text)
  assert(maximum > 0 and current >= 0 and current <= maximum, "Geyser.Gauge: value out of range")
  self.value, self.max, self.text = current, maximum, text
end

-- Mapper ------------------------------------------------------------------------------

local nextArea = 0

function getAreaTable()
  local copy = {}
  for name, id in pairs(stub.areas) do
    copy[name] = id
  end
  return copy
end

function addAreaName(name)
  nextArea = nextArea + 1
  stub.areas[name] = nextArea
  return nextArea
end

function roomExists(id)
  return stub.rooms[id] ~= nil
end

function addRoom(id)
  assert(not stub.rooms[id], "addRoom: room exists")
  stub.rooms[id] = { exits = {} }
  return true
end

local function room(id)
  return assert(stub.rooms[id], "no room " .. tostring(id))
end

function setRoomArea(id, area)
  room(id).area = area
end

function setRoomName(id, name)
  room(id).name = name
end

function setRoomCoordinates(id, x, y, z)
  room(id).coords = { x, y, z }
end

function setRoomEnv(id, env)
  room(id).env = env
end

function setCustomEnvColor(env, r, g, b, a)
  stub.envColours[env] = { r, g, b, a }
end

local DIRECTIONS = { n = 1, ne = 1, nw = 1, e = 1, w = 1, s = 1, se = 1, sw = 1, u = 1, d = 1, ["in"] = 1, out = 1 }

function setExit(from, to, direction)
  assert(DIRECTIONS[direction], "setExit: bad direction " .. tostring(direction))
  room(to)
  room(from).exits[direction] = to
  return true
end

function centerview(id)
  stub.centered = id
end

mudlet = {}

--- Everything the tests check, as one JSON document.
function stub.state()
  local widgets = {}
  for name, w in pairs(stub.widgets) do
    widgets[name] = {
      kind = w.kind, x = w.x, y = w.y, width = w.width, height = w.height, parent = w.parent,
      visible = w.visible, value = w.value, max = w.max, text = w.text,
      stylesheet = w.stylesheet, backStylesheet = w.backStylesheet, tooltip = w.tooltip,
    }
  end
  local rooms = {}
  for id, r in pairs(stub.rooms) do
    rooms[tostring(id)] = r
  end
  local handlerTotal = 0
  for _ in pairs(handlers) do
    handlerTotal = handlerTotal + 1
  end
  return json.encode({
    widgets = widgets, rooms = rooms, areas = stub.areas, sentGMCP = stub.sentGMCP, sent = stub.sent,
    centered = stub.centered, borderRight = stub.borderRight, envColours = stub.envColours,
    mapperScript = mudlet.mapper_script, handlers = handlerTotal,
    packageLoaded = SecondChances ~= nil,
  })
end
