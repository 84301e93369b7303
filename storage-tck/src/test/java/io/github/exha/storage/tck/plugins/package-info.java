/**
 * Plugins for the TCK's self-tests, all decorators around the reference plugin {@code sim}: broken ones that each
 * break one rule, and a correct one that claims fewer capabilities.
 */
package io.github.exha.storage.tck.plugins;
