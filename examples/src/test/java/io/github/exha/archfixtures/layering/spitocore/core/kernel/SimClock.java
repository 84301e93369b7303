package io.github.exha.archfixtures.layering.spitocore.core.kernel;

public class SimClock {
}
