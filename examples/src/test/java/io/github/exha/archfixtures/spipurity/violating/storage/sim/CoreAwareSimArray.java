package io.github.exha.archfixtures.spipurity.violating.storage.sim;

import io.github.exha.core.CompositionRoot;

/** Violation: the reference plugin reaches into core, which a vendor's plugin could not do. */
@CompositionRoot
public class CoreAwareSimArray {
}
