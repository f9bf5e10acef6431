package io.watchtogether.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what can go wrong without running it:
 * a variable that no service reads (a typo, a renamed property), an address or secret a service reads but is not
 * given (it would fall back to localhost inside its container), a defaulted secret, unofficial images.
 */
class DockerComposeFileTest {

    // Surefire runs in the module folder; the compose file and the services' sources are beside it.
    private static final Path REPOSITORY = Path.of("..");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final List<String> INFRASTRUCTURE_AND_SECRET =
            List.of("KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "MONGODB_URI", "JWT_SECRET");

    private static Map<String, Object> services;

    @BeforeAll
    static void readComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = map(compose.get("services"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-api", "room-projector", "sync-gateway"})
    void every_variable_compose_gives_a_service_is_read_by_its_properties(String service) throws IOException {
        Set<String> read = variablesReadBy(service);

        assertThat(environment(service).keySet())
                .as("variables set for %s in docker-compose.yml, each to be read as ${NAME...} in %s.properties",
                        service, service)
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(read).as("variables read by %s.properties", service).contains(variable));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-api", "room-projector", "sync-gateway"})
    void every_address_and_secret_a_service_reads_is_given_to_it(String service) throws IOException {
        Set<String> read = variablesReadBy(service);
        Map<String, Object> environment = environment(service);

        INFRASTRUCTURE_AND_SECRET.stream().filter(read::contains).forEach(variable ->
                assertThat(environment).as("environment of %s in docker-compose.yml", service).containsKey(variable));
    }

    @Test
    void the_jwt_secret_is_required_and_never_defaulted() {
        for (String service : List.of("command-api", "sync-gateway")) {
            assertThat(String.valueOf(environment(service).get("JWT_SECRET")))
                    .as("JWT_SECRET of %s: compose must refuse to start without it", service)
                    .matches("\\$\\{JWT_SECRET:\\?[^}]+}");
        }
    }

    @Test
    void infrastructure_runs_on_the_official_images() {
        assertThat(map(services.get("kafka")).get("image")).isEqualTo("apache/kafka:4.2.1");
        assertThat(map(services.get("redis")).get("image")).isEqualTo("redis:7");
        assertThat(map(services.get("mongo")).get("image")).isEqualTo("mongo:7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-api", "room-projector", "sync-gateway"})
    void each_service_is_built_from_its_module_of_this_repository(String service) {
        Map<String, Object> build = map(map(services.get(service)).get("build"));

        assertThat(build.get("context")).isEqualTo(".");
        assertThat(map(build.get("args"))).containsEntry("MODULE", service);
        assertThat(REPOSITORY.resolve(service).resolve("pom.xml")).exists();
        assertThat(REPOSITORY.resolve("Dockerfile")).exists();
    }

    @Test
    void rest_and_stomp_are_published_on_the_ports_the_services_listen_on() {
        assertThat(environment("command-api")).containsEntry("PORT", 3000);
        assertThat(list(map(services.get("command-api")).get("ports"))).contains("3000:3000");
        assertThat(environment("sync-gateway")).containsEntry("PORT", 3001);
        assertThat(list(map(services.get("sync-gateway")).get("ports"))).contains("3001:3001");
    }

    @Test
    void kafka_is_one_kraft_node_that_the_services_reach_at_kafka_9092() {
        Map<String, Object> kafka = environment("kafka");

        assertThat(String.valueOf(kafka.get("KAFKA_PROCESS_ROLES"))).contains("broker").contains("controller");
        assertThat(String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS"))).contains("://kafka:9092");
        assertThat(kafka).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1)
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1)
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1);
        for (String service : List.of("command-api", "room-projector", "sync-gateway")) {
            assertThat(environment(service)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }
    }

    private static Set<String> variablesReadBy(String service) throws IOException {
        Path properties = REPOSITORY.resolve(service).resolve("src/main/resources").resolve(service + ".properties");
        Matcher placeholders = PLACEHOLDER.matcher(Files.readString(properties));
        Set<String> variables = new TreeSet<>();
        while (placeholders.find()) {
            variables.add(placeholders.group(1));
        }
        return variables;
    }

    private static Map<String, Object> environment(String service) {
        return map(map(services.get(service)).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a mapping in docker-compose.yml").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).as("a list in docker-compose.yml").isInstanceOf(List.class);
        return (List<Object>) node;
    }
}
