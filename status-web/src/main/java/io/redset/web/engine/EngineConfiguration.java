package io.redset.web.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.EngineConfig;
import io.redset.engine.ModeStore;
import io.redset.web.RedSetProperties;
import io.redset.web.db.SetPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the claim engine on the SET pools. The engine migrates the SET databases itself; it
 * waits for the control database's migrations because its {@link ModeStore} reads from there.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    public ClaimEngine claimEngine(RedSetProperties properties, SetPools pools, MeterRegistry meterRegistry,
                                   ModeStore modeStore) {
        EngineConfig config = EngineSettings.toEngineConfig(properties, meterRegistry, modeStore);
        ClaimEngine engine = ClaimEngine.start(config, pools.dataSources());
        log.info("Claim engine started: {} SETs, this node serves {}", config.setCount(), config.ownedSets());
        return engine;
    }
}
