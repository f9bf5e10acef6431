package io.watchtogether.events;

import io.watchtogether.events.RoomCommand.ChangeEpisode;
import io.watchtogether.events.RoomCommand.ChangeMedia;
import io.watchtogether.events.RoomCommand.ChangeProvider;
import io.watchtogether.events.RoomCommand.CreateRoom;
import io.watchtogether.events.RoomCommand.JoinRoom;
import io.watchtogether.events.RoomCommand.KickUser;
import io.watchtogether.events.RoomCommand.LeaveRoom;
import io.watchtogether.events.RoomCommand.Pause;
import io.watchtogether.events.RoomCommand.Play;
import io.watchtogether.events.RoomCommand.ReportPosition;
import io.watchtogether.events.RoomCommand.Seek;
import io.watchtogether.events.RoomCommand.SetPlaybackRate;
import io.watchtogether.events.RoomCommand.TransferAdmin;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.events.kafka.JsonSerde;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The JSON and Kafka forms of events, commands, results and states read back as what was written. */
class RoomJsonTest {

    private static final String TOPIC = Topics.EVENTS;

    private final Serializer<EventEnvelope> eventSerializer = new EventEnvelopeSerde().serializer();
    private final Deserializer<EventEnvelope> eventDeserializer = new EventEnvelopeSerde().deserializer();

    @Test
    void every_event_round_trips_through_the_event_serde() {
        List<EventEnvelope> log = SampleRoom.log();
        assertThat(log.stream().<Class<?>>map(e -> e.event().getClass()).distinct())
                .containsExactlyInAnyOrderElementsOf(EventTypes.all());

        for (EventEnvelope envelope : log) {
            Headers headers = new RecordHeaders();
            byte[] value = eventSerializer.serialize(TOPIC, headers, envelope);

            assertThat(eventDeserializer.deserialize(TOPIC, headers, value)).isEqualTo(envelope);
        }
    }

    @Test
    void an_event_travels_with_the_cloud_events_headers() {
        EventEnvelope envelope = SampleRoom.at(5);
        Headers headers = new RecordHeaders();

        byte[] value = eventSerializer.serialize(TOPIC, headers, envelope);

        assertThat(headerMap(headers)).containsOnly(
                entry("ce_specversion", "1.0"),
                entry("ce_id", "evt-5"),
                entry("ce_source", "command-api"),
                entry("ce_type", "io.watchtogether.room.PlaybackStarted.v1"),
                entry("ce_subject", SampleRoom.ROOM_ID),
                entry("ce_time", "2026-01-09T20:02:00Z"),
                entry("ce_roomversion", "5"),
                entry("ce_correlationid", "cmd-5"),
                entry("content-type", "application/json"));
        assertThat(value).isEqualTo(RoomJson.writeEvent(envelope.event()));
    }

    @Test
    void the_event_time_header_is_rfc_3339_to_the_millisecond() {
        EventEnvelope envelope = new EventEnvelope("evt-1", "room-1", 1, SampleRoom.T0 + 123, null, "command-api",
                new RoomEvent.RoomClosed("inactive"));
        Headers headers = new RecordHeaders();

        eventSerializer.serialize(TOPIC, headers, envelope);

        String time = header(headers, CloudEventHeaders.TIME);
        assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
        assertThat(OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli())
                .isEqualTo(SampleRoom.T0 + 123);
    }

    @Test
    void an_event_without_a_correlation_id_has_no_correlation_header() {
        EventEnvelope envelope = new EventEnvelope("evt-9", "room-1", 9, SampleRoom.T0, null, "room-janitor",
                new RoomEvent.RoomClosed("inactive"));
        Headers headers = new RecordHeaders();

        byte[] value = eventSerializer.serialize(TOPIC, headers, envelope);

        assertThat(headers.lastHeader(CloudEventHeaders.CORRELATION_ID)).isNull();
        assertThat(eventDeserializer.deserialize(TOPIC, headers, value)).isEqualTo(envelope);
    }

