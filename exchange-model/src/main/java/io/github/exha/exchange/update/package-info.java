/**
 * Exchange 2003 service packs and hotfixes on cluster nodes, and the 2003 Cluster Administrator action that upgrades
 * an Exchange Virtual Server (seed 001's rolling upgrade): the hotfix package KB831464, the service pack's
 * {@code update.exe}, the restarts that make a node run its new build, {@code Update-ExchangeVirtualServer} with its
 * preconditions (error c1037b44, the conditions under which the action is unavailable) and the {@code exchangeBuilds}
 * report. A database first mounted under the new build is stamped with its ESE version by the store
 * ({@code io.github.exha.exchange.store}), which reads the build of the node it mounts on.
 */
package io.github.exha.exchange.update;
