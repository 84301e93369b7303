package io.github.exha.archfixtures.sandbox.violating.cluster;

import java.io.IOException;

/** Violation: Runtime.exec. */
public class RuntimeExecutor {
    public Process run(String command) throws IOException {
        return Runtime.getRuntime().exec(new String[] {command});
    }
}
