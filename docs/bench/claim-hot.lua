-- wrk script: every request claims the same envelope as a new user.
-- usage: ENVELOPE=<id> wrk -t2 -c64 -d20s -s docs/bench/claim-hot.lua http://localhost:8080
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tag", "t" .. threads .. "-" .. os.time())
end

local counter = 0
local envelope = os.getenv("ENVELOPE")

request = function()
  counter = counter + 1
  local body = '{"userId":"' .. tag .. '-' .. counter .. '"}'
  return wrk.format("POST", "/api/v1/envelopes/" .. envelope .. "/claims",
    {["Content-Type"] = "application/json"}, body)
end
