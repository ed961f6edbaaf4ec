package io.redset.web.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;

/**
 * Who may do what over HTTP (README, "Security"). Five chains, first match wins:
 * <ol>
 *   <li><b>Claim API</b> {@code /api/v1/envelopes/**}: every call authenticated with
 *       {@code Authorization: Bearer} — a service API key or an end user's JWT
 *       ({@link BearerAuthentication}); scopes, SETs and the acting user are checked per call by
 *       {@code ClaimAccess}. 401 challenges with {@code Bearer}.</li>
 *   <li><b>Console API</b> {@code /api/v1/admin/**} (ADMIN), {@code /api/v1/oncall/**} and
 *       {@code /api/v1/alerts/**} (ONCALL): HTTP Basic as a console user, never challenged (so no
 *       browser caches the password), failures throttled per address and account.</li>
 *   <li><b>Public API</b>, the rest of {@code /api/**} and the OpenAPI document: anonymous. No
 *       authentication mechanism runs there, so an {@code Authorization} header costs nothing.</li>
 *   <li><b>Actuator</b> {@code /actuator/**}: health and prometheus anonymous, the rest refused.</li>
 *   <li><b>Pages</b>: the status page and Vaadin's resources, feeds and badges, anonymous (views
 *       marked {@code @AnonymousAllowed}); the console's views after a form sign-in at
 *       {@code /console/login} (failures throttled like Basic ones), each view and action by role.
 *       Vaadin's security configurer sets CSRF for
 *       every form and protects its own UIDL requests with its token. Content-Security-Policy, Referrer-Policy and frame-ancestors on every answer; HSTS
 *       on answers over TLS (also behind a proxy that says so, with
 *       {@code server.forward-headers-strategy=native}).</li>
 * </ol>
 * All API chains are stateless (no session, no cookie to ride on); {@link ForgedRequestGuard}
 * refuses cross-site and form-encoded mutations and {@link RequestBodyLimit} bounds every body,
 * both ahead of the chains.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    static final String CLAIM_API = "/api/v1/envelopes";
    /**
     * The pages run Vaadin, whose client needs inline scripts and eval (its documented minimum);
     * everything else is same-origin only, so injected markup could not load or send anything
     * elsewhere. Hostile text itself is made inert where it meets HTML (see InitialUidlEscaping).
     */
    static final String PAGE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** API answers are data, never documents. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

    @Bean
    AuthThrottle authThrottle(SecurityProperties properties, MeterRegistry meters) {
        return new AuthThrottle(properties.throttle(), Clock.systemUTC(), meters);
    }

    @Bean
    ApiKeys apiKeys(JdbcClient jdbc, SecurityProperties properties) {
        return new ApiKeys(jdbc, properties.apiKeyCacheTtl());
    }

    /**
     * No observation per filter and per authorization: Spring Security would otherwise wrap each of
     * the chain's filters in a Micrometer observation (two meters touched per filter per request),
     * which cost about a tenth of an HTTP claim's CPU in a JFR profile of the claim benchmark
     * (docs/benchmarks.md). Requests stay measured as a whole by {@code http.server.requests}, and
     * failed logins by {@code redset.auth.failures}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * What the three API chains share: data answers under {@link #API_CSP}; no session, saved request
     * or logout (nothing there logs in or out: each call brings its credentials; the servlet-API
     * wrapper stays, controllers take the caller as their {@code Principal});
     * no CSRF token, since without a session or cookie a cross-site request has nothing to ride on,
     * and {@link ForgedRequestGuard} refuses cross-site and form mutations anyway.
     */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .csrf(csrf -> csrf.disable());
    }

    @Bean
    @Order(1)
    SecurityFilterChain claimApiSecurity(HttpSecurity http, ApiKeys keys, SecurityProperties properties,
                                         AuthThrottle throttle) throws Exception {
        ProblemSecurityHandlers problems = ProblemSecurityHandlers.claimApi(throttle);
        BearerAuthentication bearer = new BearerAuthentication(keys, JwtDecoders.of(properties.jwt()));
        http.securityMatcher(CLAIM_API, CLAIM_API + "/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(new AuthThrottleFilter(throttle, AuthThrottle.Kind.API_KEY), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .anonymous(anonymous -> anonymous.disable());
        return stateless(http).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleApiSecurity(HttpSecurity http, AuthThrottle throttle) throws Exception {
        ProblemSecurityHandlers problems = ProblemSecurityHandlers.console(throttle);
        http.securityMatcher("/api/v1/admin/**", "/api/v1/oncall/**", "/api/v1/alerts/**", "/api/v1/me", "/api/v1/me/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/admin/**").hasRole(ConsoleRole.ADMIN.name())
                        .requestMatchers("/api/v1/me", "/api/v1/me/**").hasRole(ConsoleRole.VIEWER.name())
                        .anyRequest().hasRole(ConsoleRole.ONCALL.name()))
                .httpBasic(basic -> basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
                .addFilterBefore(new AuthThrottleFilter(throttle, AuthThrottle.Kind.BASIC), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return stateless(http).build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicApiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return stateless(http).build();
    }

    /** Of the actuator only health and the scrape, anonymously; the rest is refused (403), never a login page. */
    @Bean
    @Order(4)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().denyAll());
        return stateless(http).build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain webSecurity(HttpSecurity http, AuthThrottle throttle) throws Exception {
        ConsoleLoginThrottle loginThrottle = new ConsoleLoginThrottle(throttle);
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")))
                .addFilterBefore(loginThrottle, UsernamePasswordAuthenticationFilter.class)
                // Vaadin's rules: its own requests and resources, @AnonymousAllowed views (the public pages)
                // without login, every other view after the console login; CSRF for everything but
                // Vaadin's own requests, which carry its token
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                        // by path: the view lives in web.console, which depends on this package
                        .loginView(ConsoleLoginThrottle.LOGIN, ConsoleLoginThrottle.LOGIN + "?logout")
                        .defaultSuccessUrl("/console")
                        .anyRequest(any -> any.permitAll()))
                // after Vaadin's configurer, so that its login page is set before form login initialises
                // (else Spring would also generate its own page at /login)
                .formLogin(form -> form.failureHandler(loginThrottle));
        return http.build();
    }

    /** Ahead of Spring Security: cross-site and form-encoded mutations never reach a chain. */
    @Bean
    FilterRegistrationBean<ForgedRequestGuard> forgedRequestGuard(SecurityProperties properties) {
        FilterRegistrationBean<ForgedRequestGuard> registration =
                new FilterRegistrationBean<>(new ForgedRequestGuard(properties.allowedOrigins()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-200);
        return registration;
    }

    /** Ahead of Spring Security: no body of the API is read past its limit. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(SecurityProperties properties) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(
                properties.maxBodySize().toBytes(), properties.maxAlertmanagerBodySize().toBytes()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-199);
        return registration;
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
