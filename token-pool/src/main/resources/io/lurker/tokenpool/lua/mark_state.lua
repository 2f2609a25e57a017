-- Set a token's state (healthy | refreshing | invalid).
-- ARGV: prefix, id, state
local tk = P .. 'token:' .. ARGV[2]
if redis.call('EXISTS', tk) == 0 then
  return 0
end
redis.call('HSET', tk, 'state', ARGV[3], 'updated', now_ms())
return 1
