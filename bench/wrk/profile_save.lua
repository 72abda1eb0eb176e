-- bench/wrk/profile_save.lua: "Save changes" of My profile (POST /profile/edit with the CSRF
-- token and the optimistic-locking version), a real change every time (the job title).
-- Run with as many threads as connections (wrk -tN -cN): thread k is user k of the file
-- named by env BENCH_PROFILES, lines "COOKIE CSRF VERSION", so no two connections save the
-- same user and each thread knows its user's version: +1 after each 303; after anything
-- else it is read back from the form the page answered with. Reports NON303.
local threads = {}
local n = 0

function setup(thread)
  n = n + 1
  thread:set("idx", n)
  table.insert(threads, thread)
end

function init(args)
  bad, seq = 0, 0
  local k = 0
  for line in io.lines(os.getenv("BENCH_PROFILES")) do
    k = k + 1
    if k == idx then
      cookie, csrf, version = line:match("^(%S+) (%S+) (%d+)$")
      version = tonumber(version)
    end
  end
  wrk.method = "POST"
  wrk.headers["Cookie"] = cookie
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  seq = seq + 1
  local body = "csrf=" .. csrf .. "&version=" .. version ..
    "&first_name=Profile&last_name=User+" .. idx .. "&job_title=Tester+" .. seq ..
    "&mobile_phone=%2B44+7700+900" .. string.format("%03d", idx) .. "&direct_line=&language=en"
  return wrk.format("POST", "/profile/edit", nil, body)
end

function response(status, headers, body)
  if status == 303 then
    version = version + 1
  else
    bad = bad + 1
    local v = body and body:match('name="version" value="(%d+)"')
    if v then version = tonumber(v) end
  end
end

function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + (t:get("bad") or 0) end
  io.write(string.format("NON303 %d\n", b))
end
