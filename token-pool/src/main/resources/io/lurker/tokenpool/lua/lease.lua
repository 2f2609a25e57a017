-- Lease one usable token of a bucket with points left, taking `cost` points, atomically.
-- ARGV: prefix, kind ('app'|'user'|''), client id|'', user id|'', cost, expiry margin ms,
--       default limit, idle poll ms, required scopes...
-- Reply: {1, token id, bucket, access ciphertext, generation, now ms, points left, scopes, expires}
--      | {0, wait ms, 'rate'|'pending'}    nothing usable now; look again after wait ms
--      | {-1, 'invalid'|'none'}            no token will become usable by waiting
local kind, cid, uid = ARGV[2], ARGV[3], ARGV[4]
local cost = tonumber(ARGV[5])
local margin = tonumber(ARGV[6])
local default_limit = tonumber(ARGV[7])
local idle = tonumber(ARGV[8])
local need = {}
for i = 9, #ARGV do
  need[#need + 1] = ARGV[i]
end
local now = now_ms()

local function has_scopes(stored)
  if #need == 0 then
    return true
  end
  local have = {}
  for s in string.gmatch(stored or '', '%S+') do
    have[s] = true
  end
  for _, s in ipairs(need) do
    if not have[s] then
      return false
    end
  end
  return true
end

local buckets
if cid ~= '' and uid ~= '' then
  buckets = { 'user:' .. cid .. ':' .. uid }
elseif cid ~= '' and kind == 'app' then
  buckets = { 'app:' .. cid }
else
  buckets = {}
  for _, b in ipairs(redis.call('SMEMBERS', P .. 'buckets')) do
    local bkind, bcid, buid = parse_bucket(b)
    if (kind == '' or kind == bkind) and (cid == '' or cid == bcid) and (uid == '' or uid == buid) then
      buckets[#buckets + 1] = b
    end
  end
  table.sort(buckets)
end

local best, best_points, best_limit, best_tokens
local wait
local matched, pending = false, false
for _, b in ipairs(buckets) do
  local tids = redis.call('SMEMBERS', P .. 'bucket-tokens:' .. b)
  table.sort(tids)
  local usable = {}
  for _, tid in ipairs(tids) do
    local t = redis.call('HMGET', P .. 'token:' .. tid, 'state', 'expires', 'scopes')
    if t[1] and has_scopes(t[3]) then
      matched = true
      local expires = tonumber(t[2]) or 0
      if t[1] == 'healthy' and (expires == 0 or expires - margin > now) then
        usable[#usable + 1] = tid
      elseif t[1] ~= 'invalid' then
        -- refreshing, or expired and awaiting renewal by auth-service
        pending = true
      end
    end
  end
  if #usable > 0 then
    local points, limit, blocked = refill(P .. 'bucket:' .. b, now, default_limit)
    if cost <= limit then
      if blocked <= now and points >= cost then
        -- most points left first: spreads load over buckets and leaves room in each
        if best == nil or points > best_points then
          best, best_points, best_limit, best_tokens = b, points, limit, usable
        end
      else
        local at = math.max(blocked, now + math.ceil((cost - points) * 60000 / limit))
        if wait == nil or at - now < wait then
          wait = at - now
        end
      end
    else
      pending = true
    end
  end
end

if best then
  local bk = P .. 'bucket:' .. best
  -- round-robin over the bucket's usable tokens, shared by every replica
  local rr = redis.call('HINCRBY', bk, 'rr', 1)
  local tid = best_tokens[(rr % #best_tokens) + 1]
  local left = best_points - cost
  redis.call('HSET', bk, 'points', tostring(left), 'ts', now, 'limit', best_limit)
  redis.call('HINCRBY', bk, 'leased', cost)
  local t = redis.call('HMGET', P .. 'token:' .. tid, 'access', 'gen', 'scopes', 'expires')
  return { 1, tid, best, t[1], t[2] or '0', now, tostring(left), t[3] or '', t[4] or '0' }
end
if wait then
  if pending and idle < wait then
    return { 0, idle, 'pending' }
  end
  return { 0, math.max(wait, 1), 'rate' }
end
if pending then
  return { 0, idle, 'pending' }
end
if matched then
  return { -1, 'invalid' }
end
return { -1, 'none' }
