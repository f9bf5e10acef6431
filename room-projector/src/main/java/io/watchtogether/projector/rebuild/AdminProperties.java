package io.watchtogether.projector.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The projector's admin endpoint ({@code /admin/rebuild} on its HTTP port).
 *
 * @param enabled whether the endpoint exists at all
 * @param token   when set (environment variable {@code ADMIN_TOKEN}), every admin request must carry
 *                {@code Authorization: Bearer <token>}; when blank the endpoint is open, which suits a local
 *                run only
 */
@ConfigurationProperties("watch-together.projector.admin")
public record AdminProperties(@DefaultValue("true") boolean enabled, @DefaultValue("") String token) {

    public AdminProperties {
        token = token == null ? "" : token.strip();
    }

    public boolean requiresToken() {
        return !token.isEmpty();
    }
}
