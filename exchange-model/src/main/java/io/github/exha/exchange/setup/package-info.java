/**
 * Exchange 2007 setup ({@code setup.com}) from the lab's media: installing the roles, creating, removing and
 * recovering CMSs, and upgrading binaries ({@code /mode:Upgrade}) and CMSs ({@code /UpgradeCMS}).
 */
package io.github.exha.exchange.setup;
