-- Twitch answered 429: the bucket is empty and no lease may use it before the reset.
-- ARGV: prefix, bucket, reset ms|'', default limit, minimum block ms, block ms without reset
local bk = P .. 'bucket:' .. ARGV[2]
if redis.call('EXISTS', bk) == 0 then
  return 0
end
local now = now_ms()
local _, limit, blocked = refill(bk, now, tonumber(ARGV[4]))
local reset = tonumber(ARGV[3])
local until_ms
if reset then
  -- a reset already past (clock skew with Twitch) still blocks for the minimum
  until_ms = math.max(reset, now + tonumber(ARGV[5]))
else
  until_ms = now + tonumber(ARGV[6])
end
if blocked > until_ms then
  until_ms = blocked
end
redis.call('HSET', bk, 'points', '0', 'ts', now, 'limit', limit, 'blocked', until_ms, 'reset', until_ms)
redis.call('HINCRBY', bk, 'throttled', 1)
return until_ms
