/**
 * The internal console (issue 12): on-call engineers acknowledge and silence alerts, admins switch
 * SET degradation modes and edit the status page. It will use sessions with Vaadin's and Spring
 * Security's CSRF protection (the API chains stay stateless). Empty until then; the rules of
 * {@code ArchitectureTest} hold here too (no package cycles: the console depends on the feature
 * packages, never the reverse).
 */
package io.redset.web.console;
