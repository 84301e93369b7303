/** The Exchange model's error codes. */
package io.github.exha.exchange.error;
