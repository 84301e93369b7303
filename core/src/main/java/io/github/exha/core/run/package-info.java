/**
 * Running runbooks: bind every statement first, then run them on virtual time in one shell session, journaling each
 * step, and check the invariants at the end ({@link io.github.exha.core.run.RunbookRunner}).
 */
package io.github.exha.core.run;
