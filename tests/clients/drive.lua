-- Runs the Mudlet package against the stub, one step per line of standard input:
--   load <file>           run a package script, as Mudlet does when it installs the package
--   gmcp <Package> <json> deliver a GMCP message
--   event <name> [arg]    raise a Mudlet event (sysProtocolEnabled GMCP, ...)
--   call <global> [arg]   call a global function (doSpeedWalk, ...)
--   dump                  print everything the stub recorded, as one JSON line
-- Usage: lua5.4 drive.lua <path of mudlet_stub.lua> < steps

dofile(arg[1])

for line in io.lines() do
  local verb, rest = string.match(line, "^(%S+)%s*(.*)$")
  if verb == "load" then
    dofile(rest)
  elseif verb == "gmcp" then
    stub.feed(rest)
  elseif verb == "event" then
    local name, value = string.match(rest, "^(%S+)%s*(.*)$")
    raiseEvent(name, value ~= "" and value or nil)
  elseif verb == "call" then
    local name, value = string.match(rest, "^(%S+)%s*(.*)$")
    _G[name](value ~= "" and value or nil)
  elseif verb == "set" then
    local name, value = string.match(rest, "^(%S+)%s*(.*)$")
    _G[name] = stub.json.decode(value)
  elseif verb == "dump" then
    print(stub.state())
  elseif verb then
    error("unknown step: " .. line)
  end
end
