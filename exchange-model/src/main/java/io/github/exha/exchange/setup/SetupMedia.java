package io.github.exha.exchange.setup;

import io.github.exha.core.topology.Topology;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.topology.ExchangeTopology;
import java.util.Objects;
import java.util.Optional;

/**
 * The Exchange 2007 media {@code setup.com} runs from: the build it installs with {@code /mode:Install} and upgrades
 * binaries to with {@code /mode:Upgrade} (and a CMS to with {@code /UpgradeCMS}). Exchange 2007 service packs ship as
 * full installation media, so the lab has one: the topology's {@code exchange: media: 2007 SP2}, as if the
 * administrator had copied that service pack's files to every host and ran its {@code setup.com}.
 *
 * @param build the build on the media, an Exchange 2007 one
 */
public record SetupMedia(ExchangeBuild build) {
    /** CHOICE: without a declaration the lab's media are Exchange 2007 SP1 (what setup always installed before). */
    public static final SetupMedia DEFAULT = new SetupMedia(ExchangeBuild.EXCHANGE_2007_SP1);

    /** Validates the media: Exchange 2007 only (2003 is set up by its own programs). */
    public SetupMedia {
        Objects.requireNonNull(build, "build");
        if (build.version() != ExchangeVersion.EXCHANGE_2007) {
            throw new IllegalArgumentException("setup.com media are Exchange 2007: " + build.powerShellName());
        }
    }

    /** The media the topology declares ({@code exchange: media:}), else {@link #DEFAULT}. */
    public static SetupMedia of(Topology topology) {
        return ExchangeTopology.section(topology).flatMap(section -> Optional.ofNullable(section.media()))
                .flatMap(ExchangeBuild::parse).map(SetupMedia::new).orElse(DEFAULT);
    }
}
