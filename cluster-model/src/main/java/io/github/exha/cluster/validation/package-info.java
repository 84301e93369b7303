/**
 * Cluster validation as Windows Server 2008's "Validate a Configuration" wizard and the {@code Test-Cluster}
 * cmdlet run it: tests in four categories (Inventory, Network, Storage, System Configuration) over the lab's hosts,
 * storage fabric and networks, a report with the wizard's verdict, and the {@code Test-Cluster} runbook command.
 */
package io.github.exha.cluster.validation;
