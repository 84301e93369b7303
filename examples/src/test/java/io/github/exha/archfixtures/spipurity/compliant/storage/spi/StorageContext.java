package io.github.exha.archfixtures.spipurity.compliant.storage.spi;

import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** How host services reach a plugin: JDK types only. */
public interface StorageContext {
    InstantSource clock();

    RandomGenerator random();

    Consumer<String> events();
}
