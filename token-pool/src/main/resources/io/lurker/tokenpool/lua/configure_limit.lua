-- Set a bucket's limit (points per minute), creating the bucket if needed.
-- ARGV: prefix, bucket, limit, default limit
local b = ARGV[2]
local bk = P .. 'bucket:' .. b
local now = now_ms()
local existed = redis.call('EXISTS', bk)
local points = refill(bk, now, tonumber(ARGV[4]))
local limit = tonumber(ARGV[3])
if existed == 0 then
  points = limit
end
if points > limit then
  points = limit
end
redis.call('HSET', bk, 'limit', limit, 'points', tostring(points), 'ts', now)
redis.call('SADD', P .. 'buckets', b)
return 1
