-- bench/wrk/signin.lua: POST /signin (email, password, csrf of the "pre" cookie), as the
-- sign-in form sends it. Env: BENCH_COOKIE ("pre=..."), BENCH_CSRF, BENCH_EMAIL.
-- Success is 303 (a new session each time); anything else is counted in NON303.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  wrk.method = "POST"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "csrf=" .. os.getenv("BENCH_CSRF") .. "&email=" ..
    os.getenv("BENCH_EMAIL"):gsub("@", "%%40") .. "&password=demo-password-1"
end

function response(status, headers, body)
  if status ~= 303 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end
  io.write(string.format("NON303 %d\n", n))
end
