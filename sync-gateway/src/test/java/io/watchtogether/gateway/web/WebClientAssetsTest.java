package io.watchtogether.gateway.web;

import io.watchtogether.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser loads from the gateway: the web client, its library, the STOMP client and the sample video. */
class WebClientAssetsTest extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_web_client_is_served_at_the_root() throws Exception {
        HttpResponse<String> page = get("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("watch-together.js");
    }

    @Test
    void the_client_library_and_the_stomp_client_come_from_the_gateway_itself() throws Exception {
        HttpResponse<String> library = get("/watch-together.js", null);
        HttpResponse<String> stomp = get("/webjars/stomp__stompjs/bundles/stomp.umd.min.js", null);

        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("ClockSync", "SyncPlayer");
        assertThat(stomp.statusCode()).isEqualTo(200);
        assertThat(stomp.body()).contains("StompJs");
    }

    @Test
    void the_client_config_falls_back_to_the_page_s_host_when_no_api_url_is_set() throws Exception {
        HttpResponse<String> config = get("/client-config.json", null);

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(config.body()).isEqualTo("{\"apiUrl\":null}");
    }

    @Test
    void the_sample_video_is_served_in_byte_ranges_so_players_can_seek() throws Exception {
        HttpResponse<String> whole = get("/media/sample.webm", null);
        HttpResponse<String> range = get("/media/sample.webm", "bytes=1000-1099");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("bytes 1000-1099/"));
        assertThat(range.headers().firstValueAsLong("Content-Length")).hasValue(100);
    }

    private HttpResponse<String> get(String path, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }
}
