/**
 * The runbook language's syntax: a PowerShell subset in which the seeds' published command lines parse
 * verbatim. This package knows nothing of which commands exist; binding is done by {@code io.github.exha.core.command}.
 */
package io.github.exha.core.runbook;
