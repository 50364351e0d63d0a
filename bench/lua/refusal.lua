-- Refusal flood: the admission requests of admission.lua (each from another member of the fixture, a valid body,
-- a fresh Idempotency-Key) on a day whose payout budget is exhausted. Here a request counts as ok when it is
-- answered 503 DAILY_BUDGET_EXHAUSTED, the answer the scenario measures; any other answer is listed apart.
dofile("bench/lua/admission.lua")
local report = require("report")
report.is_ok = function(status, body)
  return status == 503 and body ~= nil and string.find(body, '"DAILY_BUDGET_EXHAUSTED"', 1, true) ~= nil
end
