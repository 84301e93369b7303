/** The bridge between a lab and its storage plugins: contexts on the lab's kernel that journal storage events. */
package io.github.exha.cluster.storage;
