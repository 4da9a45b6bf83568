-- A mix of distinct agenda searches (issue 15): words drawn from a list of ESS terms (or none), any of the
-- 101 départements (or none), half of them within a month of November of an edition, pages 1 to 3.
-- Each wrk thread walks its own shuffled list of every combination, so that no two requests within the
-- answer cache's lifetime (10 s) are alike. PATH selects the target: /api/v1/events (default) or /agenda.
-- The list is asked for its events of every date (passes=1) where no month is given, as the API.
local words = {"", "economie", "solidaire", "economie solidaire", "cooperative", "association", "emploi",
  "insertion", "numerique", "atelier", "forum", "rencontre", "reemploi", "circuits courts", "alimentation",
  "jeunes", "femmes", "entreprendre", "innovation sociale", "tiers-lieu", "transition", "ecologique",
  "mutuelle", "finance solidaire", "commerce equitable", "agriculture", "culture", "sante", "handicap",
  "logement", "mobilite", "energie", "dechets", "reparation", "formation", "benevolat", "scop", "scic",
  "territoire", "quartier", "developpement durable", "portes ouvertes", "conference", "projection"}
local deps = {""}
for i = 1, 95 do
  if i ~= 20 then deps[#deps + 1] = string.format("%02d", i) end
end
deps[#deps + 1] = "2A"; deps[#deps + 1] = "2B"
for _, d in ipairs({"971", "972", "973", "974", "976"}) do deps[#deps + 1] = d end
local years = {2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}
local target = os.getenv("PATH_UNDER_TEST") or "/api/v1/events"

local function encode(s)
  return (s:gsub(" ", "%%20"))
end

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(1000 + id)
  requests = {}
  for _, w in ipairs(words) do
    for _, d in ipairs(deps) do
      for page = 1, 3 do
        local q = {}
        if w ~= "" then q[#q + 1] = "q=" .. encode(w) end
        if d ~= "" then q[#q + 1] = "departement=" .. d end
        if math.random() < 0.5 then
          local y = years[math.random(#years)]
          q[#q + 1] = string.format("from=%d-11-01&to=%d-11-30", y, y)
        elseif target == "/agenda" then
          -- without dates the list shows upcoming events only, none once the editions are over: all
          -- dates instead, as the API searches them
          q[#q + 1] = "passes=1"
        end
        if page > 1 then q[#q + 1] = "page=" .. page end
        requests[#requests + 1] = target .. (#q > 0 and ("?" .. table.concat(q, "&")) or "")
      end
    end
  end
  -- shuffled, each thread in its own order
  for i = #requests, 2, -1 do
    local j = math.random(i)
    requests[i], requests[j] = requests[j], requests[i]
  end
  position = 0
end

function request()
  position = position % #requests + 1
  return wrk.format("GET", requests[position])
end
