package io.github.exha.availability;

/** The classes of components that fail and are repaired in an availability estimate. */
public enum ComponentClass {
    /** A Windows host: hardware, operating system and Exchange crashes. */
    NODE,
    /** A LUN (a RAID set) or a node's own disks: lost with its data. */
    DISK,
    /** A storage array: unavailable as a whole, its data intact. */
    ARRAY,
    /** A SAN replication link or a WAN link between sites. */
    LINK,
    /** A whole site. */
    SITE;

    /** The class's key in the {@code reliability:} section. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
