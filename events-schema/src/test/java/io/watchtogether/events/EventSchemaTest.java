package io.watchtogether.events;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in JSON Schemas ({@code schemas/<Type>.v1.schema.json}) describe exactly what
 * {@link RoomJson#writeEvent} produces, for every event type.
 */
class EventSchemaTest {

    private static final String SCHEMA_ID_BASE = "https://watchtogether.io/schemas/";
    private static final String COMMON = "common.v1.schema.json";

    /** Resolves the schemas' ids (and their relative $refs) from the classpath, so validation never goes online. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_ID_BASE, "classpath:schemas/")));

    private static final Map<Class<? extends RoomEvent>, RoomEvent> SAMPLES = SampleRoom.oneOfEachType();

    @Test
    void every_event_type_has_a_sample_and_a_schema() {
        for (Class<? extends RoomEvent> type : EventTypes.all()) {
            assertThat(SAMPLES).as("a sample %s in SampleRoom", type.getSimpleName()).containsKey(type);
            assertThat(getClass().getResource("/schemas/" + fileOf(type)))
                    .as("schemas/%s on the classpath", fileOf(type)).isNotNull();
        }
    }

    @Test
    void every_schema_file_belongs_to_an_event_type() throws Exception {
        List<String> expected = new ArrayList<>(EventTypes.all().stream().map(EventSchemaTest::fileOf).toList());
        expected.add(COMMON);

        assertThat(schemaFiles()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @TestFactory
    Stream<DynamicTest> every_serialized_event_validates_against_its_schema() {
        return SampleRoom.log().stream().map(envelope -> DynamicTest.dynamicTest(
                "v" + envelope.version() + " " + envelope.event().getClass().getSimpleName(), () -> {
                    String json = new String(RoomJson.writeEvent(envelope.event()), StandardCharsets.UTF_8);

                    assertThat(schemaOf(envelope.event().getClass()).validate(json, InputFormat.JSON))
                            .as("%s", json).isEmpty();
                }));
    }

    @Test
    void each_schema_is_titled_with_its_ce_type_and_describes_the_event() {
        for (Class<? extends RoomEvent> type : EventTypes.all()) {
            JsonNode schema = schemaNode(fileOf(type));

            assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asString()).isEqualTo(SCHEMA_ID_BASE + fileOf(type));
            assertThat(schema.path("title").asString()).isEqualTo(EventTypes.typeOf(type));
            assertThat(schema.path("description").asString()).as("description of %s", fileOf(type)).hasSizeGreaterThan(30);
        }
    }

    @Test
    void each_schema_requires_exactly_the_fields_of_its_record() {
        for (Class<? extends RoomEvent> type : EventTypes.all()) {
            JsonNode schema = schemaNode(fileOf(type));

            assertThat(names(schema.path("required"))).as("required of %s", fileOf(type))
                    .containsExactlyElementsOf(componentsOf(type));
            assertThat(schema.path("properties").propertyNames()).as("properties of %s", fileOf(type))
                    .containsExactlyElementsOf(componentsOf(type));
        }
        JsonNode defs = schemaNode(COMMON).path("$defs");
        assertThat(names(defs.path("PlaybackState").path("required"))).containsExactlyElementsOf(componentsOf(PlaybackState.class));
        assertThat(defs.path("PlaybackState").path("properties").propertyNames()).containsExactlyElementsOf(componentsOf(PlaybackState.class));
        assertThat(names(defs.path("Participant").path("required"))).containsExactlyElementsOf(componentsOf(Participant.class));
        assertThat(defs.path("Participant").path("properties").propertyNames()).containsExactlyElementsOf(componentsOf(Participant.class));
    }

    @Test
    void no_schema_forbids_fields_added_later() throws Exception {
        for (String file : schemaFiles()) {
            String text = schemaNode(file).toString();

            assertThat(text).as(file).doesNotContain("\"additionalProperties\":false", "\"unevaluatedProperties\":false");
        }
    }

    @Test
    void an_event_with_a_field_added_later_still_validates() {
        ObjectNode json = sample(RoomEvent.PlaybackSeeked.class);
        json.put("deviceId", "tv-livingroom");
        ((ObjectNode) json.get("playback")).put("subtitleLanguage", "en");

        assertThat(validate(RoomEvent.PlaybackSeeked.class, json)).isEmpty();
    }

    @Test
    void a_negative_current_time_fails_validation() {
        ObjectNode json = sample(RoomEvent.PlaybackSeeked.class);
        ((ObjectNode) json.get("playback")).put("currentTime", -0.5);

        assertThat(validate(RoomEvent.PlaybackSeeked.class, json))
                .singleElement().satisfies(error -> assertThat(error.toString()).contains("currentTime"));
    }

    @Test
    void a_missing_required_field_fails_validation() {
        ObjectNode json = sample(RoomEvent.ParticipantJoined.class);
        json.remove("joinedAt");

        assertThat(validate(RoomEvent.ParticipantJoined.class, json))
                .singleElement().satisfies(error -> assertThat(error.toString()).contains("joinedAt"));
    }

    @Test
    void a_missing_playback_field_fails_validation() {
        ObjectNode json = sample(RoomEvent.RoomCreated.class);
        ((ObjectNode) json.get("playback")).remove("anchorTime");

        assertThat(validate(RoomEvent.RoomCreated.class, json)).isNotEmpty();
    }

    @Test
    void a_media_type_other_than_movie_or_tv_fails_validation() {
        assertInvalid(RoomEvent.MediaChanged.class, json -> ((ObjectNode) json.get("playback")).put("mediaType", "anime"));
    }

    @Test
    void a_playback_rate_outside_a_quarter_to_four_fails_validation() {
        assertInvalid(RoomEvent.PlaybackRateChanged.class, json -> ((ObjectNode) json.get("playback")).put("playbackRate", 0.2));
        assertInvalid(RoomEvent.PlaybackRateChanged.class, json -> ((ObjectNode) json.get("playback")).put("playbackRate", 4.5));
    }

    @Test
    void a_tv_state_needs_season_and_episode_and_a_movie_state_has_none() {
        assertInvalid(RoomEvent.EpisodeChanged.class, json -> ((ObjectNode) json.get("playback")).putNull("season"));
        assertInvalid(RoomEvent.EpisodeChanged.class, json -> ((ObjectNode) json.get("playback")).put("episode", 0));
        assertInvalid(RoomEvent.MediaChanged.class, json -> ((ObjectNode) json.get("playback")).put("episode", 3));
    }

    @Test
    void a_participant_without_user_id_fails_validation() {
        assertInvalid(RoomEvent.AdminTransferred.class, json -> ((ObjectNode) json.get("participants").get(0)).remove("userId"));
    }

    @Test
    void a_started_playback_that_is_not_playing_fails_validation() {
        assertInvalid(RoomEvent.PlaybackStarted.class, json -> ((ObjectNode) json.get("playback")).put("isPlaying", false));
    }

    private static void assertInvalid(Class<? extends RoomEvent> type, Consumer<ObjectNode> change) {
        ObjectNode json = sample(type);
        change.accept(json);

        assertThat(validate(type, json)).as("%s", json).isNotEmpty();
    }

    private static ObjectNode sample(Class<? extends RoomEvent> type) {
        return (ObjectNode) RoomJson.mapper().readTree(RoomJson.writeEvent(SAMPLES.get(type)));
    }

    private static List<com.networknt.schema.Error> validate(Class<? extends RoomEvent> type, JsonNode json) {
        return schemaOf(type).validate(json.toString(), InputFormat.JSON);
    }

    private static Schema schemaOf(Class<? extends RoomEvent> type) {
        return SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_ID_BASE + fileOf(type)));
    }

    private static String fileOf(Class<? extends RoomEvent> type) {
        return type.getSimpleName() + ".v1.schema.json";
    }

    private static JsonNode schemaNode(String file) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as("schemas/%s", file).isNotNull();
            return RoomJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> schemaFiles() throws IOException, URISyntaxException {
        URL dir = EventSchemaTest.class.getResource("/schemas");
        assertThat(dir).isNotNull();
        assertThat(dir.getProtocol()).as("schemas are read from the module's classes directory").isEqualTo("file");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> componentsOf(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(component -> component.getName()).toList();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asString()));
        return names;
    }
}
