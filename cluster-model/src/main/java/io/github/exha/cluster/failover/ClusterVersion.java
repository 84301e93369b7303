package io.github.exha.cluster.failover;

/** Which failover-cluster implementation the engine behaves like. */
public enum ClusterVersion {
    /** MSCS on Windows Server 2003: dependencies change only while the dependent resource is offline. */
    WINDOWS_2003,
    /** WSFC on Windows Server 2008: dependencies may change while online; event 1254 marks a group left failed. */
    WINDOWS_2008
}
