package io.github.exha.cluster.host;

import java.util.List;

/**
 * A program of the lab that keeps files open on the hosts it runs on. Windows refuses to move, rename or delete a file
 * another process has open without sharing it for deletion: ERROR_SHARING_VIOLATION (32), "The process cannot access
 * the file because it is being used by another process." Native commands that move or delete files ({@code move})
 * ask every program first. A module contributes its programs with {@code ClusterModule.openFiles(binder())}, for
 * example the Exchange Information Store with the files of its mounted databases.
 */
public interface OpenFiles {
    /** The files this program has open on {@code host} now (none while it does not run there). */
    List<OpenFile> openOn(Host host);
}
