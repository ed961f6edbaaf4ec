package io.redset.web.status.api;

import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The SVG badges of the running application: well-formed, accessible, cached like the API, 404 for unknown components. */
@RedSetBootTest
class BadgesTest {

    @LocalServerPort
    int port;

    @Test
    void badgesAreAccessibleSvgWithTheStatusInWords() throws Exception {
        ApiClient api = new ApiClient(port);
        Response overall = api.get("/badge/status.svg");
        assertThat(overall.status()).isEqualTo(200);
        assertThat(overall.contentType()).startsWith("image/svg+xml");
        assertThat(overall.header("Cache-Control")).contains("public");
        // served ahead of Spring Security: the answer sets its own policy, so that a badge opened
        // on its own cannot run or load anything
        for (String path : new String[]{"/badge/status.svg", "/history.atom", "/api/v2/summary.json"}) {
            assertThat(api.get(path).header("Content-Security-Policy")).as(path)
                    .isEqualTo("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox");
        }
        Document svg = parse(overall.body());
        assertThat(svg.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).startsWith("RedSet: ");
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo(svg.getDocumentElement().getAttribute("aria-label"));

        Response set = api.get("/badge/components/set-00.svg");
        assertThat(set.status()).isEqualTo(200);
        assertThat(parse(set.body()).getDocumentElement().getAttribute("aria-label"))
                .matches("SET 00: (operational|degraded performance|partial outage|major outage|under maintenance)");
        Response uptime = api.get("/badge/components/set-00/uptime.svg");
        assertThat(uptime.status()).isEqualTo(200);
        assertThat(parse(uptime.body()).getDocumentElement().getAttribute("aria-label"))
                .matches("SET 00 uptime 90d: (no data|\\d+(\\.\\d\\d)?%)");

        assertThat(api.get("/badge/components/nope.svg").status()).isEqualTo(404);
        assertThat(api.get("/badge/components/set-00/latency.svg").status()).isEqualTo(404);

        Response again = api.revalidate("/badge/components/set-01.svg");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
