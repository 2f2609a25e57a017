-- Swap one ciphertext for its re-encryption, unless the value changed meanwhile.
-- ARGV: prefix, hash key (after the prefix), field, expected value, new value
local k = P .. ARGV[2]
if redis.call('HGET', k, ARGV[3]) ~= ARGV[4] then
  return 0
end
redis.call('HSET', k, ARGV[3], ARGV[5])
return 1
