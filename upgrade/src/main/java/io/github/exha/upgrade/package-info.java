/**
 * Upgrade and maintenance: the workflow engine ({@code upgrade.workflow}) and the procedures of the seeds as
 * parameterised workflows ({@code upgrade.procedure}). {@link io.github.exha.upgrade.UpgradeModule} binds the lab-side
 * facts the procedures' preconditions read.
 */
package io.github.exha.upgrade;
