package io.watchtogether.command.accounts;

import io.watchtogether.tokens.AccessTokens;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Accounts in MongoDB with BCrypt. */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    /**
     * @param collection  the MongoDB collection of users
     * @param bcryptCost  BCrypt's log2 work factor
     */
    @ConfigurationProperties("watch-together.accounts")
    public record AccountSettings(String collection, Integer bcryptCost) {
        public AccountSettings {
            collection = collection == null ? "users" : collection;
            bcryptCost = bcryptCost == null ? 10 : bcryptCost;
        }
    }

    @Bean
    public AccountService accountService(MongoTemplate mongo, AccountSettings settings, AccessTokens tokens) {
        return new AccountService(mongo, settings.collection(), new BCryptPasswordEncoder(settings.bcryptCost()), tokens);
    }
}
