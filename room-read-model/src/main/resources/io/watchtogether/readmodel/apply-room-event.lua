-- Applies one event of a room to its read model, atomically, touching only that room's key.
-- KEYS[1]: the room's state key (RoomState JSON, which carries its version)
-- ARGV[1]: the event's version; ARGV[2]: the state after the event; ARGV[3]: expiry in ms, 0 for none
-- Returns {outcome, storedVersion}: outcome 1 = applied, 0 = duplicate (already applied), -1 = gap.
local incoming = tonumber(ARGV[1])
local stored = 0
local current = redis.call('GET', KEYS[1])
if current then
  stored = tonumber(cjson.decode(current).version)
end
if incoming <= stored then
  return {0, stored}
end
if incoming ~= stored + 1 then
  return {-1, stored}
end
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return {1, incoming}
