/**
 * The seeds' upgrade and maintenance procedures as parameterised {@link io.github.exha.upgrade.workflow.Workflow}s,
 * and the checks their preconditions read in a lab.
 */
package io.github.exha.upgrade.procedure;
