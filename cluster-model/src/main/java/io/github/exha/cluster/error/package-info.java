/** Error codes of the cluster model; exceptions carry the Win32 number where Windows has one. */
package io.github.exha.cluster.error;
