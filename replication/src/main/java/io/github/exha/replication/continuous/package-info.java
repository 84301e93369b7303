/**
 * Exchange 2007 continuous replication: the Microsoft Exchange Replication service's copier, inspector and replayer
 * for LCR, CCR and SCR copies ({@link io.github.exha.replication.continuous.ReplicationService}), copy status and
 * seeding, and the storage-group-copy cmdlets of the Exchange Management Shell.
 */
package io.github.exha.replication.continuous;
