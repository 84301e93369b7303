/**
 * The small crash-consistent filesystem simulated Windows hosts keep on SAN LUNs, so that block-level replication
 * carries Exchange's logs and databases and a replica cut at any write boundary mounts to a consistent state.
 * {@link io.github.exha.cluster.fs.Volume} is the API: format, mount, directories, files, and Win32 errors.
 *
 * <h2>On-disk layout (in clusters, 4 KB by default; see {@link io.github.exha.cluster.fs.VolumeLayout})</h2>
 * <pre>
 * block 0, block 1     superblock slots (one device block each): volume id, label, layout, generation,
 *                      current checkpoint slot / length / CRC, first journal sequence number; CRC-32C
 * cluster 2 ...        checkpoint slot 0, then checkpoint slot 1: the whole file table (records, names, extents)
 * then                 the journal ring: records at block boundaries: magic, volume id, sequence, length, CRC-32C,
 *                      payload (the metadata actions of one operation), zero padding to whole blocks
 * then to the end      data clusters, mapped into files by extents
 * </pre>
 * The free-cluster bitmap is never written: mount derives it from the file table. Format writes only the heads of
 * these areas, so a sparse LUN of any size formats in four small writes.
 *
 * <h2>Why any prefix of the writes mounts to an operation prefix</h2>
 * Every operation issues its writes in this order: (1) data, only to clusters no durable state can see: newly
 * allocated clusters, or bytes at or past a file's current end (copy on write for anything before it); (2) if the
 * journal ring is full, a checkpoint: the file table to the slot the current superblock does not reference, then one
 * single-block superblock write naming it and restarting the journal at the ring's start; (3) one journal record with
 * all the operation's metadata changes, checksummed. Mount takes the valid superblock with the highest generation,
 * loads its checkpoint and replays records while each has the next sequence number, this volume's id and a valid
 * checksum. Take any prefix of the writes:
 * <ul>
 *   <li>The records replayed are exactly the complete records in the prefix since the last superblock in it, in
 *       order: a record is written after the superblock that restarted the ring, a torn record fails its checksum,
 *       and a stale record from an earlier lap carries a smaller sequence number (or an earlier format's volume id).
 *       The checkpoint a superblock names was written before it. So the metadata is the state after operations
 *       1..k, where operation k is the last whose record is in the prefix; an operation whose writes are all in the
 *       prefix has its record there. Metadata changes only by replaying records, so no operation is half applied.</li>
 *   <li>The data that state references is intact: it was written before record k, and no later write in the prefix
 *       touches it, because a cluster is reused only after the record freeing it was issued (so such a write lies
 *       in the prefix only together with that record, which is then at most k), and in-place writes touch bytes past
 *       a file's end only, which read as zeros (they are zeroed when the file grows over them).</li>
 * </ul>
 * A checkpoint writes into the slot the current superblock does not name, and the ring restarts only after the
 * superblock naming the new checkpoint, so every prefix holds a complete checkpoint and journal for its superblock.
 *
 * <h2>Space</h2>
 * Checkpoint slots and journal are fixed areas: deleting, renaming and checkpointing never need data clusters, so a
 * full log disk can always be cleaned. {@code freeBytes()} is the free data clusters; a write needing more new
 * clusters than that, or metadata outgrowing a checkpoint slot, fails with DISK_FULL and changes nothing.
 */
package io.github.exha.cluster.fs;
