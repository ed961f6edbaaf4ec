package io.redset.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The published contract of {@code /api/v1} (springdoc, served at {@code /v3/api-docs}): every
 * endpoint with the security it needs — {@code bearer} (a service API key or a user's JWT) on the
 * claim API, {@code basic} (a console user) on the admin, on-call and inbound-alert APIs, none on
 * the public health and subscription endpoints. A test fails when a mapping is missing from it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";

    @Bean
    OpenAPI redsetOpenApi() {
        return new OpenAPI()
                .info(new Info().title("RedSet API").version("v1")
                        .description("Red-envelope claims (send, grab, claim, details), SET administration, alerts and "
                                + "status-page subscriptions. Errors are RFC 9457 application/problem+json.")
                        .license(new License().name("See the repository")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A service API key (rsk_..., scopes send/claim/read, optionally limited to "
                                        + "SETs; acts for the user the body names) or an end user's JWT (acts as its "
                                        + "subject only)."))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A console user: /api/v1/admin needs ADMIN; /api/v1/oncall and "
                                        + "/api/v1/alerts need ONCALL; /api/v1/me any console user. Never challenged, so browsers do not cache it.")));
    }

    /** Security requirement of each operation, by the chain that guards its path. */
    @Bean
    OpenApiCustomizer securityByPath() {
        return api -> api.getPaths().forEach((path, item) -> {
            String scheme = path.startsWith("/api/v1/envelopes") ? BEARER
                    : path.startsWith("/api/v1/admin/") || path.startsWith("/api/v1/oncall/")
                    || path.startsWith("/api/v1/alerts/") || path.equals("/api/v1/me") || path.startsWith("/api/v1/me/")
                    ? BASIC : null;
            item.readOperations().forEach(op -> op.setSecurity(
                    scheme == null ? List.of() : List.of(new SecurityRequirement().addList(scheme))));
        });
    }
}
