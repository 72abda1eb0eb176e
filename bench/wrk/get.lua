-- bench/wrk/get.lua: GET of wrk's URL with the session cookie of env BENCH_COOKIE, and a
-- count of responses other than 200 (reported by done(); wrk counts only 5xx as errors).
local cookie = os.getenv("BENCH_COOKIE") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end
  io.write(string.format("NON200 %d\n", n))
end
