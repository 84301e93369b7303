package io.github.exha.archfixtures.determinism.violating.core.threads;

import java.util.List;

/** Violation: leaves the lab's thread outside the kernel. */
public class ParallelStreamUser {
    public long count(List<String> nodes) {
        return nodes.parallelStream().filter(String::isEmpty).count();
    }
}
