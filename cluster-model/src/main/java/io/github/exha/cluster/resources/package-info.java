/** Cluster resource types that reach beyond the engine: Physical Disk (storage through the SPI), and later IP Address, Network Name, File Share. */
package io.github.exha.cluster.resources;
