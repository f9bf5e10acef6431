/*
 * watch-together.js — embeddable client library of Watch Together (plain ES2020 script, no build step).
 *
 * Load it with <script src="/watch-together.js"></script> after @stomp/stompjs
 * (<script src="/webjars/stomp__stompjs/bundles/stomp.umd.min.js"></script>, global StompJs); ClockSync and
 * SyncPlayer need no STOMP. It defines globalThis.WatchTogether:
 *
 * WatchTogether.ClockSync — NTP-style estimate of the server clock. Pure: no DOM, no timers.
 *   new ClockSync({ window = 8, now = () => performance.timeOrigin + performance.now(), minSamples = 1 })
 *   addSample(t0, t1, t2, t3) → { offset, roundTrip } | null
 *       t0 client send, t1 server receive, t2 server send, t3 client receive (ms). Sample offset
 *       ((t1 - t0) + (t2 - t3)) / 2, round trip (t3 - t0) - (t2 - t1). Keeps the last `window` samples;
 *       the estimate is the offset of the one with the lowest round trip (the latest on a tie). Returns null
 *       (and keeps nothing) for non-finite times or a round trip below -1 ms.
 *   offset       server − client in ms (0 before any sample)
 *   roundTrip    round trip of the chosen sample in ms (null before any sample)
 *   sampleCount  samples kept (at most `window`)
 *   ready        sampleCount >= minSamples
 *   samples      copy of the kept samples [{ t0, t1, t2, t3, offset, roundTrip }]
 *   now()        local time (ms) of the injected/high-resolution source
 *   serverNow()  now() + offset: the server's epoch ms
 *   toServerTime(localMs), toLocalTime(serverMs), reset()
 *
 * WatchTogether.Client — REST (command-api) + STOMP (sync-gateway) for one user in one room at a time.
 *   new Client({ apiUrl, wsUrl, clock?, StompJs?, getToken?, reconnectDelay = 1000,
 *                heartbeatInterval = 10000, resyncInterval = 30000, burstSize = 8, tokenRefreshMargin = 60000,
 *                joinTimeout = 10000, commandTransport = 'stomp' | 'rest', debug? })
 *   register(username, password), login(username, password) → Promise<{ userId, username, token }>
 *       (credentials are remembered in memory to log in again before the token expires)
 *   setToken(token), logout(); getters token, userId, username, status, connected, roomId, room, isAdmin
 *   request(method, path, body?) → Promise<data>  REST under apiUrl; failures reject with ApiError
 *   providers() → Promise<[{ id, name, baseUrl, movieTemplate, tvTemplate, player }]>
 *   createRoom({ name, mediaId, mediaType, providerId?, season?, episode?, adminOnlyPlayback? }) → Promise<room>
 *   getRoom(roomId) → Promise<room>
 *   connect() → Promise (resolves at the first CONNECTED); disconnect()
 *       automatic reconnection (stompjs reconnectDelay), then re-subscribe, re-join the room and a new
 *       time-sync burst; one time-sync ping every resyncInterval; room heartbeat every heartbeatInterval
 *   syncClock(count = burstSize) → Promise<ClockSync>
 *   joinRoom(roomId) → Promise<initial_state message>; leaveRoom() → Promise
 *   play(), pause(), seek(seconds), setRate(rate), updateTime(seconds) (sent with the room version it is based
 *   on, so the room ignores a report that predates its latest change), changeMedia(mediaId, mediaType?,
 *   season?, episode?, providerId?) (with providerId, media and provider change together), changeProvider(providerId), changeEpisode(episode, season?), kick(userId),
 *   transferAdmin(userId), sync() → Promise (over STOMP: resolves once sent; refusals arrive as 'error'
 *   events. Over REST (commandTransport 'rest', or while disconnected): rejects with ApiError)
 *   on(type, fn) → unsubscribe function; off(type, fn)
 *       server message types: 'initial_state', 'sync_response', 'time_sync', 'error', 'user_joined',
 *       'user_left', 'user_kicked', 'admin_changed', 'playback_updated', 'episode_changed',
 *       'provider_changed', 'media_changed', 'room_closed', 'room_created'; and
 *       'message' (every server message), 'state' (state, message) whenever the room's playback state
 *       changes, 'room' (room) whenever the room model changes, 'left' ({ roomId, reason }) when this user
 *       is no longer in the room ('left', 'kicked', 'closed', 'heartbeat_timeout', 'disconnected',
 *       'rejoin_refused'), 'status' ({ status, detail }) with status 'connecting' | 'connected' |
 *       'reconnecting' | 'offline', 'clock' (clock) after each time sample, 'token' ({ token, userId }),
 *       'unauthorized' ({ detail, error }) when the token was refused and cannot be renewed (log in again).
 *   Messages with a version not above the room's current version are dropped (already applied).
 *
 * WatchTogether.SyncPlayer — keeps an HTML5 <video> on the room's playback state, anchored in server time.
 *   new SyncPlayer(video, clock, { lowerThresholdMs = 20, upperThresholdMs = 1000, stopThresholdMs = 10,
 *       maxRateAdjustment = 0.10, correctionGain = 1.5, tickMs = 100, jumpThresholdMs = 250,
 *       seekLatencyMs = 60, playLatencyMs = 5, learnLatency = true, settleMs = 300, spinMs = 12,
 *       alignTimeoutMs = 3000, onBuffering?(bool), onAutoplayBlocked?(error) })
 *       (buffering: 'waiting'/'stalled' → onBuffering(true); 'playing'/'canplay', or the element playing
 *       with data again → onBuffering(false))
 *   apply(state)    state { isPlaying, currentTime (s), playbackRate, anchorTime (server epoch ms), ... }.
 *       A state whose anchor is in the future is scheduled (the previous one holds until then; a newer
 *       state supersedes scheduled ones at or after its anchor); the last spinMs before an instant are a
 *       busy wait, so timers' lateness does not matter. Pause: at the anchor, paused on the exact position.
 *       Play from paused: the element is pre-positioned (paused at the target) as soon as the state comes
 *       and play() is called playLatencyMs before the anchor. A seek while playing (the new position departs
 *       from where the element would be by more than jumpThresholdMs): the element is paused and seeked to
 *       the position the room has at max(anchor, now + seek margin), then started at the exact instant the
 *       room reaches it (seek margin = 1.25 × measured seek time + 20 ms), so the error is the start
 *       latency, not the seek's duration.
 *   Correction (every tickMs): drift = element position − expected position at clock.serverNow().
 *       |drift| > upperThresholdMs → hard seek (the same paused seek + timed start); between the thresholds
 *       → soft correction playbackRate = rate × (1 − clamp(gain × drift_s, ±maxRateAdjustment)), started
 *       above lowerThresholdMs and stopped below stopThresholdMs (hysteresis). Never while the element
 *       seeks (its own seeks or anyone else's). A paused element is started when the state says playing
 *       (muted if the autoplay policy needs it). Seek time (seekLatencyMs) is measured on every own seek;
 *       start latency (playLatencyMs) is learnt from the drift settleMs after each timed start.
 *   stats() → { driftMs, rate, hardSeeks, softCorrections, buffering, seeks, correcting, seekLatencyMs,
 *               playLatencyMs, expected, position, pending }
 *   configure(partialOptions), state (the state in force), pendingCount, expectedPosition(serverMs?),
 *   stall(ms) (test aid: pause the element and stop following for ms, then catch up), destroy()
 *
 * WatchTogether.positionAt(state, serverMs) → seconds; WatchTogether.ApiError { status, code, detail }.
 */
