package io.github.exha.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that builds a Guice injector. Besides {@code *Module} classes, only classes carrying this
 * annotation may use Guice types (enforced by the architecture tests), so the rest of the code stays
 * plain constructor-injected Java.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CompositionRoot {
}
