package io.watchtogether.events;

import io.watchtogether.events.RoomEvent.AdminTransferred;
import io.watchtogether.events.RoomEvent.EpisodeChanged;
import io.watchtogether.events.RoomEvent.MediaChanged;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.ParticipantKicked;
import io.watchtogether.events.RoomEvent.ParticipantLeft;
import io.watchtogether.events.RoomEvent.PlaybackPaused;
import io.watchtogether.events.RoomEvent.PlaybackPositionCorrected;
import io.watchtogether.events.RoomEvent.PlaybackRateChanged;
import io.watchtogether.events.RoomEvent.PlaybackSeeked;
import io.watchtogether.events.RoomEvent.PlaybackStarted;
import io.watchtogether.events.RoomEvent.ProviderChanged;
import io.watchtogether.events.RoomEvent.RoomClosed;
import io.watchtogether.events.RoomEvent.RoomCreated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evening in a room, from creation to closing, using every event type: the realistic samples that the
 * schema, serde and fold tests share. Times are server epoch ms; versions run 1, 2, 3, ... without gaps.
 */
final class SampleRoom {

    static final String ROOM_ID = "room-7f3a9c";
    /** 2026-01-09T20:00:00Z */
    static final long T0 = 1_767_988_800_000L;

    static final Participant ALICE = new Participant("u-alice", "alice", T0);
    static final Participant BOB = new Participant("u-bob", "bob", T0 + 45_000);
    static final Participant CAROL = new Participant("u-carol", "carol", T0 + 90_000);

    private SampleRoom() {
    }

    /** The whole log, in order. */
    static List<EventEnvelope> log() {
        Log log = new Log();
        PlaybackState show = PlaybackState.start("1399", PlaybackState.TV, "vidnest", 1, 1, T0);
        log.append(T0, new RoomCreated("Friday night", ALICE.userId(), false, 10, T0, show));
        log.append(T0, joined(ALICE, List.of(ALICE)));
        log.append(BOB.joinedAt(), joined(BOB, List.of(ALICE, BOB)));
        log.append(CAROL.joinedAt(), joined(CAROL, List.of(ALICE, BOB, CAROL)));

        long t = T0 + 120_000;
        PlaybackState playing = show.playingAt(t);
        log.append(t, new PlaybackStarted(ALICE.userId(), playing));

        t += 60_000;
        PlaybackState faster = playing.withRate(1.5, t);
        log.append(t, new PlaybackRateChanged(BOB.userId(), faster));

        t += 30_000;
        double expected = faster.positionAt(t);
        log.append(t, new PlaybackPositionCorrected(ALICE.userId(), expected, faster.seekedTo(expected + 4.2, t)));

        t += 15_000;
        PlaybackState seeked = log.playback().seekedTo(1_260.5, t);
        log.append(t, new PlaybackSeeked(CAROL.userId(), seeked));

        t += 600_000;
        log.append(t, new PlaybackPaused(ALICE.userId(), seeked.pausedAt(t)));

        t += 20_000;
        log.append(t, new EpisodeChanged(ALICE.userId(), log.playback().withEpisode(1, 2, t)));

        t += 10_000;
        log.append(t, new ProviderChanged(ALICE.userId(), log.playback().withProvider("vidsrc", t)));

        t += 10_000;
        log.append(t, new MediaChanged(ALICE.userId(), log.playback().withMedia("550", PlaybackState.MOVIE, null, null, t)));

        t += 5_000;
        log.append(t, new AdminTransferred(BOB.userId(), ALICE.userId(), "transferred", List.of(ALICE, BOB, CAROL)));

        t += 5_000;
        log.append(t, new ParticipantKicked(CAROL.userId(), BOB.userId(), List.of(ALICE, BOB)));

        t += 5_000;
        log.append(t, new ParticipantLeft(ALICE.userId(), "left", List.of(BOB)));

        t += 5_000;
        log.append(t, new ParticipantLeft(BOB.userId(), "disconnected", List.of()));
        log.append(t, new RoomClosed("empty"));
        return log.envelopes;
    }

    /** The first event of each type in the log. */
    static Map<Class<? extends RoomEvent>, RoomEvent> oneOfEachType() {
        Map<Class<? extends RoomEvent>, RoomEvent> samples = new LinkedHashMap<>();
        for (EventEnvelope envelope : log()) {
            samples.putIfAbsent(envelope.event().getClass(), envelope.event());
        }
        return samples;
    }

    /** The log's event at {@code version}. */
    static EventEnvelope at(long version) {
        return log().get((int) version - 1);
    }

    static ParticipantJoined joined(Participant who, List<Participant> after) {
        return new ParticipantJoined(who.userId(), who.username(), who.joinedAt(), after);
    }

    /** Numbers events and keeps the playback state of the last playback event. */
    private static final class Log {
        private final List<EventEnvelope> envelopes = new ArrayList<>();
        private PlaybackState playback;

        void append(long time, RoomEvent event) {
            long version = envelopes.size() + 1;
            envelopes.add(new EventEnvelope("evt-" + version, ROOM_ID, version, time, "cmd-" + version,
                    "command-api", event));
            if (event instanceof RoomEvent.PlaybackEvent change) {
                playback = change.playback();
            } else if (event instanceof RoomCreated created) {
                playback = created.playback();
            }
        }

        PlaybackState playback() {
            return playback;
        }
    }
}
