-- Every stored token or credential hash (ciphertexts included; the caller drops them).
-- ARGV: prefix, 'tokens'|'creds', id|'' (empty: all)
local index, item = 'tokens', 'token:'
if ARGV[2] == 'creds' then
  index, item = 'creds', 'cred:'
end
local ids
if ARGV[3] ~= '' then
  ids = { ARGV[3] }
else
  ids = redis.call('SMEMBERS', P .. index)
  table.sort(ids)
end
local out = {}
for _, id in ipairs(ids) do
  local h = redis.call('HGETALL', P .. item .. id)
  if #h > 0 then
    out[#out + 1] = h
  end
end
return out
