package io.redset.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP.
 * <ul>
 *   <li>{@code /api/**}: stateless. The claim API is public; {@code /api/v1/admin/**} needs HTTP
 *       Basic as a console user with role ADMIN, {@code /api/v1/oncall/**} (acknowledging alerts,
 *       silences) and {@code /api/v1/alerts/**} (alerts taken in from a user's Alertmanager) role
 *       ONCALL. No CSRF: there is no session or cookie to ride on.
 *       401 and 403 answer as problem+json.</li>
 *   <li>Everything else: the public status page ({@code /}) and Vaadin's resources are anonymous;
 *       of the actuator only health and prometheus are reachable. Vaadin protects its own UIDL
 *       requests with its CSRF token, so Spring's is off here; the console, when it comes, will
 *       switch this chain to Vaadin's security configurer with a login view.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/admin/**").hasRole(ConsoleRole.ADMIN.name())
                        .requestMatchers("/api/v1/oncall/**", "/api/v1/alerts/**").hasRole(ConsoleRole.ONCALL.name())
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** BCrypt for new hashes; older formats keep working through the {id} prefix. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ConsoleRole.ADMIN.name()).implies(ConsoleRole.ONCALL.name())
                .role(ConsoleRole.ONCALL.name()).implies(ConsoleRole.VIEWER.name())
                .build();
    }
}
