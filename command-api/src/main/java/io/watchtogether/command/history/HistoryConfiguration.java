package io.watchtogether.command.history;

import io.watchtogether.readmodel.history.RoomHistoryReader;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The room history room-projector keeps in MongoDB, read for {@code GET /rooms/{roomId}/history}. */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

    /**
     * @param collection      the projector's history collection ({@code watch-together.projector.history-collection})
     * @param defaultPageSize events per page when the request names no size
     * @param maxPageSize     largest page a request may ask for
     */
    @ConfigurationProperties("watch-together.history")
    public record HistorySettings(
            @DefaultValue(RoomHistoryReader.DEFAULT_COLLECTION) String collection,
            @DefaultValue("50") int defaultPageSize,
            @DefaultValue("200") int maxPageSize) {

        public HistorySettings {
            if (collection == null || collection.isBlank()) {
                throw new IllegalArgumentException("watch-together.history.collection must not be blank");
            }
            if (maxPageSize < 1 || defaultPageSize < 1 || defaultPageSize > maxPageSize) {
                throw new IllegalArgumentException("watch-together.history.default-page-size must be between 1 and"
                        + " max-page-size, got " + defaultPageSize + " and " + maxPageSize);
            }
        }
    }

    @Bean
    public RoomHistoryReader roomHistoryReader(MongoTemplate mongo, HistorySettings settings) {
        return new RoomHistoryReader(mongo.getCollection(settings.collection()));
    }
}
