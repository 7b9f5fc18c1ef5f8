-- wrk script of the cluster soak (bench/cluster/soak.py): signed-in mixed traffic through
-- haproxy. Each connection takes a session from $SOAK_SESSIONS (lines "cookie csrf origin")
-- and cycles through reads, searches and writes. Prints one "SOAK" line with the counts.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

-- Globals, not locals: done() reads them from each thread with thread:get.
sessions = {}
step = 0
failures = 0
first_failures = {}

function init(args)
  for line in io.lines(os.getenv("SOAK_SESSIONS")) do
    local cookie, csrf, origin = line:match("^(%S+) (%S+) (%S+)$")
    if cookie then table.insert(sessions, {cookie = cookie, csrf = csrf, origin = origin}) end
  end
  step = id * 7
end

local searches = {"an", "li", "mar", "son", "e", "jo", "ra", "el"}
local weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday"}

function request()
  step = step + 1
  local s = sessions[(step % #sessions) + 1]
  local headers = {Cookie = s.cookie}
  local kind = step % 10
  if kind <= 3 then
    return wrk.format("GET", "/api/v1/me/profile", headers)
  elseif kind <= 5 then
    return wrk.format("GET", "/api/v1/people?q=" .. searches[(step % #searches) + 1] .. "&limit=20",
                      headers)
  elseif kind == 6 then
    return wrk.format("GET", "/api/v1/programs", headers)
  elseif kind == 7 then
    return wrk.format("GET", "/api/v1/me/relationships", headers)
  else
    headers["Content-Type"] = "application/json"
    headers["X-CSRF-Token"] = s.csrf
    headers["Origin"] = s.origin
    local day = weekdays[(step % #weekdays) + 1]
    local body = '{"windows":[{"weekday":"' .. day .. '","start":"09:00","end":"1' ..
                 tostring(2 + step % 6) .. ':00"}]}'
    return wrk.format("PUT", "/api/v1/me/availability", headers, body)
  end
end

function response(status, headers, body)
  if status >= 400 then
    failures = failures + 1
    if #first_failures < 3 then
      table.insert(first_failures, tostring(status) .. " " .. string.sub(body or "", 1, 160))
    end
  end
end

function done(summary, latency, requests)
  local http_errors = 0
  for _, thread in ipairs(threads) do
    http_errors = http_errors + thread:get("failures")
    local examples = thread:get("first_failures")
    for _, example in ipairs(examples or {}) do io.write("SOAK-EXAMPLE " .. example .. "\n") end
  end
  local e = summary.errors
  io.write(string.format(
      "SOAK requests=%d seconds=%.1f rps=%.0f http_errors=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      http_errors, e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000))
end
