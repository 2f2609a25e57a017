-- The buckets as modelled now, refilled but not written back.
-- ARGV: prefix, default limit, bucket|'' (empty: all)
-- Reply: now ms, then per bucket {key, limit, points, full in ms, blocked, reset, tokens, leased, throttled}
local now = now_ms()
local default_limit = tonumber(ARGV[2])
local keys
if ARGV[3] ~= '' then
  keys = { ARGV[3] }
else
  keys = redis.call('SMEMBERS', P .. 'buckets')
  table.sort(keys)
end
local out = { now }
for _, b in ipairs(keys) do
  local bk = P .. 'bucket:' .. b
  if redis.call('EXISTS', bk) == 1 then
    local points, limit, blocked = refill(bk, now, default_limit)
    local v = redis.call('HMGET', bk, 'reset', 'leased', 'throttled')
    local full_in = math.ceil((limit - points) * 60000 / limit)
    out[#out + 1] = { b, limit, tostring(points), full_in, blocked, v[1] or '0',
      redis.call('SCARD', P .. 'bucket-tokens:' .. b), v[2] or '0', v[3] or '0' }
  end
end
return out
