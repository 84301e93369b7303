/**
 * The error model: one unchecked {@link io.github.exha.core.error.ExhaException} carrying a stable
 * {@link io.github.exha.core.error.ErrorCode}, the real product's {@link io.github.exha.core.error.NativeCode} where
 * there is one, and the {@link io.github.exha.core.error.SourcePosition} of errors in files.
 */
package io.github.exha.core.error;
