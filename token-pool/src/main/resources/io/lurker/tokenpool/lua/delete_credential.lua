-- Forget a client: its credential, every token of that client id and their buckets.
-- ARGV: prefix, client id
-- Reply: {credential deleted (0|1), tokens deleted}
local cid = ARGV[2]
local existed = redis.call('DEL', P .. 'cred:' .. cid)
redis.call('SREM', P .. 'creds', cid)
local removed = 0
for _, b in ipairs(redis.call('SMEMBERS', P .. 'buckets')) do
  local _, bcid = parse_bucket(b)
  if bcid == cid then
    for _, tid in ipairs(redis.call('SMEMBERS', P .. 'bucket-tokens:' .. b)) do
      removed = removed + redis.call('DEL', P .. 'token:' .. tid)
      redis.call('SREM', P .. 'tokens', tid)
    end
    redis.call('DEL', P .. 'bucket-tokens:' .. b, P .. 'bucket:' .. b)
    redis.call('SREM', P .. 'buckets', b)
  end
end
return { existed, removed }
