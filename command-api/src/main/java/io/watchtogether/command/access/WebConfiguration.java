package io.watchtogether.command.access;

import io.watchtogether.tokens.AccessTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Tokens, the caller resolver and CORS. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final WebSettings web;
    private final JwtSettings jwt;

    public WebConfiguration(WebSettings web, JwtSettings jwt) {
        this.web = web;
        this.jwt = jwt;
    }

    @Bean
    public AccessTokens accessTokens() {
        return new AccessTokens(jwt.secret(), jwt.ttl());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserResolver(accessTokens()));
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**")
                .allowedOriginPatterns(web.corsOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST", "OPTIONS")
                .allowedHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key")
                .exposedHeaders("ETag");
    }
}
