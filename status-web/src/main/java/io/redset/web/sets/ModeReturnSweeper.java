package io.redset.web.sets;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code redset.console.mode-return-check} (10 s) this node looks for SETs whose time in a
 * temporary mode is up and returns them to NORMAL ({@link SetAdministration#returnDue}). Every node
 * runs it; each due return is done once.
 *
 * <p>Concurrency: one daemon thread; a failed check (control database down) is logged and tried
 * again at the next one.
 */
@Component
class ModeReturnSweeper {

    private static final Logger log = LoggerFactory.getLogger(ModeReturnSweeper.class);

    private final SetAdministration sets;
    private final Duration every;
    private ScheduledExecutorService thread;

    ModeReturnSweeper(SetAdministration sets, @Value("${redset.console.mode-return-check:10s}") Duration every) {
        this.sets = sets;
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("redset-mode-returns").daemon().factory());
        thread.scheduleWithFixedDelay(() -> {
            try {
                int n = sets.returnDue();
                if (n > 0) {
                    log.info("{} SETs returned to NORMAL by their automatic return", n);
                }
            } catch (RuntimeException e) {
                log.warn("automatic mode returns not checked: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
