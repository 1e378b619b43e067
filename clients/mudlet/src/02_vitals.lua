-- Second Chances for Mudlet: the side panel, and the health and chakra gauges in it.
--
-- The panel takes a strip on the right of the main window: gauges on top, the village
-- map (03_zonemap.lua) below. Gauges follow gmcp.Char.Vitals: hp/maxhp and cp/maxcp.

local SC = SecondChances

SC.panelWidth = 360

--- Build the panel once; later calls return it.
function SC.gui()
  if SC.panel then
    return SC.panel
  end
  setBorderRight(SC.panelWidth)
  local container = Geyser.Container:new({
    name = "SecondChances.panel", x = -SC.panelWidth, y = 0, width = SC.panelWidth, height = "100%",
  })
  local function gauge(name, y, front, back)
    local g = Geyser.Gauge:new({ name = name, x = "2%", y = y, width = "96%", height = 24 }, container)
    g:setStyleSheet(
      "background-color: " .. front .. "; border-radius: 3px;",
      "background-color: " .. back .. "; border-radius: 3px;"
    )
    return g
  end
  SC.panel = {
    container = container,
    health = gauge("SecondChances.health", 6, "#c62828", "#3e1010"),
    chakra = gauge("SecondChances.chakra", 36, "#1565c0", "#0d2440"),
    map = Geyser.Container:new({ name = "SecondChances.map", x = "2%", y = 72, width = "96%", height = "60%" }, container),
    zoneLabels = {},
  }
  return SC.panel
end

--- Show current/maximum on a gauge, with the numbers in words on it.
function SC.setGauge(gauge, title, current, maximum)
  current, maximum = math.floor(tonumber(current) or 0), math.floor(tonumber(maximum) or 0)
  local top = math.max(maximum, 1)
  local shown = math.min(math.max(current, 0), top)
  gauge:setValue(shown, top, string.format("%s %d / %d", title, current, maximum))
end

function SC.onVitals()
  local vitals = gmcp.Char and gmcp.Char.Vitals
  if type(vitals) ~= "table" then
    return
  end
  local gui = SC.gui()
  SC.setGauge(gui.health, "Health", vitals.hp, vitals.maxhp)
  SC.setGauge(gui.chakra, "Chakra", vitals.cp, vitals.maxcp)
end

SC.on("vitals", "gmcp.Char.Vitals", SC.onVitals)
