-- bench/wrk/get.lua: GET of wrk's URL with the session cookie of env BENCH_COOKIE, and a
-- count of responses other than 200 (reported by done(); wrk counts only 5xx as errors).
-- With env BENCH_UNCACHED=1 each request adds &nocache=N (N counting up, per thread), a
-- parameter the pages ignore but which is part of the cached page's key: every request is
-- then rendered afresh, as a filter typed for the first time is.
local cookie = os.getenv("BENCH_COOKIE") or ""
local uncached = os.getenv("BENCH_UNCACHED") == "1"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  bad = 0
  seq = 0
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
end

if uncached then
  function request()
    seq = seq + 1
    local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. sep .. "nocache=" .. tid .. "-" .. seq)
  end
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end
  io.write(string.format("NON200 %d\n", n))
end
