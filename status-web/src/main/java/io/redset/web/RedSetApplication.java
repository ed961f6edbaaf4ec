package io.redset.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The RedSet application: one process holding the claim engine, its HTTP API, the status page and
 * (by default) an embedded PostgreSQL. Spring is only the adapter here: the engine, probes and
 * alerts are plain Java modules configured from {@link RedSetProperties}.
 */
@SpringBootApplication
@EnableConfigurationProperties(RedSetProperties.class)
public class RedSetApplication {

    public static void main(String[] args) {
        SpringApplication.run(RedSetApplication.class, args);
    }
}
