package io.github.exha.archfixtures.layering.simtocore.core;

public class Lab {
}
