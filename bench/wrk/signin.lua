-- bench/wrk/signin.lua: POST /signin (email, password, csrf of the "pre" cookie), as the
-- sign-in form sends it. Env: BENCH_COOKIE ("pre=..."), BENCH_CSRF, BENCH_EMAILS (addresses
-- separated by commas, taken in turn: the per-account back-off of AUTH-5 counts attempts in
-- flight, so one account signed in on every connection at once would be slowed down on purpose).
-- Success is 303 (a new session each time); anything else is counted in NON303.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  bad = 0
  seq = (tid or 0) * 8     -- the two threads start half the list apart
  bodies = {}
  for email in string.gmatch(os.getenv("BENCH_EMAILS"), "[^,]+") do
    table.insert(bodies, "csrf=" .. os.getenv("BENCH_CSRF") .. "&email=" ..
      email:gsub("@", "%%40") .. "&password=demo-password-1")
  end
  wrk.method = "POST"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  seq = seq + 1
  return wrk.format(nil, nil, nil, bodies[seq % #bodies + 1])
end

function response(status, headers, body)
  if status ~= 303 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end
  io.write(string.format("NON303 %d\n", n))
end
