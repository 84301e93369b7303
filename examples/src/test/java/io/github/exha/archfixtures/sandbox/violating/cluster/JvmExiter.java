package io.github.exha.archfixtures.sandbox.violating.cluster;

/** Violation: a shutdown command that ends the JVM instead of the simulated host. */
public class JvmExiter {
    public void shutdown() {
        System.exit(0);
    }
}
