package io.redset.web.ui;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@RedSetBootTest
class StatusPageTest {

    @LocalServerPort
    int port;

    @Test
    void publicPageListsEverySet() {
        Response page = new ApiClient(port).get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("RedSet status").contains("SET 00").contains("SET 01").contains("NORMAL");
    }
}
