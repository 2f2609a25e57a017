-- Remove a token. Its bucket stays: Twitch keeps counting it for the client id or user.
-- ARGV: prefix, id
local tk = P .. 'token:' .. ARGV[2]
local bucket = redis.call('HGET', tk, 'bucket')
redis.call('SREM', P .. 'tokens', ARGV[2])
if bucket then
  redis.call('SREM', P .. 'bucket-tokens:' .. bucket, ARGV[2])
end
return redis.call('DEL', tk)
