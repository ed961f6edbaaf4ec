-- wrk script: every request claims the same envelope as a new user.
-- usage: ENVELOPE=<id> AUTH="Bearer <service key>" wrk -t2 -c64 -d20s -s docs/bench/claim-hot.lua http://localhost:8080
-- (AUTH is optional: builds before the claim API required a key ignore it)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tag", "t" .. threads .. "-" .. os.time())
end

local counter = 0
local envelope = os.getenv("ENVELOPE")
local auth = os.getenv("AUTH")

request = function()
  counter = counter + 1
  local body = '{"userId":"' .. tag .. '-' .. counter .. '"}'
  local headers = {["Content-Type"] = "application/json"}
  if auth ~= nil and auth ~= "" then
    headers["Authorization"] = auth
  end
  return wrk.format("POST", "/api/v1/envelopes/" .. envelope .. "/claims", headers, body)
end
