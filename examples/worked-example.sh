#!/usr/bin/env bash
# The README's worked example: two users, a room over REST, one of them watching over STOMP.
set -euo pipefail
API=${API:-http://localhost:3000}
json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }

# Two accounts; each answer carries a token.
ALICE=$(curl -s -X POST $API/auth/register -H 'Content-Type: application/json' \
  -d "{\"username\":\"alice$RANDOM\",\"password\":\"correct horse\"}" | json token)
BOB=$(curl -s -X POST $API/auth/register -H 'Content-Type: application/json' \
  -d "{\"username\":\"bob$RANDOM\",\"password\":\"correct horse\"}" | json token)

# Alice creates a room.
ROOM=$(curl -s -X POST $API/auth/watch-together/rooms -H "Authorization: Bearer $ALICE" \
  -H 'Content-Type: application/json' \
  -d '{"name":"Movie Night","mediaId":"666243","mediaType":"movie","providerId":"vidnest"}' | json roomId)
echo "room $ROOM"

# Bob joins over STOMP and waits for three room messages.
(cd "$(dirname "$0")/stomp-client" && npm install --silent --no-audit --no-fund >/dev/null)
node "$(dirname "$0")/stomp-client/watch.mjs" "$BOB" "$ROOM" 3 > /tmp/bob.log &
BOB_PID=$!
for _ in $(seq 150); do grep -q ready /tmp/bob.log && break; sleep 0.2; done

# Alice plays, seeks to 120 s and sets the rate; Bob sees each one.
for action in '{"type":"play"}' '{"type":"seek","data":{"currentTime":120}}' \
              '{"type":"setPlaybackRate","data":{"rate":1.5}}'; do
  curl -s -X POST $API/auth/watch-together/rooms/$ROOM/playback -H "Authorization: Bearer $ALICE" \
    -H 'Content-Type: application/json' -d "{\"action\":$action}"; echo
done
wait $BOB_PID
cat /tmp/bob.log

# The room as the read model holds it.
curl -s $API/auth/watch-together/rooms/$ROOM -H "Authorization: Bearer $BOB"; echo
