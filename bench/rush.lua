-- wrk script of the registration rush: each request registers a new address to the same date.
-- EVENT and DATE come from the environment (bench/rush.sh sets them).
local counter = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  thread_id = tid
end
function request()
  counter = counter + 1
  local body = string.format('{"eventId":%s,"dateId":%s,"name":"Wrk %d","email":"wrk-%d-%d@example.org","seats":1}',
      os.getenv("EVENT"), os.getenv("DATE"), counter, thread_id, counter)
  return wrk.format("POST", "/api/v1/registrations", {["Content-Type"] = "application/json"}, body)
end
