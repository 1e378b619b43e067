-- Second Chances for Mudlet: leave the profile as it was when the package is removed.

local SC = SecondChances

SC.on("uninstall", "sysUninstallPackage", function(_, name)
  if name ~= SC.packageName then
    return
  end
  for _, id in pairs(SC.handlers) do
    killAnonymousEventHandler(id)
  end
  if SC.panel then
    SC.panel.container:hide()
    setBorderRight(0)
  end
  SecondChances = nil
end)
