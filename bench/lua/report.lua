-- Shared by every bench script: counts responses by status in each wrk thread and prints one JSON line
-- ("BENCH {...}") with throughput, latency percentiles and the status counts. Every scenario, the no-op
-- included, pays the same Lua response() cost, so the ratios stay fair. "ok" is a 2xx answer, unless the script
-- sets report.is_ok(status, body) (the refusal flood counts its 503 DAILY_BUDGET_EXHAUSTED answers).
local report = {}
local threads = {}
local counter = 0

function report.setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function report.init()
  statuses = {}
  if report.is_ok then oks = 0 end
end

function report.response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if report.is_ok and report.is_ok(status, body) then oks = oks + 1 end
end

function report.done(summary, latency)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses") or {}
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  local parts = {}
  local ok = 0
  for code, n in pairs(total) do
    table.insert(parts, string.format('"%d":%d', code, n))
    if code >= 200 and code < 300 then ok = ok + n end
  end
  local counted = nil
  for _, t in ipairs(threads) do
    local n = t:get("oks")
    if n then counted = (counted or 0) + n end
  end
  if counted then ok = counted end
  if next(total) == nil and summary.requests > 0 then
    -- No response reached the Lua hook (wrk skips responses without headers): wrk's own count of statuses
    -- above 399 is all we have.
    ok = summary.requests - summary.errors.status
    table.insert(parts, string.format('"2xx?":%d', ok))
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format('BENCH {"requests":%d,"ok":%d,"seconds":%.3f,"rps":%.1f,"okRps":%.1f,'
      .. '"p50Ms":%.3f,"p90Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,"statuses":{%s},'
      .. '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
      summary.requests, ok, seconds, summary.requests / seconds, ok / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, table.concat(parts, ","), e.connect, e.read, e.write, e.timeout))
end

-- Reads a file of lines into a table, keeping only the lines of this thread (line i goes to thread i mod n),
-- so that no two threads ever send the same one-use fixture (face verification).
function report.lines(path, id, nthreads)
  local out = {}
  local i = 0
  for line in io.lines(path) do
    if nthreads == nil or i % nthreads == id then table.insert(out, line) end
    i = i + 1
  end
  if #out == 0 then error("no lines for this thread in " .. path) end
  return out
end

-- The withdrawal POST of fixture line "token faceVerificationId bankCardId", with its own Idempotency-Key.
function report.withdrawal(line, category, amount, key)
  local token, fv, card = line:match("^(%S+) (%S+) (%S+)$")
  local body = string.format('{"category":"%s","amountFen":%s,"bankCardId":%s,"faceVerificationId":"%s"}',
      category, amount, card, fv)
  return wrk.format("POST", "/v1/withdrawals", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
  }, body)
end

return report
