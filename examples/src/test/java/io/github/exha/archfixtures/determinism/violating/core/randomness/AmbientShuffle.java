package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.Collections;
import java.util.List;

/** Violation: draws ambient randomness outside the kernel. */
public class AmbientShuffle {
    public void shuffle(List<String> nodes) {
        Collections.shuffle(nodes);
    }
}
