-- Give back the points of a lease nobody took (its caller gave up meanwhile).
-- ARGV: prefix, bucket, points, default limit
local bk = P .. 'bucket:' .. ARGV[2]
if redis.call('EXISTS', bk) == 0 then
  return 0
end
local now = now_ms()
local points, limit = refill(bk, now, tonumber(ARGV[4]))
points = math.min(limit, points + tonumber(ARGV[3]))
redis.call('HSET', bk, 'points', tostring(points), 'ts', now)
redis.call('HINCRBY', bk, 'leased', -tonumber(ARGV[3]))
return 1
