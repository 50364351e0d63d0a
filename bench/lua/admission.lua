-- Withdrawal admission: POST /v1/withdrawals, each request with its own member token, PASSED face verification
-- (one use only), bank card and Idempotency-Key. Fixture lines "token faceVerificationId bankCardId" come from
-- HPF_BENCH_FIXTURE and are split between threads so that none is sent twice; when a thread runs out it wraps
-- around and the repeats show up as 422 in the status counts (the fixture was too small for the rate).
package.path = "bench/lua/?.lua;" .. package.path
local report = require("report")
local fixture, n = {}, 0
local run = os.getenv("HPF_BENCH_RUN") or tostring(os.time())
local amount = os.getenv("HPF_BENCH_AMOUNT_FEN") or "1000"
local category = os.getenv("HPF_BENCH_CATEGORY") or "RENT"
local nthreads = tonumber(os.getenv("HPF_BENCH_THREADS") or "2")
setup = report.setup
init = function()
  report.init()
  fixture = report.lines(os.getenv("HPF_BENCH_FIXTURE"), id, nthreads)
end
request = function()
  n = n + 1
  return report.withdrawal(fixture[((n - 1) % #fixture) + 1], category, amount,
      string.format("bench-%s-%d-%d", run, id, n))
end
response = report.response
done = report.done
