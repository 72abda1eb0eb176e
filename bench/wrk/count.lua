-- bench/wrk/count.lua: GETs of the paths in env BENCH_PATHS (space separated), in turn, with
-- the cookie of env BENCH_COOKIE; each thread stops after env BENCH_PER_THREAD responses, so
-- a run makes an exact number of requests (threads x BENCH_PER_THREAD). Reports NON200.
local cookie = os.getenv("BENCH_COOKIE") or ""
local per = tonumber(os.getenv("BENCH_PER_THREAD") or "1000")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/healthz", "%S+") do
  table.insert(paths, p)
end
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad, got, i = 0, 0, 0
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  got = got + 1
  if got >= per then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end
  io.write(string.format("NON200 %d\n", n))
end
