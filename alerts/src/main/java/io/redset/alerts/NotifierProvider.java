package io.redset.alerts;

import java.net.http.HttpClient;

/** Builds the notifier of one receiver type from its config; validation messages name the key. */
public interface NotifierProvider {

    ReceiverType type();

    Notifier create(ReceiverConfig config, HttpClient http);
}
