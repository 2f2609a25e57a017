-- Shared by every token-pool script (prepended). ARGV[1] is always the key prefix.
-- Keys: <p>buckets (set of bucket keys), <p>bucket:<b> (hash: limit, points, ts, blocked,
-- reset, rr, leased, throttled), <p>bucket-tokens:<b> (set of token ids), <p>tokens (set),
-- <p>token:<id> (hash), <p>creds (set), <p>cred:<client_id> (hash).
local P = ARGV[1]

-- Redis server time in ms: one clock for every replica.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- A bucket refilled to now (not written back): points, limit, blocked-until.
-- Points refill continuously at limit per minute, up to limit, as Twitch's do.
local function refill(bk, now, default_limit)
  local v = redis.call('HMGET', bk, 'limit', 'points', 'ts', 'blocked')
  local limit = tonumber(v[1]) or default_limit
  local points = tonumber(v[2]) or limit
  local ts = tonumber(v[3]) or now
  local blocked = tonumber(v[4]) or 0
  if now > ts then
    points = points + (now - ts) * limit / 60000
  end
  if points > limit then
    points = limit
  end
  return points, limit, blocked
end

-- 'app:<client>' -> 'app', client, '' ; 'user:<client>:<user>' -> 'user', client, user
local function parse_bucket(b)
  local kind, client, user = string.match(b, '^(%a+):([^:]+):?([^:]*)$')
  return kind, client, user or ''
end
