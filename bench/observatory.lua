-- wrk script of the observatory: territory pages and API answers, over regions, départements and
-- large communes, in a fixed order. KIND=api or KIND=page (bench/observatory-pages.sh sets it).
local paths = {}
local regions = {"76", "11", "84", "75", "32", "44", "53", "52", "24", "27", "28", "93", "94"}
local departements = {"34", "31", "30", "11", "66", "12", "46", "81", "82", "32", "65", "09", "48", "13", "33", "75", "69", "2A"}
local communes = {"34172", "31555", "30189", "66136", "11069", "34301", "75056", "13055", "69123", "33063", "12202", "81004"}
local kind = os.getenv("KIND") or "page"
local function add(level, code)
  if kind == "api" then
    table.insert(paths, "/api/v1/observatory/" .. level .. "/" .. code)
  else
    table.insert(paths, "/observatoire/" .. level .. "/" .. code)
  end
end
for _, c in ipairs(regions) do add("region", c) end
for _, c in ipairs(departements) do add("departement", c) end
for _, c in ipairs(communes) do add("commune", c) end
add("france", "FR")
add("epci", "243400017")
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
