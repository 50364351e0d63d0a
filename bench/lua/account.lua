-- Account read (JWT check + Redis): GET /v1/me/account, each request as the next of many logged-in members.
-- Tokens come from the file named by HPF_BENCH_TOKENS ("memberIndex token" a line).
package.path = "bench/lua/?.lua;" .. package.path
local report = require("report")
local tokens, n = {}, 0
setup = report.setup
init = function()
  report.init()
  for _, line in ipairs(report.lines(os.getenv("HPF_BENCH_TOKENS"))) do
    table.insert(tokens, line:match("^%S+ (%S+)$"))
  end
  n = id
end
request = function()
  n = n + 1
  return wrk.format("GET", "/v1/me/account", { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] })
end
response = report.response
done = report.done
