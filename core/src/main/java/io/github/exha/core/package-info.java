/**
 * exha's core: a {@link io.github.exha.core.Lab} is one deterministic simulated world, composed with Guice from
 * {@link io.github.exha.core.CoreModule} and the modules of the other layers.
 */
package io.github.exha.core;
