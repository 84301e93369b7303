package io.github.exha.archfixtures.cycles.compliant.core.kernel;

public class Scheduler {
}
