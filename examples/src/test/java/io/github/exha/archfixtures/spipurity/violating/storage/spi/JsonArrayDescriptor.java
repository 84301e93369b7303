package io.github.exha.archfixtures.spipurity.violating.storage.spi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Violation: the SPI's value objects carry Jackson annotations. */
public record JsonArrayDescriptor(@JsonProperty("serial") String serial) {
}
