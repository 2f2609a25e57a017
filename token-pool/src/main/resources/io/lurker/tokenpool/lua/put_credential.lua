-- Store or replace a client credential (secret already encrypted).
-- ARGV: prefix, client id, secret ciphertext
local ck = P .. 'cred:' .. ARGV[2]
redis.call('HSET', ck, 'client_id', ARGV[2], 'secret', ARGV[3], 'updated', now_ms())
redis.call('SADD', P .. 'creds', ARGV[2])
return 1