(function (global) {
  'use strict';

  function hiResNow() {
    if (typeof performance !== 'undefined' && performance && typeof performance.now === 'function'
        && typeof performance.timeOrigin === 'number' && performance.timeOrigin > 0) {
      return performance.timeOrigin + performance.now();
    }
    return Date.now();
  }

  function finite(x) {
    return typeof x === 'number' && Number.isFinite(x);
  }

  function clamp(x, lo, hi) {
    return Math.min(hi, Math.max(lo, x));
  }

  /** Position (seconds) of a playback state at server instant serverMs. */
  function positionAt(state, serverMs) {
    if (!state) {
      return 0;
    }
    const base = Number(state.currentTime) || 0;
    if (!state.isPlaying) {
      return Math.max(0, base);
    }
    const rate = finite(state.playbackRate) ? state.playbackRate : 1;
    return Math.max(0, base + (serverMs - Number(state.anchorTime)) / 1000 * rate);
  }

  // ---------------------------------------------------------------------------------------------------
  // ClockSync
  // ---------------------------------------------------------------------------------------------------

  class ClockSync {
    constructor(options = {}) {
      const size = Math.floor(Number(options.window));
      this._window = size >= 1 ? size : 8;
      this._minSamples = Math.max(1, Math.floor(Number(options.minSamples) || 1));
      this._now = typeof options.now === 'function' ? options.now : hiResNow;
      this._samples = [];
      this._best = null;
    }

    addSample(t0, t1, t2, t3) {
      t0 = Number(t0); t1 = Number(t1); t2 = Number(t2); t3 = Number(t3);
      if (!finite(t0) || !finite(t1) || !finite(t2) || !finite(t3)) {
        return null;
      }
      const roundTrip = (t3 - t0) - (t2 - t1);
      if (roundTrip < -1) {
        return null;
      }
      const offset = ((t1 - t0) + (t2 - t3)) / 2;
      const sample = { t0, t1, t2, t3, offset, roundTrip };
      this._samples.push(sample);
      while (this._samples.length > this._window) {
        this._samples.shift();
      }
      let best = null;
      for (const s of this._samples) {
        if (best === null || s.roundTrip <= best.roundTrip) {
          best = s;
        }
      }
      this._best = best;
      return { offset, roundTrip };
    }

    get offset() { return this._best ? this._best.offset : 0; }
    get roundTrip() { return this._best ? this._best.roundTrip : null; }
    get sampleCount() { return this._samples.length; }
    get ready() { return this._samples.length >= this._minSamples; }
    get window() { return this._window; }
    get samples() { return this._samples.map((s) => Object.assign({}, s)); }

    now() { return this._now(); }
    serverNow() { return this._now() + this.offset; }
    toServerTime(localMs) { return localMs + this.offset; }
    toLocalTime(serverMs) { return serverMs - this.offset; }

    reset() {
      this._samples = [];
      this._best = null;
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Small helpers: errors, events, tokens
  // ---------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, detail, body) {
      super(detail || code || ('HTTP ' + status));
      this.name = 'ApiError';
      this.status = status;
      this.code = code || null;
      this.detail = detail || this.message;
      this.body = body || null;
    }
  }

  class Emitter {
    constructor() { this._handlers = new Map(); }

    on(type, fn) {
      if (!this._handlers.has(type)) {
        this._handlers.set(type, new Set());
      }
      this._handlers.get(type).add(fn);
      return () => this.off(type, fn);
    }

    off(type, fn) {
      const set = this._handlers.get(type);
      if (set) {
        set.delete(fn);
      }
    }

    emit(type, ...args) {
      const set = this._handlers.get(type);
      if (!set) {
        return;
      }
      for (const fn of Array.from(set)) {
        try {
          fn(...args);
        } catch (e) {
          if (typeof console !== 'undefined') {
            console.error('watch-together: a "' + type + '" handler failed', e);
          }
        }
      }
    }
  }

  /** The claims of a JWT (no verification: only to know when it expires). */
  function jwtClaims(token) {
    try {
      const part = String(token).split('.')[1];
      const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4);
      const text = typeof atob === 'function' ? atob(b64) : Buffer.from(b64, 'base64').toString('binary');
      return JSON.parse(decodeURIComponent(Array.from(text, (c) =>
        '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
    } catch (e) {
      return {};
    }
  }

  function randomId() {
    if (global.crypto && typeof global.crypto.randomUUID === 'function') {
      return global.crypto.randomUUID();
    }
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }

  function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  const ROOM_EVENT_TYPES = new Set(['user_joined', 'user_left', 'user_kicked', 'admin_changed', 'playback_updated',
    'episode_changed', 'provider_changed', 'media_changed', 'room_closed']);
  const STATE_EVENT_TYPES = new Set(['playback_updated', 'episode_changed', 'provider_changed', 'media_changed']);
  const JOIN_COMMANDS = new Set(['JoinRoom', 'join']);

  // ---------------------------------------------------------------------------------------------------
  // Client
  // ---------------------------------------------------------------------------------------------------

  class Client extends Emitter {
    constructor(options = {}) {
      super();
      const loc = global.location;
      this.apiUrl = String(options.apiUrl || (loc ? loc.protocol + '//' + loc.hostname + ':3000' : 'http://localhost:3000'))
        .replace(/\/+$/, '');
      this.wsUrl = options.wsUrl || (loc ? (loc.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + loc.host + '/ws'
        : 'ws://localhost:3001/ws');
      this.clock = options.clock || new ClockSync();
      this.options = Object.assign({
        reconnectDelay: 1000,
        heartbeatInterval: 10000,
        resyncInterval: 30000,
        burstSize: 8,
        burstGapMs: 20,
        pingTimeout: 3000,
        tokenRefreshMargin: 60000,
        joinTimeout: 10000,
        commandTransport: 'stomp',
      }, options);
      this._StompJs = options.StompJs || null;
      this._getToken = typeof options.getToken === 'function' ? options.getToken : null;
      this._debug = typeof options.debug === 'function' ? options.debug : null;
      this._token = null;
      this._userId = null;
      this._username = null;
      this._credentials = null;
      this._refreshTimer = null;
      this._forceRefresh = false;
      this._stomp = null;
      this._status = 'offline';
      this._connectedOnce = null;
      this._privateSub = null;
      this._topicSub = null;
      this._topicRoom = null;
      this._roomId = null;
      this._room = null;
      this._joinWaiter = null;
      this._pings = new Map();
      this._heartbeatTimer = null;
      this._resyncTimer = null;
      this._syncing = null;
    }

    // ----- identity -----

    get token() { return this._token; }
    get userId() { return this._userId; }
    get username() { return this._username; }
    get status() { return this._status; }
    get connected() { return this._status === 'connected'; }
    get roomId() { return this._roomId; }
    get room() { return this._room; }
    get isAdmin() { return !!(this._room && this._userId && this._room.adminId === this._userId); }

    async register(username, password) {
      const data = await this._post('/auth/register', { username, password }, false);
      this._credentials = { username, password };
      this._takeToken(data);
      return data;
    }

    async login(username, password) {
      const data = await this._post('/auth/login', { username, password }, false);
      this._credentials = { username, password };
      this._takeToken(data);
      return data;
    }

    /** Use a token obtained elsewhere (no credentials remembered; pass getToken to refresh it). */
    setToken(token) {
      const claims = jwtClaims(token);
      this._takeToken({ token, userId: claims.sub || claims.userId || null, username: claims.username || null });
    }

    logout() {
      this.disconnect();
      if (this._joinWaiter) {
        clearTimeout(this._joinWaiter.timer);
        this._joinWaiter.reject(new ApiError(0, 'LOGGED_OUT', 'Logged out'));
        this._joinWaiter = null;
      }
      this._roomId = null;
      this._room = null;
      this._credentials = null;
      this._token = null;
      this._userId = null;
      this._username = null;
      clearTimeout(this._refreshTimer);
    }

    _takeToken(data) {
      if (!data || !data.token) {
        throw new ApiError(500, 'NO_TOKEN', 'The server answered without a token');
      }
      this._token = data.token;
      if (data.userId) { this._userId = data.userId; }
      if (data.username) { this._username = data.username; }
      if (this._stomp) {
        this._stomp.connectHeaders = { Authorization: 'Bearer ' + this._token };
      }
      this._scheduleRefresh();
      this.emit('token', { token: this._token, userId: this._userId, username: this._username });
    }

    _tokenExpiresAt() {
      const exp = jwtClaims(this._token).exp;
      return finite(exp) ? exp * 1000 : null;
    }

    _scheduleRefresh() {
      clearTimeout(this._refreshTimer);
      const expiresAt = this._tokenExpiresAt();
      if (expiresAt === null || (!this._credentials && !this._getToken)) {
        return;
      }
      const wait = expiresAt - this.options.tokenRefreshMargin - this.clock.serverNow();
      this._refreshTimer = setTimeout(() => {
        this.refreshToken().catch((e) => this.emit('status', { status: this._status, detail: 'Could not renew the session: ' + e.message }));
      }, clamp(wait, 1000, 2147483000));
    }

    /** Gets a new token (getToken callback, else a login with the remembered credentials). */
    async refreshToken() {
      if (this._getToken) {
        const token = await this._getToken();
        if (token) {
          this.setToken(token);
        }
        return this._token;
      }
      if (this._credentials) {
        await this.login(this._credentials.username, this._credentials.password);
        return this._token;
      }
      throw new ApiError(401, 'TOKEN_EXPIRED', 'The session expired; log in again');
    }

    async _ensureFreshToken() {
      const expiresAt = this._tokenExpiresAt();
      const expiring = expiresAt !== null && expiresAt - this.clock.serverNow() < this.options.tokenRefreshMargin;
      if ((expiring || this._forceRefresh) && (this._credentials || this._getToken)) {
        this._forceRefresh = false;
        try {
          await this.refreshToken();
        } catch (e) {
          this._log('token refresh failed: ' + e.message);
          if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
            this.disconnect();
            this.emit('unauthorized', { detail: e.detail, error: e });
          }
        }
      }
    }

    // ----- REST -----

    async request(method, path, body, retried) {
      const headers = { Accept: 'application/json, application/problem+json' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      if (this._token) {
        headers.Authorization = 'Bearer ' + this._token;
      }
      let response;
      try {
        response = await fetch(this.apiUrl + path, {
          method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        throw new ApiError(0, 'NETWORK', 'Cannot reach the server at ' + this.apiUrl + ' (' + e.message + ')');
      }
      let json = null;
      const text = await response.text();
      if (text) {
        try {
          json = JSON.parse(text);
        } catch (e) {
          json = null;
        }
      }
      if (!response.ok || (json && json.success === false)) {
        const code = json && json.code;
        if (response.status === 401 && !retried && this._token && (this._credentials || this._getToken)
            && (code === 'TOKEN_EXPIRED' || code === 'TOKEN_INVALID')) {
          try {
            await this.refreshToken();
          } catch (e) {
            this.emit('unauthorized', { detail: e.detail || e.message, error: e });
            throw e;
          }
          return this.request(method, path, body, true);
        }
        const detail = (json && (json.detail || json.message || json.error || json.title))
          || ('The server answered ' + response.status + (response.statusText ? ' ' + response.statusText : ''));
        const error = new ApiError(response.status, code || null, detail, json);
        if (response.status === 401 && this._token && /^TOKEN_/.test(code || '')) {
          this.emit('unauthorized', { detail, error });
        }
        throw error;
      }
      return json && Object.prototype.hasOwnProperty.call(json, 'data') ? json.data : json;
    }

    _post(path, body) {
      return this.request('POST', path, body === undefined ? {} : body);
    }

    providers() {
      return this.request('GET', '/auth/watch-together/providers');
    }

    createRoom(options) {
      const body = {};
      for (const key of ['name', 'mediaId', 'mediaType', 'providerId', 'season', 'episode', 'adminOnlyPlayback']) {
        if (options[key] !== undefined && options[key] !== null && options[key] !== '') {
          body[key] = options[key];
        }
      }
      return this._post('/auth/watch-together/rooms', body);
    }

    getRoom(roomId) {
      return this.request('GET', '/auth/watch-together/rooms/' + encodeURIComponent(roomId));
    }

    // ----- STOMP connection -----

    connect() {
      if (this._connectedOnce) {
        return this._connectedOnce.promise;
      }
      const StompJs = this._StompJs || global.StompJs;
      if (!StompJs || !StompJs.Client) {
        return Promise.reject(new Error('@stomp/stompjs is not loaded (global StompJs)'));
      }
      let resolve;
      const promise = new Promise((r) => { resolve = r; });
      this._connectedOnce = { promise, resolve };
      const stomp = new StompJs.Client({
        brokerURL: this.wsUrl,
        connectHeaders: { Authorization: 'Bearer ' + this._token },
        reconnectDelay: this.options.reconnectDelay,
        heartbeatIncoming: 10000,
        heartbeatOutgoing: 10000,
        debug: (text) => this._log(text),
      });
      stomp.beforeConnect = async () => {
        this._setStatus(this._everConnected ? 'reconnecting' : 'connecting');
        await this._ensureFreshToken();
        stomp.connectHeaders = { Authorization: 'Bearer ' + this._token };
      };
      stomp.onConnect = () => this._onConnect();
      stomp.onStompError = (frame) => {
        const message = String((frame.headers && frame.headers.message) || 'STOMP error')
          .replace(/\\(c|n|r|\\)/g, (m, c) => ({ c: ':', n: ' ', r: '', '\\': '\\' })[c]);
        if (/unauthori[sz]ed|token/i.test(message)) {
          if (!this._credentials && !this._getToken) {
            // Nothing to renew the token with: reconnecting would only fail again.
            this.disconnect();
            this.emit('unauthorized', { detail: message, error: new ApiError(401, 'TOKEN_INVALID', message) });
            return;
          }
          this._forceRefresh = true;
        }
        this._setStatus('reconnecting', message);
      };
      stomp.onWebSocketClose = () => {
        this._privateSub = null;
        this._topicSub = null;
        this._topicRoom = null;
        this._rejectPings();
        if (this._stomp === stomp && stomp.active) {
          this._setStatus('reconnecting', 'Connection lost; reconnecting…');
        }
      };
      this._stomp = stomp;
      this._setStatus('connecting');
      stomp.activate();
      this._startTimers();
      return promise;
    }

    disconnect() {
      const stomp = this._stomp;
      this._stomp = null;
      this._connectedOnce = null;
      this._stopTimers();
      this._rejectPings();
      this._privateSub = null;
      this._topicSub = null;
      this._topicRoom = null;
      if (stomp) {
        stomp.deactivate();
      }
      this._setStatus('offline');
    }

    _onConnect() {
      const stomp = this._stomp;
      if (!stomp) {
        return;
      }
      this._everConnected = true;
      this._privateSub = stomp.subscribe('/user/queue/rooms', (frame) => this._onFrame(frame, false));
      this._setStatus('connected');
      if (this._connectedOnce) {
        this._connectedOnce.resolve();
      }
      const roomId = this._roomId || (this._joinWaiter && this._joinWaiter.roomId);
      if (roomId) {
        this._publish('/app/rooms.' + roomId + '.join', {});
      }
      this.syncClock().catch(() => { /* retried by the periodic resync */ });
    }

    _setStatus(status, detail) {
      if (this._status === status && !detail) {
        return;
      }
      this._status = status;
      this.emit('status', { status, detail: detail || null });
    }

    _startTimers() {
      this._stopTimers();
      this._heartbeatTimer = setInterval(() => {
        if (this.connected && this._roomId) {
          this._publish('/app/rooms.' + this._roomId + '.heartbeat', {});
        }
      }, this.options.heartbeatInterval);
      this._resyncTimer = setInterval(() => {
        if (this.connected) {
          this.syncClock(1).catch(() => { /* next time */ });
        }
      }, this.options.resyncInterval);
    }

    _stopTimers() {
      clearInterval(this._heartbeatTimer);
      clearInterval(this._resyncTimer);
      this._heartbeatTimer = null;
      this._resyncTimer = null;
    }

    _publish(destination, body, headers) {
      if (!this._stomp || !this.connected) {
        throw new ApiError(0, 'NOT_CONNECTED', 'Not connected to the sync server');
      }
      this._stomp.publish({
        destination,
        body: JSON.stringify(body === undefined ? {} : body),
        headers: Object.assign({ 'content-type': 'application/json' }, headers || {}),
      });
    }

    _log(text) {
      if (this._debug) {
        this._debug(text);
      }
    }

    // ----- time sync -----

    /** Sends `count` sequential pings to /app/time and feeds the answers to the clock. */
    syncClock(count) {
      const n = count || this.options.burstSize;
      if (this._syncing) {
        return this._syncing;
      }
      const run = async () => {
        for (let i = 0; i < n; i++) {
          if (!this.connected) {
            break;
          }
          try {
            await this._ping();
          } catch (e) {
            this._log('time ping failed: ' + e.message);
          }
          if (i < n - 1) {
            await delay(this.options.burstGapMs);
          }
        }
        return this.clock;
      };
      this._syncing = run().finally(() => { this._syncing = null; });
      return this._syncing;
    }

    _ping() {
      return new Promise((resolve, reject) => {
        const t0 = this.clock.now();
        const timer = setTimeout(() => {
          this._pings.delete(t0);
          reject(new Error('no time_sync answer'));
        }, this.options.pingTimeout);
        this._pings.set(t0, { resolve, reject, timer });
        try {
          this._publish('/app/time', { clientSendTime: t0 });
        } catch (e) {
          clearTimeout(timer);
          this._pings.delete(t0);
          reject(e);
        }
      });
    }

    _onTimeSync(message, t3) {
      let key = Number(message.clientSendTime);
      if (!this._pings.has(key)) {
        let best = null;
        for (const k of this._pings.keys()) {
          if (best === null || Math.abs(k - key) < Math.abs(best - key)) {
            best = k;
          }
        }
        if (best === null || Math.abs(best - key) > 1) {
          return;
        }
        key = best;
      }
      const ping = this._pings.get(key);
      this._pings.delete(key);
      clearTimeout(ping.timer);
      const sample = this.clock.addSample(key, Number(message.serverReceiveTime), Number(message.serverSendTime), t3);
      ping.resolve(sample);
      this.emit('clock', this.clock);
    }

    _rejectPings() {
      for (const ping of this._pings.values()) {
        clearTimeout(ping.timer);
        ping.reject(new Error('connection closed'));
      }
      this._pings.clear();
    }

    // ----- incoming messages -----

    _onFrame(frame, fromTopic) {
      const t3 = this.clock.now();
      let message;
      try {
        message = JSON.parse(frame.body);
      } catch (e) {
        this._log('unreadable message: ' + frame.body);
        return;
      }
      if (!message || typeof message.type !== 'string') {
        return;
      }
      if (message.type === 'time_sync') {
        this._onTimeSync(message, t3);
        this.emit('time_sync', message);
        return;
      }
      if (message.type === 'initial_state') {
        this._onInitialState(message);
      } else if (message.type === 'sync_response') {
        this._onSyncResponse(message);
      } else if (message.type === 'error') {
        this._onError(message);
      } else if (ROOM_EVENT_TYPES.has(message.type)) {
        if (!this._onRoomEvent(message)) {
          return;
        }
      } else {
        this.emit(message.type, message);
      }
      this.emit('message', message);
    }

    _onInitialState(message) {
      const waiter = this._joinWaiter;
      if (message.roomId !== this._roomId && !(waiter && waiter.roomId === message.roomId)) {
        return;
      }
      const room = Object.assign({}, message.room || {}, {
        roomId: message.roomId,
        adminId: message.adminId || (message.room && message.room.adminId),
        participants: message.participants || (message.room && message.room.participants) || [],
        currentState: message.currentState || (message.room && message.room.currentState) || null,
        version: message.version,
      });
      this._roomId = message.roomId;
      this._room = room;
      if (this._topicRoom !== message.roomId && this._stomp && this.connected) {
        if (this._topicSub) {
          try { this._topicSub.unsubscribe(); } catch (e) { /* closed */ }
        }
        this._topicSub = this._stomp.subscribe('/topic/rooms.' + message.roomId, (frame) => this._onFrame(frame, true));
        this._topicRoom = message.roomId;
        // Events between the join's answer and the subscription: the read model's state catches them up.
        try { this._publish('/app/rooms.' + message.roomId + '.sync', {}); } catch (e) { /* reconnect re-joins */ }
      }
      if (waiter && waiter.roomId === message.roomId) {
        clearTimeout(waiter.timer);
        this._joinWaiter = null;
        waiter.resolve(message);
      }
      this.emit('initial_state', message);
      this.emit('room', this._room);
      if (room.currentState) {
        this.emit('state', room.currentState, message);
      }
    }

    _onSyncResponse(message) {
      if (!this._room || message.roomId !== this._roomId) {
        this.emit('sync_response', message);
        return;
      }
      if (finite(message.version) && finite(this._room.version) && message.version < this._room.version) {
        this.emit('sync_response', message);
        return;
      }
      const changed = message.version !== this._room.version;
      this._room.version = message.version;
      if (message.adminId) {
        this._room.adminId = message.adminId;
      }
      this.emit('sync_response', message);
      if (changed && message.currentState) {
        this._room.currentState = message.currentState;
        this.emit('room', this._room);
        this.emit('state', message.currentState, message);
      }
    }

    _onError(message) {
      const waiter = this._joinWaiter;
      const error = new ApiError(message.status, message.code, message.message, message);
      if (waiter && JOIN_COMMANDS.has(message.command) && (!message.roomId || message.roomId === waiter.roomId)) {
        clearTimeout(waiter.timer);
        this._joinWaiter = null;
        waiter.reject(error);
      } else if (this._roomId && JOIN_COMMANDS.has(message.command) && message.roomId === this._roomId
          && (message.status === 403 || message.status === 404 || message.status === 422)) {
        // A re-join after a reconnect was refused (kicked or closed meanwhile).
        this._clearRoom('rejoin_refused', message.message);
      }
      this.emit('error', message, error);
    }

    /** Applies a room event to the room model; false when it is stale (already applied). */
    _onRoomEvent(message) {
      const room = this._room;
      if (!room || message.roomId !== this._roomId) {
        return false;
      }
      if (finite(message.version) && finite(room.version) && message.version <= room.version) {
        return false;
      }
      room.version = message.version;
      if (Array.isArray(message.participants)) {
        room.participants = message.participants;
      }
      if (message.type === 'admin_changed' && message.newAdmin) {
        room.adminId = message.newAdmin;
      }
      if (STATE_EVENT_TYPES.has(message.type) && message.state) {
        room.currentState = message.state;
      }
      this.emit(message.type, message);
      this.emit('message', message);
      this.emit('room', room);
      if (STATE_EVENT_TYPES.has(message.type) && message.state) {
        this.emit('state', message.state, message);
      }
      const me = this._userId;
      if (message.type === 'user_kicked' && message.kickedUserId === me) {
        this._clearRoom('kicked');
      } else if (message.type === 'user_left' && message.userId === me) {
        this._clearRoom(message.reason || 'left');
      } else if (message.type === 'room_closed') {
        this._clearRoom('closed', message.reason);
      }
      return false;
    }

    _clearRoom(reason, detail) {
      const roomId = this._roomId;
      if (!roomId) {
        return;
      }
      if (this._topicSub) {
        try { this._topicSub.unsubscribe(); } catch (e) { /* closed */ }
      }
      this._topicSub = null;
      this._topicRoom = null;
      this._roomId = null;
      this._room = null;
      this.emit('left', { roomId, reason, detail: detail || null });
    }

    // ----- room API -----

    joinRoom(roomId) {
      roomId = String(roomId || '').trim();
      if (!roomId) {
        return Promise.reject(new ApiError(400, 'INVALID_REQUEST', 'Enter a room id'));
      }
      if (this._roomId && this._roomId !== roomId) {
        this.leaveRoom().catch(() => { /* best effort */ });
      }
      if (this._joinWaiter) {
        clearTimeout(this._joinWaiter.timer);
        this._joinWaiter.reject(new ApiError(0, 'SUPERSEDED', 'Another join was started'));
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          if (this._joinWaiter && this._joinWaiter.roomId === roomId) {
            this._joinWaiter = null;
            reject(new ApiError(504, 'COMMAND_TIMEOUT', 'The room did not answer in time; try again'));
          }
        }, this.options.joinTimeout);
        this._joinWaiter = { roomId, resolve, reject, timer };
        if (this.connected) {
          this._publish('/app/rooms.' + roomId + '.join', {});
        } else if (!this._stomp) {
          this.connect().catch(reject);
        }
        // else: sent by _onConnect once connected
      });
    }

    async leaveRoom() {
      const roomId = this._roomId;
      if (!roomId) {
        return;
      }
      try {
        if (this.connected) {
          this._publish('/app/rooms.' + roomId + '.leave', {}, { 'idempotency-key': 'leave-' + randomId() });
        } else {
          await this._post('/auth/watch-together/rooms/' + encodeURIComponent(roomId) + '/leave');
        }
      } finally {
        this._clearRoom('left');
      }
    }

    _roomCommand(suffix, restPath, body) {
      const roomId = this._roomId;
      if (!roomId) {
        return Promise.reject(new ApiError(400, 'NO_ROOM', 'Join a room first'));
      }
      if (this.options.commandTransport !== 'rest' && this.connected) {
        try {
          this._publish('/app/rooms.' + roomId + '.' + suffix, body, { 'idempotency-key': randomId() });
          return Promise.resolve();
        } catch (e) {
          return Promise.reject(e);
        }
      }
      return this._post('/auth/watch-together/rooms/' + encodeURIComponent(roomId) + '/' + restPath, body);
    }

    playback(type, data) {
      const action = data === undefined ? { type } : { type, data };
      return this._roomCommand('playback', 'playback', { action });
    }

    play() { return this.playback('play'); }
    pause() { return this.playback('pause'); }
    seek(seconds) { return this.playback('seek', { currentTime: Number(seconds) }); }
    setRate(rate) { return this.playback('setPlaybackRate', { rate: Number(rate) }); }
    updateTime(seconds) {
      // The room version the report is based on: the room ignores a report that predates its latest change.
      const version = this._room && Number.isFinite(this._room.version) ? this._room.version : undefined;
      return this.playback('updateTime', version === undefined
        ? { currentTime: Number(seconds) } : { currentTime: Number(seconds), version });
    }
    changeProvider(providerId) { return this.playback('changeProvider', { provider: providerId }); }

    changeMedia(mediaId, mediaType, season, episode, providerId) {
      const data = { mediaId };
      if (mediaType) { data.mediaType = mediaType; }
      if (season) { data.season = Number(season); }
      if (episode) { data.episode = Number(episode); }
      if (providerId) { data.provider = providerId; }
      return this.playback('changeMedia', data);
    }

    changeEpisode(episode, season) {
      const data = { episode: Number(episode) };
      if (season) { data.season = Number(season); }
      return this.playback('changeEpisode', data);
    }

    kick(userId) { return this._roomCommand('kick-user', 'kick-user', { userIdToKick: userId }); }
    transferAdmin(userId) { return this._roomCommand('transfer-admin', 'transfer-admin', { newAdminId: userId }); }

    sync() {
      const roomId = this._roomId;
      if (!roomId) {
        return Promise.reject(new ApiError(400, 'NO_ROOM', 'Join a room first'));
      }
      if (this.connected) {
        this._publish('/app/rooms.' + roomId + '.sync', {});
        return Promise.resolve();
      }
      return this._post('/auth/watch-together/rooms/' + encodeURIComponent(roomId) + '/sync');
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // SyncPlayer
  // ---------------------------------------------------------------------------------------------------

  const PLAYER_DEFAULTS = {
    lowerThresholdMs: 20,
    upperThresholdMs: 1000,
    stopThresholdMs: 10,
    maxRateAdjustment: 0.10,
    correctionGain: 1.5,
    tickMs: 100,
    jumpThresholdMs: 250,
    seekLatencyMs: 60,
    playLatencyMs: 5,
    learnLatency: true,
    settleMs: 300,
    spinMs: 12,
    alignTimeoutMs: 3000,
    onBuffering: null,
    onAutoplayBlocked: null,
  };

  function normalizeState(state) {
    const rate = Number(state.playbackRate);
    return {
      isPlaying: !!state.isPlaying,
      currentTime: Math.max(0, Number(state.currentTime) || 0),
      playbackRate: finite(rate) && rate > 0 ? rate : 1,
      anchorTime: finite(Number(state.anchorTime)) ? Number(state.anchorTime) : 0,
      raw: state,
    };
  }

  class SyncPlayer {
    constructor(video, clock, options = {}) {
      if (!video) {
        throw new TypeError('SyncPlayer needs a video element');
      }
      this.video = video;
      this.clock = clock || new ClockSync();
      this.options = Object.assign({}, PLAYER_DEFAULTS);
      this._seekLatency = PLAYER_DEFAULTS.seekLatencyMs;
      this._playLatency = PLAYER_DEFAULTS.playLatencyMs;
      this.configure(options);
      this._state = null;          // the state in force
      this._pending = [];          // scheduled states, by anchor
      this._prepared = null;       // the pending state the paused element is pre-positioned for
      this._aligning = null;       // { state, since }: paused at a target, waiting for the instant to start
      this._stateTimer = null;
      this._startTimer = null;
      this._correcting = false;
      this._hardSeeks = 0;
      this._seeks = 0;
      this._softCorrections = 0;
      this._buffering = false;
      this._driftMs = null;
      this._ownSeek = null;
      this._learn = null;
      this._settleUntil = 0;
      this._suspendedUntil = 0;
      this._playPromise = null;
      this._autoplayBlocked = false;
      this._activatedAt = 0;
      this._listeners = [];
      this._listen('seeked', () => this._onSeeked());
      this._listen('waiting', () => this._setBuffering(true));
      this._listen('stalled', () => { if (!this.video.paused && this.video.readyState < 3) { this._setBuffering(true); } });
      this._listen('playing', () => this._setBuffering(false));
      this._listen('canplay', () => this._setBuffering(false));
      this._listen('loadstart', () => {
        this._ownSeek = null;
        this._prepared = null;
        this._learn = null;
        this._cancelAlign();
      });
      this._listen('loadedmetadata', () => this._reconcileNow());
      this._interval = setInterval(() => this._tick(), this.options.tickMs);
    }

    configure(partial) {
      const before = this.options.tickMs;
      for (const [key, value] of Object.entries(partial || {})) {
        if (!(key in PLAYER_DEFAULTS)) {
          continue;
        }
        this.options[key] = value;
        if (key === 'seekLatencyMs' && finite(value)) { this._seekLatency = value; }
        if (key === 'playLatencyMs' && finite(value)) { this._playLatency = value; }
      }
      if (this._interval && this.options.tickMs !== before) {
        clearInterval(this._interval);
        this._interval = setInterval(() => this._tick(), this.options.tickMs);
      }
      return Object.assign({}, this.options);
    }

    get state() { return this._state ? this._state.raw : null; }
    get pendingCount() { return this._pending.length; }
    get lastActivation() { return this._activatedAt; }

    expectedPosition(serverMs) {
      return this._expected(this._state, serverMs === undefined ? this.clock.serverNow() : serverMs);
    }

    stats() {
      const v = this.video;
      return {
        driftMs: this._driftMs,
        rate: v.playbackRate,
        hardSeeks: this._hardSeeks,
        softCorrections: this._softCorrections,
        buffering: this._buffering,
        seeks: this._seeks,
        correcting: this._correcting,
        seekLatencyMs: this._seekLatency,
        playLatencyMs: this._playLatency,
        expected: this._state ? this.expectedPosition() : null,
        position: v.currentTime,
        pending: this._pending.length,
      };
    }

    apply(state) {
      if (!state || typeof state !== 'object') {
        return;
      }
      const s = normalizeState(state);
      // A newer decision supersedes what was scheduled at or after its anchor.
      this._pending = this._pending.filter((p) => p.anchorTime < s.anchorTime);
      this._pending.push(s);
      if (this._prepared && !this._pending.includes(this._prepared)) {
        this._prepared = null;
      }
      this._schedule();
    }

    /** Test aid: behaves as a stalled player for `ms` (element paused, no following), then catches up. */
    stall(ms) {
      this._suspendedUntil = this.clock.now() + Math.max(0, Number(ms) || 0);
      this._cancelAlign();
      this.video.pause();
    }

    destroy() {
      clearInterval(this._interval);
      this._clearTimer('_stateTimer');
      this._clearTimer('_startTimer');
      for (const [type, fn] of this._listeners) {
        this.video.removeEventListener(type, fn);
      }
      this._listeners = [];
      this._pending = [];
    }

    _listen(type, fn) {
      this.video.addEventListener(type, fn);
      this._listeners.push([type, fn]);
    }

    // ----- timing -----

    /** Calls fn at server instant serverMs: a timer to spinMs before it, then a busy wait. */
    _at(field, serverMs, fn) {
      this._clearTimer(field);
      const arm = () => {
        const remaining = serverMs - this.clock.serverNow();
        if (remaining <= 0) {
          this[field] = null;
          fn();
          return;
        }
        if (remaining > this.options.spinMs) {
          this[field] = setTimeout(arm, Math.max(0, remaining - this.options.spinMs));
          return;
        }
        while (this.clock.serverNow() < serverMs) {
          // spin: at most about spinMs
        }
        this[field] = null;
        fn();
      };
      arm();
    }

    _clearTimer(field) {
      if (this[field] !== null && this[field] !== undefined) {
        clearTimeout(this[field]);
      }
      this[field] = null;
    }

    _seekMargin() {
      return clamp(this._seekLatency * 1.25 + 20, 30, 2000);
    }

    // ----- scheduling of states -----

    _expected(s, serverMs) {
      if (!s) {
        return 0;
      }
      let pos = positionAt(s, serverMs);
      const duration = this.video.duration;
      if (finite(duration) && duration > 0) {
        pos = Math.min(pos, duration);
      }
      return pos;
    }

    /** Whether starting s needs the element paused at a new position first. */
    _needsAlign(s, serverNow) {
      const v = this.video;
      if (!s.isPlaying) {
        return false;
      }
      if (v.paused || v.ended) {
        return true;
      }
      const projected = v.currentTime + (s.anchorTime - serverNow) / 1000 * v.playbackRate;
      return Math.abs(projected - this._expected(s, s.anchorTime)) * 1000 > this.options.jumpThresholdMs;
    }

    /** When the next scheduled state must be acted on (server ms). */
    _fireTime(s, serverNow) {
      if (!this._needsAlign(s, serverNow)) {
        return s.anchorTime;
      }
      const v = this.video;
      const atTarget = v.paused && !v.seeking && Math.abs(v.currentTime - this._expected(s, s.anchorTime)) < 0.002;
      return s.anchorTime - (atTarget ? this._playLatency : this._seekMargin() + this._playLatency);
    }

    _schedule() {
      const now = this.clock.serverNow();
      let due = null;
      while (this._pending.length && this._fireTime(this._pending[0], now) <= now) {
        due = this._pending.shift();
      }
      if (due) {
        this._activate(due, now);
      }
      const next = this._pending[0];
      if (!next) {
        this._clearTimer('_stateTimer');
        return;
      }
      this._prepare(next);
      this._at('_stateTimer', this._fireTime(next, this.clock.serverNow()), () => this._schedule());
    }

    /** Pre-positions a paused element for a scheduled start or paused seek. */
    _prepare(next) {
      const v = this.video;
      if (this._prepared === next || v.readyState < 1 || this._aligning) {
        return;
      }
      const cur = this._state;
      if (cur && cur.isPlaying && !v.paused) {
        return; // the current state plays until the anchor
      }
      this._prepared = next;
      if (!v.paused) {
        v.pause();
      }
      const target = this._expected(next, next.anchorTime);
      if (Math.abs(v.currentTime - target) > 0.0005) {
        this._seek(target, 'prepare');
      }
    }

    _activate(s, now) {
      const v = this.video;
      this._state = s;
      this._prepared = null;
      this._correcting = false;
      this._learn = null;
      this._activatedAt = this.clock.now();
      this._cancelAlign();
      this._setRate(s.playbackRate);
      if (v.readyState < 1) {
        return; // loadedmetadata reconciles
      }
      if (!s.isPlaying) {
        if (!v.paused) {
          v.pause();
        }
        const target = this._expected(s, Math.max(now, s.anchorTime));
        const inFlight = this._ownSeek && Math.abs(this._ownSeek.target - target) < 0.0005;
        if (!inFlight && Math.abs(v.currentTime - target) > 0.0005) {
          this._seek(target, 'pause');
        }
        return;
      }
      if (this._needsAlign(s, now)) {
        this._align(s, v.paused ? 'start' : 'jump');
      } else {
        this._settleUntil = this.clock.now() + this.options.tickMs;
      }
    }

    /**
     * Pauses the element at the position s will have a little later (after a seek), then starts it at the
     * exact instant s reaches that position: the error is the start latency, not the seek's duration.
     */
    _align(s, kind) {
      const v = this.video;
      const now = this.clock.serverNow();
      if (!v.paused) {
        v.pause();
      }
      this._aligning = { state: s, since: this.clock.now() };
      const anchorTarget = this._expected(s, s.anchorTime);
      const atAnchorTarget = !v.seeking && Math.abs(v.currentTime - anchorTarget) < 0.002;
      if (atAnchorTarget && s.anchorTime - this._playLatency >= now - 1) {
        this._startAt(s, s.anchorTime);
        return;
      }
      const readyAt = Math.max(s.anchorTime, now + this._seekMargin());
      const target = this._expected(s, readyAt);
      if (this._ownSeek && v.seeking && Math.abs(this._ownSeek.target - target) < 0.002) {
        this._ownSeek.startFor = s;
        return;
      }
      this._seek(target, kind, s);
    }

    /** Starts playing s when it reaches the element's (paused) position, serverMs. */
    _startAt(s, serverMs) {
      this._at('_startTimer', serverMs - this._playLatency, () => {
        if (this._state !== s || !this._aligning || this._aligning.state !== s) {
          return;
        }
        this._aligning = null;
        this._play();
        const local = this.clock.now();
        this._learn = { kind: 'start', at: local + this.options.settleMs, state: s };
        this._settleUntil = local + this.options.settleMs;
      });
    }

    _cancelAlign() {
      this._aligning = null;
      this._clearTimer('_startTimer');
    }

    _seek(target, kind, startFor) {
      const v = this.video;
      this._ownSeek = { target, kind, at: this.clock.now(), startFor: startFor || null };
      if (kind === 'hard') {
        this._hardSeeks++;
      } else if (kind !== 'pause' && kind !== 'paused' && kind !== 'prepare') {
        this._seeks++;
      }
      this._correcting = false;
      try {
        v.currentTime = target;
      } catch (e) {
        this._ownSeek = null;
      }
    }

    _onSeeked() {
      const own = this._ownSeek;
      this._ownSeek = null;
      if (!own) {
        return; // someone else's seek (a stall, devtools): the loop corrects from the next tick
      }
      const now = this.clock.now();
      if (this.options.learnLatency && this.video.paused) {
        const took = now - own.at;
        this._seekLatency = clamp(this._seekLatency + 0.3 * (took - this._seekLatency), 5, 1500);
        if (took > this._seekLatency) {
          this._seekLatency = clamp(this._seekLatency + 0.5 * (took - this._seekLatency), 5, 1500);
        }
      }
      const s = own.startFor;
      if (s && this._state === s && s.isPlaying && this._aligning && this._aligning.state === s) {
        // Paused at own.target: start when the room gets there.
        const startAt = s.anchorTime + (this.video.currentTime - s.currentTime) / s.playbackRate * 1000;
        this._startAt(s, startAt);
        return;
      }
      this._settleUntil = now + this.options.tickMs;
    }

    _play() {
      const v = this.video;
      if (!v.paused || this._playPromise) {
        return;
      }
      let promise;
      try {
        promise = v.play();
      } catch (e) {
        promise = Promise.reject(e);
      }
      if (!promise || typeof promise.then !== 'function') {
        return;
      }
      this._playPromise = promise;
      promise.then(() => {
        this._playPromise = null;
        this._autoplayBlocked = false;
      }, (error) => {
        this._playPromise = null;
        if (error && error.name === 'NotAllowedError' && !v.muted) {
          v.muted = true; // autoplay policy: muted playback is allowed; the next tick retries
        } else if (error && error.name === 'NotAllowedError' && !this._autoplayBlocked) {
          this._autoplayBlocked = true;
          if (typeof this.options.onAutoplayBlocked === 'function') {
            try { this.options.onAutoplayBlocked(error); } catch (e) { /* caller's problem */ }
          }
        }
      });
    }

    _reconcileNow() {
      this._cancelAlign();
      this._schedule();
      if (this._state && this._state.isPlaying) {
        this._align(this._state, 'start');
      }
      this._tick();
    }

    _setBuffering(value) {
      if (this._buffering === value) {
        return;
      }
      this._buffering = value;
      if (typeof this.options.onBuffering === 'function') {
        try { this.options.onBuffering(value); } catch (e) { /* caller's problem */ }
      }
    }

    _setRate(rate) {
      if (Math.abs(this.video.playbackRate - rate) > 0.0005) {
        this.video.playbackRate = rate;
      }
    }

    // ----- the correction loop -----

    _tick() {
      const v = this.video;
      const localNow = this.clock.now();
      if (this._pending.length && this._stateTimer === null) {
        this._schedule(); // a lost timer
      }
      const s = this._state;
      if (!s || v.readyState < 1) {
        return;
      }
      const now = this.clock.serverNow();
      const expected = this._expected(s, now);
      const driftMs = (v.currentTime - expected) * 1000;
      this._driftMs = driftMs;
      if (localNow < this._suspendedUntil) {
        if (!v.paused) {
          v.pause();
        }
        return;
      }
      if (v.seeking) {
        return; // never fight a seek in progress
      }
      if (this._aligning) {
        if (localNow - this._aligning.since < this.options.alignTimeoutMs) {
          return; // paused on purpose until the start instant
        }
        this._cancelAlign(); // the seek never completed: fall back to the loop
      }
      if (!s.isPlaying) {
        if (!v.paused) {
          v.pause();
        }
        this._setRate(s.playbackRate);
        if (!this._prepared && Math.abs(driftMs) > 1) {
          this._seek(expected, 'paused');
        }
        return;
      }
      const duration = v.duration;
      if (finite(duration) && expected >= duration - 0.05) {
        return; // at or past the end: let it end
      }
      if (v.paused || v.ended) {
        this._setRate(s.playbackRate);
        if (Math.abs(driftMs) > this.options.upperThresholdMs) {
          this._align(s, 'hard');
        } else {
          this._play(); // close enough: the soft correction catches up
          this._settleUntil = localNow + this.options.tickMs;
        }
        return;
      }
      if (v.readyState < 3) {
        return; // buffering: nothing to correct until data comes
      }
      if (this._buffering) {
        this._setBuffering(false);
      }
      if (localNow < this._settleUntil) {
        return;
      }
      if (this._learn && localNow >= this._learn.at) {
        this._learnFrom(this._learn, driftMs);
        this._learn = null;
      }
      const abs = Math.abs(driftMs);
      const o = this.options;
      if (abs > o.upperThresholdMs) {
        this._align(s, 'hard');
        return;
      }
      if (this._correcting) {
        if (abs < o.stopThresholdMs) {
          this._correcting = false;
        }
      } else if (abs > o.lowerThresholdMs) {
        this._correcting = true;
        this._softCorrections++;
      }
      if (this._correcting) {
        const adjustment = clamp(o.correctionGain * driftMs / 1000, -o.maxRateAdjustment, o.maxRateAdjustment);
        this._setRate(s.playbackRate * (1 - adjustment));
      } else {
        this._setRate(s.playbackRate);
      }
    }

    _learnFrom(learn, driftMs) {
      if (!this.options.learnLatency || learn.state !== this._state || Math.abs(driftMs) > 200) {
        return;
      }
      // Behind after a timed start: play() takes effect later than called, so call it earlier next time.
      const wallMs = -driftMs / (this._state.playbackRate || 1);
      this._playLatency = clamp(this._playLatency + 0.5 * wallMs, 0, 150);
    }
  }

  global.WatchTogether = Object.assign(global.WatchTogether || {}, {
    ClockSync, Client, SyncPlayer, ApiError, positionAt, version: '1.0.0',
  });
})(typeof globalThis !== 'undefined' ? globalThis : this);