    @Test
    void serializing_onto_used_headers_leaves_one_header_of_each() {
        Headers headers = new RecordHeaders();
        eventSerializer.serialize(TOPIC, headers, SampleRoom.at(4));

        byte[] value = eventSerializer.serialize(TOPIC, headers, SampleRoom.at(5));

        assertThat(headers.toArray()).hasSize(9);
        assertThat(eventDeserializer.deserialize(TOPIC, headers, value)).isEqualTo(SampleRoom.at(5));
    }

    @Test
    void an_event_record_without_its_type_header_is_refused() {
        Headers headers = new RecordHeaders();
        byte[] value = eventSerializer.serialize(TOPIC, headers, SampleRoom.at(5));
        headers.remove(CloudEventHeaders.TYPE);

        assertThatThrownBy(() -> eventDeserializer.deserialize(TOPIC, headers, value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ce_type");
    }

    @Test
    void an_event_of_an_unknown_type_is_refused() {
        Headers headers = new RecordHeaders();
        byte[] value = eventSerializer.serialize(TOPIC, headers, SampleRoom.at(5));
        headers.remove(CloudEventHeaders.TYPE);
        headers.add(CloudEventHeaders.TYPE, "io.watchtogether.room.PlaybackTeleported.v1".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> eventDeserializer.deserialize(TOPIC, headers, value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PlaybackTeleported");
    }

    @Test
    void an_event_payload_that_does_not_fit_its_type_is_refused() {
        assertThatThrownBy(() -> RoomJson.readEvent(EventTypes.typeOf(RoomEvent.ParticipantJoined.class),
                "{\"userId\":\"u-1\",\"joinedAt\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_event_payload_with_a_field_added_later_is_still_read() {
        byte[] json = "{\"reason\":\"inactive\",\"idleMinutes\":1440}".getBytes(StandardCharsets.UTF_8);

        assertThat(RoomJson.readEvent(EventTypes.typeOf(RoomEvent.RoomClosed.class), json))
                .isEqualTo(new RoomEvent.RoomClosed("inactive"));
    }

    @Test
    void events_need_headers_to_be_serialized() {
        assertThatThrownBy(() -> eventSerializer.serialize(TOPIC, SampleRoom.at(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_tombstone_stays_null_both_ways() {
        assertThat(eventSerializer.serialize(TOPIC, new RecordHeaders(), null)).isNull();
        assertThat(eventDeserializer.deserialize(TOPIC, new RecordHeaders(), (byte[]) null)).isNull();
    }

    @Test
    void every_command_type_round_trips_through_json() {
        Map<Class<? extends RoomCommand>, RoomCommand> samples = commandSamples();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.leavesOf(RoomCommand.class));

        for (RoomCommand command : samples.values()) {
            CommandEnvelope envelope = new CommandEnvelope("cmd-42", SampleRoom.ROOM_ID, new Actor("u-alice", "alice"),
                    SampleRoom.T0, 7L, "idem-" + RoomJson.commandName(command), command);

            assertThat(RoomJson.readCommand(RoomJson.writeCommand(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void a_command_without_the_optional_fields_round_trips_through_the_command_serde() {
        CommandEnvelope envelope = new CommandEnvelope("cmd-43", SampleRoom.ROOM_ID, Actor.system(), SampleRoom.T0,
                null, null, new LeaveRoom("heartbeat_timeout"));
        JsonSerde<CommandEnvelope> serde = JsonSerde.commands();

        byte[] json = serde.serializer().serialize(Topics.COMMANDS, envelope);

        assertThat(serde.deserializer().deserialize(Topics.COMMANDS, json)).isEqualTo(envelope);
    }

    @Test
    void the_command_type_travels_as_the_record_name() {
        CommandEnvelope envelope = new CommandEnvelope("cmd-44", SampleRoom.ROOM_ID, new Actor("u-bob", "bob"),
                SampleRoom.T0, null, null, new Seek(95.5));

        var json = RoomJson.mapper().readTree(RoomJson.writeCommand(envelope));

        assertThat(json.path("type").asString()).isEqualTo("Seek");
        assertThat(json.path("command").path("currentTime").asDouble()).isEqualTo(95.5);
    }

    @Test
    void an_unknown_command_type_is_refused() {
        byte[] json = ("{\"type\":\"RewindTime\",\"commandId\":\"cmd-1\",\"roomId\":\"room-1\","
                + "\"actor\":{\"userId\":\"u-1\",\"username\":\"x\"},\"issuedAt\":1,\"command\":{}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RoomJson.readCommand(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RewindTime");
    }

    @Test
    void a_command_without_a_type_is_refused() {
        byte[] json = "{\"commandId\":\"cmd-1\",\"roomId\":\"room-1\",\"issuedAt\":1,\"command\":{}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RoomJson.readCommand(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{\"type\":\"Seek\",",
            "[\"Seek\"]",
            "",
            "{\"type\":\"Seek\",\"commandId\":\"c\",\"roomId\":\"r\",\"issuedAt\":1,\"command\":{\"currentTime\":\"soon\"}}",
            "{\"type\":\"Play\",\"commandId\":\"c\",\"roomId\":\"r\",\"issuedAt\":1,\"command\":{}} trailing"})
    void malformed_command_json_is_refused(String json) {
        assertThatThrownBy(() -> RoomJson.readCommand(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void room_states_round_trip_through_the_state_serde() {
        JsonSerde<RoomState> serde = JsonSerde.states();
        List<EventEnvelope> log = SampleRoom.log();
        List<RoomState> states = new ArrayList<>();
        states.add(RoomState.initial(SampleRoom.ROOM_ID));
        for (int version = 1; version <= log.size(); version++) {
            states.add(RoomState.fold(SampleRoom.ROOM_ID, log.subList(0, version)));
        }

        for (RoomState state : states) {
            byte[] json = serde.serializer().serialize(Topics.EVENTS, state);

            assertThat(serde.deserializer().deserialize(Topics.EVENTS, json)).isEqualTo(state);
        }
    }

    @Test
    void command_results_round_trip_through_the_result_serde() {
        JsonSerde<CommandResult> serde = JsonSerde.results();
        RoomState room = RoomState.fold(SampleRoom.ROOM_ID, SampleRoom.log().subList(0, 14));
        CommandResult accepted = CommandResult.accepted("cmd-14", room, 1);
        CommandResult rejected = CommandResult.rejected("cmd-15", room,
                Rejection.of(Rejection.Reason.NOT_ALLOWED, "Only the admin may kick a participant"));
        CommandResult noRoom = CommandResult.rejected("cmd-16", RoomState.initial("room-none"),
                Rejection.of(Rejection.Reason.ROOM_NOT_FOUND, "No room room-none"));

        for (CommandResult result : List.of(accepted, rejected, noRoom)) {
            byte[] json = serde.serializer().serialize(Topics.COMMAND_RESULTS, result);

            assertThat(serde.deserializer().deserialize(Topics.COMMAND_RESULTS, json)).isEqualTo(result);
        }
    }

    private static Map<Class<? extends RoomCommand>, RoomCommand> commandSamples() {
        Map<Class<? extends RoomCommand>, RoomCommand> samples = new LinkedHashMap<>();
        List.<RoomCommand>of(
                new CreateRoom("Friday night", "1399", "tv", "vidnest", 1, 1, true),
                new JoinRoom(),
                new LeaveRoom("left"),
                new Play(),
                new Pause(),
                new Seek(1_260.5),
                new SetPlaybackRate(1.25),
                new ReportPosition(1_300.2),
                new ChangeEpisode(null, 2),
                new ChangeProvider("vidsrc"),
                new ChangeMedia("550", "movie", null, null),
                new TransferAdmin("u-bob"),
                new KickUser("u-carol"),
                new RoomCommand.CloseRoom("inactive")
        ).forEach(command -> samples.put(command.getClass(), command));
        return samples;
    }

    private static Map<String, String> headerMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        StreamSupport.stream(headers.spliterator(), false).forEach(header ->
                assertThat(map.put(header.key(), value(header))).as("duplicate header %s", header.key()).isNull());
        return map;
    }

    private static String header(Headers headers, String key) {
        return value(headers.lastHeader(key));
    }

    private static String value(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
