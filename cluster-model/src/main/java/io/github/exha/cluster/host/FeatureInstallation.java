package io.github.exha.cluster.host;

/** What installing a feature did, as ServerManagerCmd reports it. */
public enum FeatureInstallation {
    /** "Success: Installation succeeded." */
    INSTALLED,
    /** "NoChange: The role, role service, or feature is already installed." — not an error. */
    ALREADY_INSTALLED
}
