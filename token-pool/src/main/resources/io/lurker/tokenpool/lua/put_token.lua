-- Store or replace a token (material already encrypted) and attach it to its bucket.
-- ARGV: prefix, id, kind, client id, user id|'', login|'', scopes (space separated),
--       expires ms (0 = never), access ciphertext, refresh ciphertext|'', bucket, default limit
-- Reply: the token's new generation
local id, bucket = ARGV[2], ARGV[11]
local tk = P .. 'token:' .. id
local now = now_ms()
local old = redis.call('HMGET', tk, 'bucket', 'gen')
if old[1] and old[1] ~= bucket then
  redis.call('SREM', P .. 'bucket-tokens:' .. old[1], id)
end
local gen = (tonumber(old[2]) or 0) + 1
redis.call('DEL', tk)
redis.call('HSET', tk, 'id', id, 'kind', ARGV[3], 'client_id', ARGV[4], 'user_id', ARGV[5], 'login', ARGV[6],
  'scopes', ARGV[7], 'expires', ARGV[8], 'state', 'healthy', 'access', ARGV[9], 'bucket', bucket,
  'gen', gen, 'updated', now)
if ARGV[10] ~= '' then
  redis.call('HSET', tk, 'refresh', ARGV[10])
end
redis.call('SADD', P .. 'tokens', id)
redis.call('SADD', P .. 'bucket-tokens:' .. bucket, id)
redis.call('SADD', P .. 'buckets', bucket)
local bk = P .. 'bucket:' .. bucket
if redis.call('EXISTS', bk) == 0 then
  -- a new bucket starts full, as Twitch's does
  local limit = tonumber(ARGV[12])
  redis.call('HSET', bk, 'limit', limit, 'points', limit, 'ts', now)
end
return gen
