/**
 * Simulated Windows servers: {@link io.github.exha.cluster.host.Host} with its Windows installation, features,
 * hotfixes, NICs and initiators, power lifecycle on virtual time, the SAN disks it sees through LUN masking, and its
 * volumes by drive letter with Windows path resolution.
 */
package io.github.exha.cluster.host;
