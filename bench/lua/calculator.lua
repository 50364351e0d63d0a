-- Calculator: equal instalment over 30 years, the principal varying so that no cache answers for the code.
package.path = "bench/lua/?.lua;" .. package.path
local report = require("report")
local n = 0
setup = report.setup
init = function() report.init(); n = id * 7919 end
request = function()
  n = n + 1
  local principal = 10000000 + (n % 5000) * 100000
  local method = (n % 4 == 0) and "EQUAL_PRINCIPAL" or "EQUAL_INSTALMENT"
  return wrk.format("GET", string.format(
      "/v1/calculator/monthly-payment?principalFen=%d&annualRate=0.026&termMonths=360&method=%s", principal, method))
end
response = report.response
done = report.done
