package io.github.exha.exchange.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Exchange setup has installed on one host (its binaries and the registry under
 * {@code HKLM\Software\Microsoft\Exchange}): the build, the edition, the roles, whether the mailbox role is the
 * clustered one, and a setup watermark left by a failed run.
 *
 * @param host the host
 * @param build the build of the binaries
 * @param edition the edition the product key gives
 * @param roles the installed roles
 * @param clusteredMailbox whether the Mailbox role is the clustered one (Active / Passive Clustered Mailbox Role)
 * @param watermark a watermark a failed setup left, which makes the next run resume
 */
public record ExchangeInstallation(String host, ExchangeBuild build, ExchangeEdition edition, Set<ServerRole> roles,
        boolean clusteredMailbox, Optional<SetupWatermark> watermark) {
    /** Validates the installation: a clustered mailbox node holds no other role. */
    public ExchangeInstallation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(edition, "edition");
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        Objects.requireNonNull(watermark, "watermark");
        if (clusteredMailbox && !roles.equals(Set.of(ServerRole.MAILBOX))) {
            throw new IllegalArgumentException("a clustered mailbox node holds no other server role: " + host);
        }
    }

    /** The same installation at another build. */
    public ExchangeInstallation withBuild(ExchangeBuild newBuild) {
        return new ExchangeInstallation(host, newBuild, edition, roles, clusteredMailbox, watermark);
    }

    /** The same installation with or without a watermark. */
    public ExchangeInstallation withWatermark(Optional<SetupWatermark> mark) {
        return new ExchangeInstallation(host, build, edition, roles, clusteredMailbox, mark);
    }
}
