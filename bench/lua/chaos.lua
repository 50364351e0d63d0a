-- bin/chaos's withdrawal load: admission.lua's requests (POST /v1/withdrawals, one-use fixture lines
-- "token faceVerificationId bankCardId" from HPF_BENCH_FIXTURE), paced by a think time, one connection per thread so
-- that request() and response() alternate and each answer's latency is known. Answers are counted per wall-clock
-- second of their arrival and per status, so that bin/chaos can cut them into the phases of a fault; a connection
-- that broke before its answer counts as status 0, an answer slower than HPF_CHAOS_TIMEOUT_MS as status -1 (the
-- client gave up). done() prints "CHAOS count SECOND STATUS N", "CHAOS slowest SECOND MS" and, for a request still
-- unanswered when the run ended, "CHAOS open STARTED_MS".
package.path = "bench/lua/?.lua;" .. package.path
local report = require("report")
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } chaos_timeval;
int gettimeofday(chaos_timeval *tv, void *tz);
]]
local tv = ffi.new("chaos_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local threads = {}
local counter = 0
local fixture, n = {}, 0
local run = os.getenv("HPF_BENCH_RUN") or tostring(os.time())
local amount = os.getenv("HPF_BENCH_AMOUNT_FEN") or "1000"
local category = os.getenv("HPF_BENCH_CATEGORY") or "RENT"
local nthreads = tonumber(os.getenv("HPF_CHAOS_THREADS") or "4")
local think = tonumber(os.getenv("HPF_CHAOS_THINK_MS") or "200")
local limit = tonumber(os.getenv("HPF_CHAOS_TIMEOUT_MS") or "10000")

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

init = function()
  counts, slowest, started, answered = {}, {}, nil, false
  fixture = report.lines(os.getenv("HPF_BENCH_FIXTURE"), id, nthreads)
end

local function count(at, status, ms)
  local sec = math.floor(at / 1000)
  local key = sec .. " " .. status
  counts[key] = (counts[key] or 0) + 1
  if ms > (slowest[sec] or -1) then slowest[sec] = ms end
end

request = function()
  local t = now_ms()
  -- A new request while the last one had no answer: its connection broke (wrk reconnects and asks again). Not
  -- before the thread's first answer: wrk builds a thread's first request once more after the first delay().
  if started and answered then count(t, 0, t - started) end
  started = t
  n = n + 1
  return report.withdrawal(fixture[((n - 1) % #fixture) + 1], category, amount,
      string.format("chaos-%s-%d-%d", run, id, n))
end

response = function(status, headers, body)
  local t = now_ms()
  local ms = t - (started or t)
  started = nil
  answered = true
  if ms > limit then status = -1 end
  count(t, status, ms)
end

delay = function()
  return think
end

done = function(summary, latency)
  for _, t in ipairs(threads) do
    for key, v in pairs(t:get("counts") or {}) do io.write("CHAOS count " .. key .. " " .. v .. "\n") end
    for sec, ms in pairs(t:get("slowest") or {}) do io.write("CHAOS slowest " .. sec .. " " .. ms .. "\n") end
    local open = t:get("started")
    if open then io.write("CHAOS open " .. string.format("%d", open) .. "\n") end
  end
  io.write(string.format("CHAOS wrk %d %d %d %d %d %d\n", summary.requests, summary.errors.connect,
      summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
