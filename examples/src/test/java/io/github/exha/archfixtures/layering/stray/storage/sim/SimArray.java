package io.github.exha.archfixtures.layering.stray.storage.sim;

public class SimArray {
}
