/**
 * The internal console under {@code /console}: sign-in ({@link io.redset.web.console.ConsoleLoginView}),
 * the frame ({@link io.redset.web.console.ConsoleLayout}), the overview of SETs and firing alerts
 * ({@link io.redset.web.console.OverviewView}), and one subpackage per feature view ({@code alerts},
 * {@code sets}, {@code audit}). Sessions with Spring Security's form login and Vaadin's CSRF
 * protection (the API chains stay stateless); every view names the role it needs
 * ({@code @RolesAllowed}) and every action checks it again on the server
 * ({@link io.redset.web.console.ConsoleAccess}). The console depends on the feature packages
 * (their services do the work and the auditing), never the reverse ({@code ArchitectureTest}).
 */
package io.redset.web.console;
