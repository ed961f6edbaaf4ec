package io.redset.web.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.aura.Aura;

/**
 * The page shell of every Vaadin view: the Aura theme plus RedSet's plain CSS
 * ({@code META-INF/resources/styles.css}). No npm, no frontend folder: Vaadin's pre-built bundles
 * serve dev and production mode alike.
 */
@StyleSheet(Aura.STYLESHEET)
@StyleSheet("styles.css")
public class RedSetAppShell implements AppShellConfigurator {
}
