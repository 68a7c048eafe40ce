-- serve-wrk.lua: the wrk script of bench/serve-bench.sh.
--
-- Environment:
--   WRK_PATHS  a file of request paths, one per line (drawn round-robin,
--              each thread from its own offset); unset: wrk's URL path
--   WRK_RATE   requests per second for the whole run (paced: each
--              connection waits its share between requests); unset: as
--              fast as the server answers
--   WRK_CONNS  the connection count (-c), to share the rate out
--   WRK_OUT    where done() writes its JSON summary
local paths = {}
local counter = 0
local non2xx = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("WRK_PATHS")
  if file and #file > 0 then
    for line in io.lines(file) do
      if #line > 0 then paths[#paths + 1] = line end
    end
  end
  counter = id * 7919
  local rate, conns = tonumber(os.getenv("WRK_RATE")), tonumber(os.getenv("WRK_CONNS"))
  if rate and conns and rate > 0 then
    pause = 1000 * conns / rate
  end
end

function request()
  if #paths == 0 then return wrk.format() end
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function delay()
  if pause then
    return math.random(math.floor(pause * 0.5), math.floor(pause * 1.5))
  end
  return 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local seconds = summary.duration / 1e6
  local out = string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "non2xx": %d, "socket_errors": %d}',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout)
  local f = io.open(os.getenv("WRK_OUT") or "/dev/stdout", "w")
  f:write(out .. "\n")
  f:close()
end
