-- The no-op baseline: GET /v1/ping.
package.path = "bench/lua/?.lua;" .. package.path
local report = require("report")
wrk.method = "GET"
wrk.path = "/v1/ping"
setup = report.setup
init = function() report.init() end
response = report.response
done = report.done
