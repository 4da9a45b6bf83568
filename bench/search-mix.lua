-- A mix of distinct agenda searches (issue 15): words drawn from a list of ESS terms (or none), any of the
-- 101 départements (or none), half of them within a month-long window around November of an edition,
-- pages 1 to 3. No two requests within the answer cache's lifetime (10 s) should be alike, even at
-- 10,000 requests a second: the window starts on any of 60 days before the end of an edition's November
-- (480 windows), and the other half searches "from" any day of 2015-01-01 .. 2019-10-31 (1,765 days),
-- which keeps every event of the 2019-2026 editions, as no date would. That gives 6.5 and 23.8 million
-- combinations; each request draws one at random (a repeat within 10 s at 10,000 req/s: about 1 % of the
-- requests). PATH_UNDER_TEST selects the target: /api/v1/events (default), /agenda or /agenda/widget.
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

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local function day(year, month, d)
  return string.format("%04d-%02d-%02d", year, month, d)
end

-- a day of the year as month and day (non-leap years, enough for 2015-2019)
local month_lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
local function nth_day(year, n)
  local m = 1
  while n > month_lengths[m] do
    n = n - month_lengths[m]
    m = m + 1
  end
  return day(year, m, n)
end

function init(args)
  math.randomseed(os.time() * 100 + id)
end

function request()
  local q = {}
  local w = words[math.random(#words)]
  local d = deps[math.random(#deps)]
  if w ~= "" then q[#q + 1] = "q=" .. encode(w) end
  if d ~= "" then q[#q + 1] = "departement=" .. d end
  if math.random() < 0.5 then
    -- a 30-day window ending between October 31 and December 29 of an edition's year
    local y = years[math.random(#years)]
    local start = 274 + math.random(60) -- day of the year: October 2 .. November 30
    local from = nth_day(y, start)
    local to_day = start + 29
    local to = to_day <= 365 and nth_day(y, to_day) or nth_day(y + 1, to_day - 365)
    q[#q + 1] = "from=" .. from .. "&to=" .. to
  else
    -- from a day before the first edition: every event, as without dates, yet a distinct search
    local y = 2015 + math.random(0, 4)
    local last = (y == 2019) and 304 or 365
    q[#q + 1] = "from=" .. nth_day(y, math.random(last))
  end
  local page = math.random(3)
  if page > 1 then q[#q + 1] = "page=" .. page end
  return wrk.format("GET", target .. "?" .. table.concat(q, "&"))
end
