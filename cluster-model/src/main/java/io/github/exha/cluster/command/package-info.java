/** Runbook commands that act on hosts and clusters: {@code ServerManagerCmd}, and later {@code cluster.exe}. */
package io.github.exha.cluster.command;
