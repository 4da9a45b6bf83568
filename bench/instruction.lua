-- wrk script of the instructors' list (bench/instruction.sh): every request a different view of one
-- call's 10,000 dossiers - states checked, a part of a reference, an order, a page - as several
-- instructors filtering at once. COOKIE is the signed-in session; PROGRAMME the call's id;
-- REPEAT=1 asks one URL again and again (what a cache would serve).
local cookie = os.getenv("COOKIE")
local programme = os.getenv("PROGRAMME")
local repeat_one = os.getenv("REPEAT") == "1"
local states = {"SUBMITTED", "UNDER_INSTRUCTION", "CORRECTIONS_REQUESTED", "PROPOSED", "ACCEPTED", "REFUSED", "CLOSED"}
local sorts = {"SUBMITTED", "SUBMITTED_DESC", "UPDATED_DESC", "REFERENCE"}

local function path()
  local parts = {}
  for _, s in ipairs(states) do
    if math.random() < 0.3 then table.insert(parts, "etat=" .. s) end
  end
  if math.random() < 0.25 then table.insert(parts, "reference=" .. tostring(math.random(10, 999))) end
  table.insert(parts, "tri=" .. sorts[math.random(#sorts)])
  table.insert(parts, "page=" .. tostring(math.random(1, 20)))
  return "/instruction/appels/" .. programme .. "?" .. table.concat(parts, "&")
end

local fixed
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  if repeat_one then fixed = path() end
end

function request()
  return wrk.format("GET", fixed or path(), {["Cookie"] = cookie})
end
