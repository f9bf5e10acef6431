// Simulated clients measuring their clock offset with the page's real WatchTogether.ClockSync.
// No real time passes: every timestamp is computed. Seeded, so every run sees the same clients.
//
// Each client's clock is off from the server's by trueOffset (server − client). A ping leaves at t0 (client clock),
// reaches the server after the forward delay (t1, server clock), is answered after the processing time (t2), and
// comes back after the return delay (t3, client clock). A delay is a fixed base per client plus independent
// exponential jitter on each leg. Returns, per client, the estimate after `samples` pings and its error.
(params) => {
  let state = params.seed >>> 0;
  // mulberry32: small, fast, good enough for a simulation, and the same in every browser.
  const random = () => {
    state = (state + 0x6D2B79F5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const uniform = (low, high) => low + (high - low) * random();
  const exponential = mean => -mean * Math.log(1 - random());
  // Server times come with microseconds, the browser's clock (performance.now) with about 0.1 ms.
  const serverClock = t => Math.round(t * 1000) / 1000;
  const clientClock = t => Math.round(t * 10) / 10;

  const clients = [];
  for (let c = 0; c < params.clients; c++) {
    const trueOffset = uniform(-params.maxOffsetMs, params.maxOffsetMs);
    const base = uniform(params.minBaseDelayMs, params.maxBaseDelayMs);
    const forward = params.forwardDelayMs == null ? base : params.forwardDelayMs;
    const back = params.backDelayMs == null ? base : params.backDelayMs;

    let trueTime = 1.7e12 + uniform(0, 1e10);   // the server's clock, the reference
    let clientNow = clientClock(trueTime - trueOffset);
    const clock = new WatchTogether.ClockSync({ window: params.window, now: () => clientNow });
    let firstSampleOffset = null;
    for (let i = 0; i < params.samples; i++) {
      const t0 = clientClock(trueTime - trueOffset);
      const received = trueTime + forward + exponential(params.jitterMeanMs);
      const sent = received + uniform(params.minProcessingMs, params.maxProcessingMs);
      const arrived = sent + back + exponential(params.jitterMeanMs);
      const t1 = serverClock(received);
      const t2 = serverClock(sent);
      const t3 = clientClock(arrived - trueOffset);
      clock.addSample(t0, t1, t2, t3);
      if (firstSampleOffset === null) {
        firstSampleOffset = ((t1 - t0) + (t2 - t3)) / 2;
      }
      trueTime = arrived + params.intervalMs;
    }
    clientNow = clientClock(trueTime - trueOffset);
    clients.push({
      trueOffset,
      forward,
      back,
      offset: clock.offset,
      roundTrip: clock.roundTrip,
      sampleCount: clock.sampleCount,
      ready: clock.ready,
      error: clock.offset - trueOffset,
      firstSampleError: firstSampleOffset - trueOffset,
      serverNowError: clock.serverNow() - trueTime,
    });
  }
  return clients;
}
