-- W6 (BENCHMARKS.md): hotline intake and transitions through the HTTP API, for wrk.
-- Every connection either files a new 12351 call (POST /api/cases, channel phone) or moves a case
-- it has seen one step on: accept, reply, rate, close (POST /api/cases/{id}/actions). A case is
-- one intake and four transitions; the next step of a case is read from the answer (its id and
-- state), so five writes per case and every one of them a durable transaction of its own.
-- Environment: GH_COOKIE ("gonghui_session=..."), GH_CSRF (the session's token), GH_DIVISION
-- (where the calls come from, 320707 by default).
local cookie, csrf = os.getenv("GH_COOKIE"), os.getenv("GH_CSRF")
local division = os.getenv("GH_DIVISION") or "320707"
local headers = { ["Cookie"] = cookie, ["Accept"] = "application/json",
                  ["Content-Type"] = "application/json", ["X-CSRF-Token"] = csrf }
local next_step = { received = '{"action":"accept"}', handling = '{"action":"reply","text":"已联系单位，工资本周补发"}',
                    replied = '{"action":"rate","satisfaction":"satisfied"}', rated = '{"action":"close"}' }
local queue, head, tail = {}, 1, 0
intakes, closed, bad = 0, 0, 0
local n = 0

local function intake()
  n = n + 1
  return '{"type":"hotline","demand_type":"help","category":"wage_arrears","division":"' .. division ..
         '","employer":{"name":"压测' .. (n % 97) .. '号贸易有限公司"},"workers_affected":' .. (1 + n % 9) ..
         ',"summary":"单位拖欠工资两个月，希望工会帮助协调","channel":"phone",' ..
         '"caller":{"name":"来电人' .. n .. '","phone":"138' .. string.format("%08d", n % 100000000) .. '"}}'
end

request = function()
  if head <= tail then
    local item = queue[head]
    queue[head] = nil
    head = head + 1
    return wrk.format("POST", "/api/cases/" .. item[1] .. "/actions", headers, item[2])
  end
  return wrk.format("POST", "/api/cases", headers, intake())
end

response = function(status, hdrs, body)
  if status ~= 200 and status ~= 201 then bad = bad + 1 return end
  local id = body:match('^{"id":(%d+)')
  local state = body:match('"state":"(%a+)"')
  if status == 201 then intakes = intakes + 1 end
  if state == "closed" then closed = closed + 1 return end
  local step = state and next_step[state]
  if id and step then
    tail = tail + 1
    queue[tail] = { id, step }
  end
end

local threads = {}
setup = function(thread) threads[#threads + 1] = thread end

done = function(summary, latency, requests)
  local i, c, b = 0, 0, 0
  for _, t in ipairs(threads) do
    i = i + t:get("intakes"); c = c + t:get("closed"); b = b + t:get("bad")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("W6: %d intakes, %d cases closed, %d bad answers, %.1f s\n", i, c, b, secs))
  io.write(string.format("W6: intakes/s %.0f closed/s %.0f writes/s %.0f\n", i / secs, c / secs, summary.requests / secs))
end
