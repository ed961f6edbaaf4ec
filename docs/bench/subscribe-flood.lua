-- wrk script: one client posting subscription requests as fast as it can (each with a new target)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"webhook":"https://93.184.215.14/flood/' .. n .. '"}')
end
