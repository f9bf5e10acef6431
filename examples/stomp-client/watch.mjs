// Joins a room over STOMP and prints every message, as a browser client with @stomp/stompjs would.
// Usage: node watch.mjs <token> <roomId> [messagesToWaitFor=3] [gatewayUrl=ws://localhost:3001/ws]
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

Object.assign(globalThis, { WebSocket }); // Node 20 has no global WebSocket; browsers do.

const [token, roomId, wanted = '3', brokerURL = 'ws://localhost:3001/ws'] = process.argv.slice(2);
if (!token || !roomId) {
  console.error('usage: node watch.mjs <token> <roomId> [messagesToWaitFor] [gatewayUrl]');
  process.exit(2);
}
let roomMessages = 0;
const client = new Client({
  brokerURL,
  connectHeaders: { Authorization: `Bearer ${token}` },
  reconnectDelay: 0,
});
const giveUp = setTimeout(() => { console.error('timed out'); process.exit(1); }, 30_000);

client.onConnect = () => {
  client.subscribe('/user/queue/rooms', (frame) => {
    const message = JSON.parse(frame.body);
    console.log(`reply ${message.type} v${message.version ?? '-'} ${message.message ?? ''}`);
    if (message.type === 'error') process.exit(1);
    if (message.type === 'initial_state') {
      client.subscribe(`/topic/rooms.${roomId}`, (event) => {
        const m = JSON.parse(event.body);
        const detail = m.action ? `${m.action.type} position=${m.state.currentTime}s playing=${m.state.isPlaying}` : '';
        console.log(`room  ${m.type} v${m.version} ${detail}`);
        if (++roomMessages >= Number(wanted)) {
          clearTimeout(giveUp);
          client.deactivate().then(() => process.exit(0));
        }
      });
      console.log('ready'); // subscribed: room events from now on are printed
    }
  });
  client.publish({ destination: `/app/rooms.${roomId}.join`, body: '{}' });
};
client.onStompError = (frame) => { console.error('STOMP error:', frame.headers.message); process.exit(1); };
client.onWebSocketError = () => { console.error(`cannot reach ${brokerURL}`); process.exit(1); };
client.activate();
