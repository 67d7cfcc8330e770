-- wrk script for bench/run-overload.sh: JSON Patches of one numeric property on DOPPEL_TWINS twins chosen at
-- random, as fast as the connections allow, counting how each one was answered. With DOPPEL_ACK_DIR set, every
-- patch answered 2xx has its ETag logged (one file per wrk thread): an ETag names the global version of the change
-- it acknowledges, so OverloadCheck can look each one up in the change log afterwards.
-- done() prints one machine-readable line (OVERLOAD_RESULT) that the script parses.
local twins = tonumber(os.getenv("DOPPEL_TWINS") or "1000")
local key = os.getenv("DOPPEL_API_KEY")
local ackDir = os.getenv("DOPPEL_ACK_DIR")
local poolSize = 16384

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local pool = {}
local next = 0
local ackLog = nil
ok, shed, shedWithRetryAfter, other = 0, 0, 0, 0

function init(args)
  math.randomseed(os.time() * 1000 + id)
  wrk.method = "PATCH"
  wrk.headers["Content-Type"] = "application/json-patch+json"
  if key then
    wrk.headers["Authorization"] = "Bearer " .. key
  end
  -- Pre-built requests: formatting one per call would cost wrk about as much CPU as the server spends on it.
  for i = 1, poolSize do
    local body = string.format('[{"op":"replace","path":"/lastTemperature","value":%.2f}]', 15 + math.random() * 60)
    pool[i] = wrk.format(nil, string.format("/digitaltwins/sensor-%05d", math.random(0, twins - 1)), nil, body)
  end
  if ackDir then
    ackLog = assert(io.open(string.format("%s/acked-%d.log", ackDir, id), "w"))
    ackLog:setvbuf("full")
  end
end

function request()
  next = next % poolSize + 1
  return pool[next]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    if ackLog then
      ackLog:write(headers["ETag"] or headers["etag"] or "-", "\n")
    end
  elseif status == 429 then
    shed = shed + 1
    if headers["Retry-After"] or headers["retry-after"] then
      shedWithRetryAfter = shedWithRetryAfter + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local sums = { ok = 0, shed = 0, shedWithRetryAfter = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(sums) do
      sums[name] = sums[name] + thread:get(name)
    end
  end
  local e = summary.errors
  io.write(string.format(
    "OVERLOAD_RESULT requests=%d duration_us=%d ok=%d shed=%d shed_with_retry_after=%d other_status=%d " ..
    "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, sums.ok, sums.shed, sums.shedWithRetryAfter, sums.other,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
