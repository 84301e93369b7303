/** Properties the simulated world must always have; modules contribute them and every run checks them. */
package io.github.exha.core.invariant;
