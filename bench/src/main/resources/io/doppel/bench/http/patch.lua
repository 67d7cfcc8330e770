-- wrk script for Doppel's HTTP load harness (io.doppel.bench.http.PatchLoad).
-- Every request is a JSON Patch that sets one numeric property on one of DOPPEL_TWINS twins chosen at random,
-- over keep-alive connections. done() prints one machine-readable line that PatchLoad parses.
-- Each wrk thread pre-builds a pool of random requests in init() and cycles through it: formatting a request in
-- Lua per call costs wrk about as much CPU as the server spends answering it, and the two share the machine.
local twins = tonumber(os.getenv("DOPPEL_TWINS") or "10000")
local prefix = os.getenv("DOPPEL_PATH_PREFIX") or "/digitaltwins/sensor-"
local suffix = os.getenv("DOPPEL_PATH_SUFFIX") or ""
local property = os.getenv("DOPPEL_PROPERTY") or "lastTemperature"
local poolSize = tonumber(os.getenv("DOPPEL_POOL") or "16384")

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

local pool = {}
local next = 0

function init(args)
  math.randomseed(os.time() * 1000 + seed)
  wrk.method = "PATCH"
  wrk.headers["Content-Type"] = "application/json-patch+json"
  for i = 1, poolSize do
    local id = math.random(0, twins - 1)
    local body = string.format('[{"op":"replace","path":"/%s","value":%.2f}]', property, 15 + math.random() * 60)
    pool[i] = wrk.format(nil, string.format("%s%05d%s", prefix, id, suffix), nil, body)
  end
end

function request()
  next = next % poolSize + 1
  return pool[next]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "DOPPEL_RESULT requests=%d duration_us=%d status_errors=%d connect_errors=%d read_errors=%d " ..
    "write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d mean_us=%.1f max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.mean, latency.max))
end
