package io.github.exha.archfixtures.layering.compliant.core;

/** Bottom of the host stack. */
public class Lab {
}
