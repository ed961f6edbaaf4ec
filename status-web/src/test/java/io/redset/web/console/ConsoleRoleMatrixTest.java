package io.redset.web.console;

import com.vaadin.flow.router.Route;
import io.redset.web.RedSetBootTest;
import io.redset.web.security.ConsoleRole;
import io.redset.web.security.ConsoleUsers;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console view, found by scanning the console's {@code @Route} classes (a new view is in
 * the matrix by itself), opened over HTTP by an anonymous visitor and by a signed-in user of each
 * role: the anonymous one is sent to the sign-in, a role below the view's gets no part of it, and
 * the view's own role and those above it get the view.
 */
@RedSetBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRoleMatrixTest {

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    final Map<ConsoleRole, HttpClient> signedIn = new EnumMap<>(ConsoleRole.class);

    record View(String path, ConsoleRole needs, String marker) {
    }

    @BeforeAll
    void signIn() throws Exception {
        users.create("matrix-c-viewer", "matrix-c-viewer-pw", ConsoleRole.VIEWER);
        users.create("matrix-c-oncall", "matrix-c-oncall-pw", ConsoleRole.ONCALL);
        signedIn.put(ConsoleRole.VIEWER, session("matrix-c-viewer", "matrix-c-viewer-pw"));
        signedIn.put(ConsoleRole.ONCALL, session("matrix-c-oncall", "matrix-c-oncall-pw"));
        signedIn.put(ConsoleRole.ADMIN, session("admin", RedSetBootTest.ADMIN_PASSWORD));
    }

    HttpClient session(String username, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        client.send(get("/console/login"), HttpResponse.BodyHandlers.discarding());
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).as(username + " signs in").endsWith("/console");
        return client;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build();
    }

    static List<View> consoleViews() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        List<View> views = new ArrayList<>();
        for (var bean : scan.findCandidateComponents("io.redset.web.console")) {
            Class<?> type = Class.forName(bean.getBeanClassName());
            String path = "/" + type.getAnnotation(Route.class).value();
            if (type == ConsoleLoginView.class) {
                continue;
            }
            RolesAllowed roles = type.getAnnotation(RolesAllowed.class);
            assertThat(roles).as(type + " names the role it needs").isNotNull();
            assertThat(type.getAnnotation(PermitAll.class)).as(type + ": roles, not any user").isNull();
            ConsoleRole needs = ConsoleRole.valueOf(roles.value()[0]);
            String marker = switch (type.getSimpleName()) {
                case "OverviewView" -> "console-overview";
                case "AlertsView" -> "console-alerts";
                case "SetsView" -> "console-sets";
                case "AuditView" -> "console-audit";
                case "UsersView" -> "console-users";
                case "IncidentsView" -> "console-incidents";
                case "MaintenanceView" -> "console-maintenance";
                case "NotificationsView" -> "console-notifications";
                case "AccountView" -> "console-account";
                default -> throw new AssertionError("no marker known for " + type + ": add it to this test");
            };
            views.add(new View(path, needs, marker));
        }
        return views;
    }

    @Test
    void everyConsoleViewIsRefusedBelowItsRoleAndShownFromItsRoleUp() throws Exception {
        List<View> views = consoleViews();
        assertThat(views).extracting(View::path).contains("/console", "/console/alerts", "/console/sets", "/console/audit", "/console/users");
        HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> wrong = new ArrayList<>();
        for (View v : views) {
            HttpResponse<String> a = anonymous.send(get(v.path()), HttpResponse.BodyHandlers.ofString());
            if (a.statusCode() != 302 || !a.headers().firstValue("Location").orElse("").endsWith("/console/login")) {
                wrong.add("anonymous " + v.path() + ": " + a.statusCode());
            }
            for (ConsoleRole role : ConsoleRole.values()) {
                HttpResponse<String> r = signedIn.get(role).send(get(v.path()), HttpResponse.BodyHandlers.ofString());
                boolean shown = r.statusCode() == 200 && r.body().contains(v.marker());
                if (shown != role.includes(v.needs())) {
                    wrong.add(role + " " + v.path() + ": " + r.statusCode() + (shown ? " shown" : " not shown"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
