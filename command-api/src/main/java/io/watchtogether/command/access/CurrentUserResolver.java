package io.watchtogether.command.access;

import io.watchtogether.tokens.AccessTokens;
import io.watchtogether.tokens.TokenIdentity;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller parameter of type {@link TokenIdentity} the caller verified from
 * {@code Authorization: Bearer <jwt>}; a missing, forged or expired token ends the request with 401.
 */
public class CurrentUserResolver implements HandlerMethodArgumentResolver {

    private final AccessTokens tokens;

    public CurrentUserResolver(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return TokenIdentity.class.equals(parameter.getParameterType());
    }

    @Override
    public TokenIdentity resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                         NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return tokens.verify(request.getHeader(HttpHeaders.AUTHORIZATION));
    }
}
