-- wrk script for `make bench`: a signed-in cookie, POST bodies whose text changes on
-- every request (so each autosave really writes), and a JSON summary for bench/run.py.
-- Any answer other than 200 counts as an error.

local cookie = os.getenv("BENCH_COOKIE") or ""
local body = os.getenv("BENCH_BODY") or ""
local field = os.getenv("BENCH_FIELD") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  not_ok = 0
end

local function escape(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local headers = {["X-Forwarded-Proto"] = "https"}
  if cookie ~= "" then headers["Cookie"] = cookie end
  if body == "" then
    return wrk.format("GET", nil, headers)
  end
  counter = counter + 1
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["HX-Request"] = "true"
  headers["X-CSRFToken"] = csrf
  headers["Origin"] = "https://" .. wrk.host .. ":" .. wrk.port
  headers["Referer"] = headers["Origin"] .. "/"
  local text = "Some words about trust, saved again " .. tostring(counter) .. " " .. tostring(math.random(1e9))
  return wrk.format("POST", nil, headers, body .. "&" .. escape(field) .. "=" .. escape(text))
end

function response(status, headers, response_body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  for _, thread in ipairs(threads) do errors = errors + thread:get("not_ok") end
  io.write(string.format(
    'BENCH_JSON{"rps": %.2f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "errors": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors))
end
