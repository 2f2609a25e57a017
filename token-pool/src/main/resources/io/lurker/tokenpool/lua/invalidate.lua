-- Twitch answered 401 with a token: mark it invalid, unless it was replaced since the lease.
-- ARGV: prefix, token id, generation|'' (empty: whatever the generation)
local tk = P .. 'token:' .. ARGV[2]
local t = redis.call('HMGET', tk, 'state', 'gen')
if not t[1] then
  return 0
end
if ARGV[3] ~= '' and t[2] ~= ARGV[3] then
  return 0
end
redis.call('HSET', tk, 'state', 'invalid', 'updated', now_ms())
return 1
