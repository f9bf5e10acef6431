package io.watchtogether.command.api;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.infrastructure.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** command-api on a random port against the shared real Kafka, redis-server and Mongo wire server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithInfrastructure
@SpringBootTest(classes = CommandApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandApiApplication.CONFIG_NAME,
                "watch-together.jwt.secret=" + CommandApiTest.SECRET,
                "watch-together.accounts.bcrypt-cost=4",
                "watch-together.api.command-timeout=20s"
        })
@interface CommandApiTest {
    String SECRET = "test-secret-for-command-api-tests";
}
