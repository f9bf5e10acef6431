/*
 * The Watch Together web client: sign in, create or join a room, watch in sync.
 * Uses WatchTogether.Client / ClockSync / SyncPlayer from /watch-together.js and exposes them as
 * window.watchTogetherApp = { client, clock, player }.
 */
(function () {
  'use strict';

  const WT = window.WatchTogether;
  const $ = (id) => document.getElementById(id);
  const SESSION_KEY = 'watch-together.session';
  const REPORT_INTERVAL_MS = 2000;
  const SAMPLE_MEDIA = '/media/sample.webm';
  const SAMPLE_TMDB_ID = '666243';

  const video = $('video');
  const frame = $('provider-frame');
  video.muted = true;
  video.controls = false;

  const clock = new WT.ClockSync({ window: 8 });
  const client = new WT.Client({ clock, apiUrl: defaultApiUrl() });
  const player = new WT.SyncPlayer(video, clock, {
    onBuffering: (buffering) => { $('buffering').textContent = buffering ? 'yes' : 'no'; },
    onAutoplayBlocked: () => showMessage('Your browser blocked playback; click anywhere on the page to let it play.', 'error'),
  });
  window.watchTogetherApp = { client, clock, player };

  const app = {
    providers: [],
    pendingRoom: roomIdFromLocation(),
    playerKind: null,
    lastReport: 0,
  };

  // ------------------------------------------------------------------ configuration

  function defaultApiUrl() {
    return location.protocol + '//' + location.hostname + ':3000';
  }

  const configReady = fetch('/client-config.json', { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((config) => {
      client.apiUrl = String((config && config.apiUrl) || defaultApiUrl()).replace(/\/+$/, '');
      return config;
    });

  // ------------------------------------------------------------------ messages and status

  let messageTimer = null;

  function showMessage(text, kind) {
    const el = $('message');
    clearTimeout(messageTimer);
    el.textContent = text;
    el.className = kind || 'info';
    el.hidden = !text;
    if (kind !== 'error' && text) {
      messageTimer = setTimeout(() => { if (el.textContent === text) { el.hidden = true; } }, 6000);
    }
  }

  function showError(error) {
    showMessage(errorText(error), 'error');
  }

  function errorText(error) {
    if (!error) {
      return 'Something went wrong';
    }
    if (typeof error === 'string') {
      return error;
    }
    return error.detail || error.message || 'Something went wrong';
  }

  const STATUS_TEXT = {
    connected: 'connected',
    connecting: 'connecting…',
    reconnecting: 'reconnecting…',
    offline: 'offline',
  };

  client.on('status', ({ status, detail }) => {
    const el = $('connection-status');
    el.textContent = STATUS_TEXT[status] || status;
    el.className = 'status status-' + status;
    el.title = detail || 'Connection to the sync server';
  });

  // ------------------------------------------------------------------ sessions

  function saveSession() {
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify({
        token: client.token, userId: client.userId, username: client.username,
      }));
    } catch (e) { /* private mode */ }
  }

  function restoreSession() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      if (!saved || !saved.token) {
        return false;
      }
      const payload = JSON.parse(atob(saved.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      if (!payload.exp || payload.exp * 1000 < Date.now() + 60000) {
        sessionStorage.removeItem(SESSION_KEY);
        return false;
      }
      client.setToken(saved.token);
      return true;
    } catch (e) {
      return false;
    }
  }

  client.on('token', saveSession);

  // ------------------------------------------------------------------ views

  function showView(name) {
    $('auth').hidden = name !== 'auth';
    $('lobby').hidden = name !== 'lobby';
    $('room').hidden = name !== 'room';
    $('logout').hidden = name === 'auth';
    $('whoami').hidden = name === 'auth';
    document.body.dataset.view = name;
  }

  function roomIdFromLocation() {
    const query = new URLSearchParams(location.search).get('room');
    if (query) {
      return query.trim();
    }
    const hash = new URLSearchParams(location.hash.replace(/^#/, '')).get('room');
    return hash ? hash.trim() : null;
  }

  function roomIdFromInput(text) {
    const value = String(text || '').trim();
    const match = value.match(/[?#&]room=([A-Za-z0-9_-]+)/);
    return match ? match[1] : value;
  }

  function shareLink(roomId) {
    return location.origin + '/?room=' + encodeURIComponent(roomId);
  }

  function setUrlRoom(roomId) {
    const url = roomId ? '/?room=' + encodeURIComponent(roomId) : '/';
    try {
      history.replaceState(null, '', url);
    } catch (e) { /* file:// or sandbox */ }
  }

  // ------------------------------------------------------------------ auth

  function credentials() {
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) {
      throw new Error('Enter a username and a password');
    }
    return { username, password };
  }

  async function authenticate(kind) {
    let creds;
    try {
      creds = credentials();
    } catch (e) {
      showError(e);
      return;
    }
    $('login').disabled = true;
    $('register').disabled = true;
    showMessage(kind === 'register' ? 'Creating your account…' : 'Logging in…', 'info');
    try {
      await configReady;
      if (kind === 'register') {
        await client.register(creds.username, creds.password);
      } else {
        await client.login(creds.username, creds.password);
      }
      $('password').value = '';
      showMessage(kind === 'register' ? 'Welcome, ' + client.username + '!' : 'Logged in as ' + client.username, 'info');
      await signedIn();
    } catch (e) {
      showError(e);
    } finally {
      $('login').disabled = false;
      $('register').disabled = false;
    }
  }

  async function signedIn() {
    saveSession();
    $('whoami').textContent = client.username || '';
    showView('lobby');
    client.connect().catch((e) => showError(e));
    loadProviders();
    const roomId = app.pendingRoom;
    app.pendingRoom = null;
    if (roomId) {
      await joinRoom(roomId);
    }
  }

  function logout() {
    const leaving = client.roomId ? client.leaveRoom().catch(() => {}) : Promise.resolve();
    leaving.then(() => {
      client.logout();
      try { sessionStorage.removeItem(SESSION_KEY); } catch (e) { /* ignore */ }
      stopPlayer();
      setUrlRoom(null);
      showView('auth');
      showMessage('Logged out.', 'info');
    });
  }

  // ------------------------------------------------------------------ providers

  function providerKind(providerId) {
    const provider = app.providers.find((p) => p.id === providerId);
    if (provider && provider.player) {
      return provider.player === 'video' ? 'video' : 'iframe';
    }
    return providerId === 'direct' ? 'video' : 'iframe';
  }

  async function loadProviders() {
    try {
      const list = await client.providers();
      app.providers = Array.isArray(list) ? list : [];
    } catch (e) {
      if (!client.token) {
        return; // signed out meanwhile (the 'unauthorized' message says why)
      }
      showError('Could not load the providers: ' + errorText(e));
      app.providers = [];
    }
    if (!app.providers.some((p) => p.id === 'direct')) {
      app.providers.unshift({ id: 'direct', name: 'Direct video URL', player: 'video' });
    }
    for (const select of [$('provider'), $('new-provider')]) {
      const current = select.value;
      select.textContent = '';
      for (const p of app.providers) {
        const option = document.createElement('option');
        option.value = p.id;
        option.textContent = (p.name || p.id) + (providerKind(p.id) === 'video' ? ' (video, fully synced)' : ' (embedded player)');
        select.appendChild(option);
      }
      select.value = current && app.providers.some((p) => p.id === current) ? current : 'direct';
    }
    if (client.room && client.room.currentState) {
      $('new-provider').value = client.room.currentState.providerId;
    }
    onProviderPicked();
  }

  function onProviderPicked() {
    const kind = providerKind($('provider').value);
    const media = $('media-id');
    const looksLikeUrl = /^(\/|https?:)/.test(media.value.trim());
    if (kind === 'video' && !looksLikeUrl) {
      media.value = SAMPLE_MEDIA;
    } else if (kind === 'iframe' && (looksLikeUrl || !media.value.trim())) {
      media.value = SAMPLE_TMDB_ID;
    }
  }

  // ------------------------------------------------------------------ rooms

  function numberOrNull(input) {
    const value = Number(input.value);
    return input.value !== '' && Number.isFinite(value) && value > 0 ? Math.floor(value) : null;
  }

  async function createRoom() {
    const mediaType = $('media-type').value;
    const body = {
      name: $('room-name').value.trim() || 'Movie night',
      mediaId: $('media-id').value.trim(),
      mediaType,
      providerId: $('provider').value || 'direct',
      adminOnlyPlayback: $('admin-only-playback').checked,
    };
    if (mediaType === 'tv') {
      body.season = numberOrNull($('season')) || 1;
      body.episode = numberOrNull($('episode')) || 1;
    }
    if (!body.mediaId) {
      showError('Enter the media to watch');
      return;
    }
    $('create-room').disabled = true;
    showMessage('Creating the room…', 'info');
    try {
      const room = await client.createRoom(body);
      await joinRoom(room.roomId || room.id);
    } catch (e) {
      showError(e);
    } finally {
      $('create-room').disabled = false;
    }
  }

  async function joinRoom(roomId) {
    roomId = roomIdFromInput(roomId);
    if (!roomId) {
      showError('Enter a room id or paste the invite link');
      return;
    }
    showMessage('Joining room ' + roomId + '…', 'info');
    $('join-room').disabled = true;
    try {
      await client.joinRoom(roomId);
      enterRoom();
      showMessage('You are in the room. Share the link to invite friends.', 'info');
    } catch (e) {
      if (!client.token) {
        return; // signed out meanwhile: the room is joined after the next login
      }
      showError('Could not join room ' + roomId + ': ' + errorText(e));
      setUrlRoom(null);
    } finally {
      $('join-room').disabled = false;
    }
  }

  function enterRoom() {
    const room = client.room;
    if (!room) {
      return;
    }
    setUrlRoom(room.roomId);
    $('room-id').textContent = room.roomId;
    const link = shareLink(room.roomId);
    $('share-link').href = link;
    $('share-link').textContent = link;
    showView('room');
    renderRoom();
    if (room.currentState) {
      applyState(room.currentState);
    }
  }

  function leftRoom({ reason, detail }) {
    stopPlayer();
    setUrlRoom(null);
    if (client.token) {
      showView('lobby');
    }
    const texts = {
      left: 'You left the room.',
      kicked: 'The admin removed you from the room.',
      closed: 'The room was closed' + (detail ? ' (' + detail + ').' : '.'),
      heartbeat_timeout: 'You were taken out of the room after losing contact. Open the link again to rejoin.',
      disconnected: 'You were taken out of the room after the connection dropped. Open the link again to rejoin.',
      rejoin_refused: 'Could not rejoin the room' + (detail ? ': ' + detail : '.'),
    };
    showMessage(texts[reason] || 'You are no longer in the room (' + reason + ').', reason === 'left' ? 'info' : 'error');
  }

  function renderRoom() {
    const room = client.room;
    if (!room) {
      return;
    }
    $('room-title').textContent = room.name || 'Room';
    const admin = client.isAdmin;
    const canControl = admin || !room.adminOnlyPlayback;
    $('control-mode').textContent = room.adminOnlyPlayback ? 'only the admin controls playback'
      : 'everyone controls playback';
    for (const id of ['play', 'pause', 'seek', 'seek-to', 'rate', 'set-rate']) {
      $(id).disabled = !canControl;
    }
    $('controls-note').textContent = canControl ? '' : 'Only the admin controls playback in this room; your player follows.';
    $('admin-panel').hidden = !admin;

    const list = $('participants');
    list.textContent = '';
    const participants = room.participants || [];
    $('participant-count').textContent = '(' + participants.length + (room.maxParticipants ? ' of ' + room.maxParticipants : '') + ')';
    for (const p of participants) {
      const li = document.createElement('li');
      li.dataset.userId = p.userId;
      if (p.userId === room.adminId) {
        li.classList.add('admin');
      }
      if (p.userId === client.userId) {
        li.classList.add('me');
      }
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = p.username || p.userId;
      li.appendChild(name);
      if (p.userId === room.adminId) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = 'admin';
        li.appendChild(badge);
      }
      if (p.userId === client.userId) {
        const you = document.createElement('span');
        you.className = 'badge you';
        you.textContent = 'you';
        li.appendChild(you);
      }
      if (admin && p.userId !== client.userId) {
        const make = document.createElement('button');
        make.type = 'button';
        make.className = 'make-admin small secondary';
        make.textContent = 'Make admin';
        make.title = 'Give ' + (p.username || p.userId) + ' the admin role';
        make.addEventListener('click', () => command(() => client.transferAdmin(p.userId)));
        const kick = document.createElement('button');
        kick.type = 'button';
        kick.className = 'kick small danger';
        kick.textContent = 'Remove';
        kick.title = 'Remove ' + (p.username || p.userId) + ' from the room (they cannot rejoin)';
        kick.addEventListener('click', () => command(() => client.kick(p.userId)));
        const actions = document.createElement('span');
        actions.className = 'actions';
        actions.appendChild(make);
        actions.appendChild(kick);
        li.appendChild(actions);
      }
      list.appendChild(li);
    }
    const state = room.currentState;
    $('change-episode-form').hidden = !(state && state.mediaType === 'tv');
  }

  // ------------------------------------------------------------------ player

  function iframeUrl(state) {
    let url = state.embedUrl || '';
    const provider = app.providers.find((p) => p.id === state.providerId);
    const param = provider && (provider.startParam || provider.timeParam);
    if (url && param) {
      const start = Math.floor(WT.positionAt(state, clock.serverNow()));
      url += (url.includes('?') ? '&' : '?') + encodeURIComponent(param) + '=' + start;
    }
    return url;
  }

  function applyState(state) {
    if (!state) {
      return;
    }
    const kind = providerKind(state.providerId);
    app.playerKind = kind;
    $('toggle-sound').hidden = kind !== 'video';
    if (kind === 'video') {
      frame.hidden = true;
      if (frame.getAttribute('src')) {
        frame.removeAttribute('src');
        frame.dataset.src = '';
      }
      video.hidden = false;
      $('iframe-note').hidden = true;
      const url = state.embedUrl || state.mediaId;
      if (video.dataset.src !== url) {
        video.dataset.src = url;
        video.src = url;
      }
      player.apply(state);
    } else {
      if (!video.paused) {
        video.pause();
      }
      if (video.getAttribute('src')) {
        video.removeAttribute('src');
        video.dataset.src = '';
        video.load();
      }
      video.hidden = true;
      player.apply(state);
      const provider = app.providers.find((p) => p.id === state.providerId);
      const key = [state.providerId, state.mediaId, state.mediaType, state.season, state.episode].join('|');
      if (frame.dataset.src !== key) {
        frame.dataset.src = key;
        frame.src = iframeUrl(state);
      }
      frame.hidden = false;
      const note = $('iframe-note');
      const hasStart = provider && (provider.startParam || provider.timeParam);
      note.textContent = (provider ? provider.name : state.providerId) + ' plays in its own player from another site, '
        + 'which this page is not allowed to control. Synced for everyone: the provider, the media and the episode '
        + '(the player reloads when they change)' + (hasStart ? ' and the start position when it loads' : '')
        + '. Not synced: play, pause, seek and speed — start the player yourself and use the room position below '
        + 'as a guide. For frame-accurate sync, use the “direct” provider with a video URL.';
      note.hidden = false;
    }
    $('new-provider').value = state.providerId;
    if (state.mediaType) {
      $('new-media-type').value = state.mediaType;
    }
    if (state.season) { $('new-season').value = state.season; }
    if (state.episode) { $('new-episode').value = state.episode; }
    const rate = String(state.playbackRate);
    if (Array.from($('rate').options).some((o) => o.value === rate)) {
      $('rate').value = rate;
    }
    renderRoom();
    renderSummary();
  }

  function stopPlayer() {
    if (!video.paused) {
      video.pause();
    }
    video.removeAttribute('src');
    video.dataset.src = '';
    video.load();
    frame.removeAttribute('src');
    frame.dataset.src = '';
    frame.hidden = true;
    $('iframe-note').hidden = true;
  }

  function formatTime(seconds) {
    if (!Number.isFinite(seconds)) {
      return '–';
    }
    const s = Math.max(0, seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = (s % 60).toFixed(1).padStart(4, '0');
    return (h ? h + ':' + String(m).padStart(2, '0') : String(m)) + ':' + rest;
  }

  function renderSummary() {
    const room = client.room;
    const state = room && room.currentState;
    if (!state) {
      $('playback-summary').textContent = '';
      return;
    }
    const position = WT.positionAt(state, clock.serverNow());
    const duration = app.playerKind === 'video' && Number.isFinite(video.duration) ? ' / ' + formatTime(video.duration) : '';
    const what = state.mediaType === 'tv' ? state.mediaId + ' S' + (state.season || 1) + 'E' + (state.episode || 1) : state.mediaId;
    $('playback-summary').textContent = (state.isPlaying ? 'Playing' : 'Paused') + ' at '
      + formatTime(position) + duration + ' · ' + state.playbackRate + '× · ' + what + ' on ' + state.providerId;
  }

  function renderSyncPanel() {
    $('rtt').textContent = clock.roundTrip === null ? '–' : clock.roundTrip.toFixed(1);
    $('offset').textContent = clock.ready ? clock.offset.toFixed(1) : '–';
    const stats = player.stats();
    const following = app.playerKind === 'video' && player.state && video.readyState >= 1;
    $('drift').textContent = following && stats.driftMs !== null ? stats.driftMs.toFixed(1) : '–';
    $('player-rate').textContent = following ? stats.rate.toFixed(3) + '×' + (stats.correcting ? ' (correcting)' : '') : '–';
    $('soft-corrections').textContent = String(stats.softCorrections);
    $('hard-seeks').textContent = String(stats.hardSeeks);
    $('buffering').textContent = stats.buffering ? 'yes' : 'no';
  }

  setInterval(() => {
    if (!$('room').hidden) {
      renderSyncPanel();
      renderSummary();
    }
  }, 250);

  /** The admin's player reports its position (updateTime) so the room follows a player that truly fell behind. */
  setInterval(() => {
    const state = player.state;
    if (!client.isAdmin || !client.connected || app.playerKind !== 'video' || !state || !state.isPlaying) {
      return;
    }
    if (video.paused || video.seeking || video.readyState < 3 || player.pendingCount > 0
        || clock.now() - player.lastActivation < REPORT_INTERVAL_MS) {
      return;
    }
    const now = clock.now();
    if (now - app.lastReport < REPORT_INTERVAL_MS - 50) {
      return;
    }
    app.lastReport = now;
    client.updateTime(Math.round(video.currentTime * 1000) / 1000).catch(() => { /* next report */ });
  }, REPORT_INTERVAL_MS);

  // ------------------------------------------------------------------ client events

  client.on('state', (state) => {
    if (client.room) {
      applyState(state);
    }
  });
  client.on('room', () => {
    if (!$('room').hidden) {
      renderRoom();
    }
  });
  client.on('initial_state', () => {
    if (!$('room').hidden) {
      renderRoom();
    }
  });
  client.on('left', leftRoom);
  client.on('unauthorized', ({ detail }) => {
    if (!client.token) {
      return; // already handled
    }
    app.pendingRoom = client.roomId || roomIdFromLocation() || app.pendingRoom;
    client.logout();
    try { sessionStorage.removeItem(SESSION_KEY); } catch (e) { /* ignore */ }
    stopPlayer();
    showView('auth');
    showMessage('Your session has ended (' + detail + '). Log in again'
      + (app.pendingRoom ? ' to return to the room.' : '.'), 'error');
  });
  client.on('admin_changed', (message) => {
    if (message.newAdmin === client.userId) {
      showMessage('You are now the admin of this room.', 'info');
    }
  });
  client.on('error', (message) => {
    showMessage(message.message || message.code || 'The server refused the request', 'error');
  });

  /** Runs a room command; an earlier message goes away, since the room's answer is what the person sees next. */
  function command(fn) {
    showMessage('', 'info');
    Promise.resolve().then(fn).catch(showError);
  }

  // ------------------------------------------------------------------ wiring

  $('auth-form').addEventListener('submit', (e) => { e.preventDefault(); authenticate('login'); });
  $('register').addEventListener('click', () => authenticate('register'));
  $('logout').addEventListener('click', logout);
  $('create-room-form').addEventListener('submit', (e) => { e.preventDefault(); createRoom(); });
  $('join-room-form').addEventListener('submit', (e) => { e.preventDefault(); joinRoom($('join-room-id').value); });
  $('provider').addEventListener('change', onProviderPicked);
  $('media-type').addEventListener('change', () => {
    document.querySelector('.tv-only').hidden = $('media-type').value !== 'tv';
  });
  $('leave-room').addEventListener('click', () => command(() => client.leaveRoom()));
  $('copy-link').addEventListener('click', async () => {
    const link = $('share-link').href;
    try {
      await navigator.clipboard.writeText(link);
      showMessage('Link copied.', 'info');
    } catch (e) {
      showMessage('Copy this link: ' + link, 'info');
    }
  });

  $('play').addEventListener('click', () => command(() => client.play()));
  $('pause').addEventListener('click', () => command(() => client.pause()));
  $('seek').addEventListener('click', () => {
    const seconds = Number($('seek-to').value);
    if (!Number.isFinite(seconds) || seconds < 0) {
      showError('Enter a position in seconds (0 or more)');
      return;
    }
    command(() => client.seek(seconds));
  });
  $('set-rate').addEventListener('click', () => command(() => client.setRate(Number($('rate').value))));
  $('toggle-sound').addEventListener('click', () => {
    video.muted = !video.muted;
    $('toggle-sound').textContent = video.muted ? 'Unmute' : 'Mute';
  });
  document.addEventListener('click', () => {
    if (player.state && player.state.isPlaying && video.paused && app.playerKind === 'video') {
      video.play().catch(() => {});
    }
  });

  $('change-media').addEventListener('submit', (e) => {
    e.preventDefault();
    const mediaId = $('new-media-id').value.trim();
    if (!mediaId) {
      showError('Enter the media to watch');
      return;
    }
    const mediaType = $('new-media-type').value;
    // The provider picked below goes along when it is another one: a media file needs 'direct', a catalogue id
    // an iframe provider, and the room accepts only media its provider can play.
    const provider = $('new-provider').value;
    const current = client.room && client.room.currentState ? client.room.currentState.providerId : null;
    command(() => client.changeMedia(mediaId, mediaType, mediaType === 'tv' ? 1 : null, mediaType === 'tv' ? 1 : null,
      provider && provider !== current ? provider : undefined));
  });
  $('change-provider-form').addEventListener('submit', (e) => {
    e.preventDefault();
    command(() => client.changeProvider($('new-provider').value));
  });
  $('change-episode-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const episode = numberOrNull($('new-episode'));
    if (!episode) {
      showError('Enter an episode number');
      return;
    }
    command(() => client.changeEpisode(episode, numberOrNull($('new-season'))));
  });

  window.addEventListener('hashchange', () => {
    const roomId = roomIdFromLocation();
    if (roomId && client.token && roomId !== client.roomId) {
      joinRoom(roomId);
    }
  });

  // ------------------------------------------------------------------ start

  showView('auth');
  if (app.pendingRoom) {
    showMessage('Log in or create an account to join room ' + app.pendingRoom + '.', 'info');
  }
  configReady.then(() => {
    if (restoreSession()) {
      signedIn().catch(showError);
    }
  });
})();
