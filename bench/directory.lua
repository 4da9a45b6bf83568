-- wrk script of the directory: distinct searches and map areas, as many different visitors make them.
--   KIND=api      GET /api/v1/structures with a mix of words, territories, families and pages
--   KIND=page     GET /annuaire with the same mix
--   KIND=clusters GET /api/v1/structures/clusters over a random 1280 x 800 px view at ZOOM (a number),
--                 a third of them with a filter
--   REPEAT=1      one URL of the kind, repeated (what a cache would serve)
--   PAGES=n       pages 1 to n of a search (3 by default; pages beyond the last are 400 problems)
local kind = os.getenv("KIND") or "api"
local zoom = tonumber(os.getenv("ZOOM") or "6")
local repeat_one = os.getenv("REPEAT") == "1"
local pages = tonumber(os.getenv("PAGES") or "3")
local words = {"", "", "", "association", "sport", "culture", "aide domicile", "cooperative", "mutuelle",
  "ecole", "musique", "insertion", "recyclerie", "solidarite", "famille", "jeunesse", "theatre", "emploi",
  "sante", "logement", "environnement", "tourisme", "formation", "handicap", "alimentation", "enfance",
  "jardin", "danse", "foot", "club", "amis", "comite", "maison", "developpement", "social", "agricole"}
local families = {"", "", "", "", "association", "cooperative", "mutuelle", "fondation", "ess_company"}
local departements = {}
for d = 1, 95 do
  if d ~= 20 then table.insert(departements, string.format("%02d", d)) end
end
for _, d in ipairs({"2A", "2B", "971", "972", "973", "974", "976"}) do table.insert(departements, d) end

local function pick(list) return list[math.random(#list)] end

local function encode(s)
  return (s:gsub(" ", "%%20"))
end

local function search_query()
  local parts = {}
  local q = pick(words)
  if q ~= "" then table.insert(parts, "q=" .. encode(q)) end
  if math.random() < 0.8 then table.insert(parts, "departement=" .. pick(departements)) end
  local f = pick(families)
  if f ~= "" then table.insert(parts, "family=" .. f) end
  table.insert(parts, "page=" .. math.random(pages))
  return table.concat(parts, "&")
end

local function view()
  -- a centre in metropolitan France, a 1280 x 800 pixels view at the zoom level (Web Mercator)
  local lat = 42.5 + math.random() * 8.5
  local lon = -4.5 + math.random() * 12.5
  local width = 1280 / 256 * 360 / 2 ^ zoom
  local height = width * math.cos(math.rad(lat)) * 800 / 1280
  local w, e = math.max(-180, lon - width / 2), math.min(180, lon + width / 2)
  local s, n = math.max(-85, lat - height / 2), math.min(85, lat + height / 2)
  return string.format("bbox=%.5f,%.5f,%.5f,%.5f&zoom=%d", w, s, e, n, zoom)
end

local function path()
  if kind == "clusters" then
    local p = "/api/v1/structures/clusters?" .. view()
    local r = math.random()
    if r < 0.17 then
      p = p .. "&family=" .. pick({"association", "cooperative", "mutuelle", "fondation", "ess_company"})
    elseif r < 0.33 then
      local q = pick(words)
      if q ~= "" then p = p .. "&q=" .. encode(q) end
    end
    return p
  elseif kind == "page" then
    return "/annuaire?" .. search_query()
  else
    return "/api/v1/structures?" .. search_query()
  end
end

local fixed = nil
function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end
function init(args)
  math.randomseed((seed or 1) + os.time())
  if repeat_one then fixed = path() end
end
function request()
  return wrk.format("GET", fixed or path())
end
