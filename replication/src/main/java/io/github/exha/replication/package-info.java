/**
 * Exchange 2007 continuous replication (LCR, CCR, SCR) and storage-based site resilience: what is copied, when, and
 * what is lost.
 */
package io.github.exha.replication;
