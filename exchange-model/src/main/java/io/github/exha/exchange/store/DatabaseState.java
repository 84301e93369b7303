package io.github.exha.exchange.store;

/** The state a database file's header records, as eseutil /mh prints it ({@code State: Clean Shutdown}). */
public enum DatabaseState {
    /** Created but never attached to a log stream. */
    JUST_CREATED("Just Created"),
    /** Attached, or not detached cleanly: recovery must replay the logs of its required range before it mounts. */
    DIRTY_SHUTDOWN("Dirty Shutdown"),
    /** Detached cleanly: consistent without any log, so it can move to another server or log stream. */
    CLEAN_SHUTDOWN("Clean Shutdown");

    private final String display;

    DatabaseState(String display) {
        this.display = display;
    }

    /** As eseutil prints it. */
    public String display() {
        return display;
    }
}
