-- Sync a bucket with Twitch's Ratelimit headers: they can only lower the points left.
-- ARGV: prefix, bucket, remaining|'', reset ms|'', limit|'', leased-at ms|'', default limit
-- `leased-at` is when the observed call took its point: Twitch counted `remaining` at some
-- moment after it, so the bucket may have refilled since by at most (now - leased-at).
local bk = P .. 'bucket:' .. ARGV[2]
if redis.call('EXISTS', bk) == 0 then
  return 0
end
local now = now_ms()
local points, limit = refill(bk, now, tonumber(ARGV[7]))
local header_limit = tonumber(ARGV[5])
if header_limit and header_limit > 0 and header_limit < limit then
  limit = header_limit
  if points > limit then
    points = limit
  end
end
local remaining = tonumber(ARGV[3])
if remaining then
  local cap = remaining
  local leased_at = tonumber(ARGV[6])
  if leased_at and now > leased_at then
    cap = remaining + (now - leased_at) * limit / 60000
  end
  if cap < points then
    points = cap
  end
end
redis.call('HSET', bk, 'points', tostring(points), 'ts', now, 'limit', limit)
local reset = tonumber(ARGV[4])
if reset then
  redis.call('HSET', bk, 'reset', reset)
end
return 1
