package io.github.exha.exchange.clustering;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.server.InformationStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Labs for the clustering and setup tests, with the fake store bound. */
public final class ExchangeLabs {
    private ExchangeLabs() {
    }

    /** The module binding the fake store. */
    public static final class FakeStoreModule extends AbstractModule {
        @Override
        protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), InformationStore.class).setBinding()
                    .to(FakeInformationStore.class);
        }

        @Provides
        @Singleton
        FakeInformationStore store(Kernel kernel) {
            return new FakeInformationStore(kernel);
        }
    }

    /** A lab from a topology resource under {@code /topologies}. */
    public static Lab lab(String resource) {
        try (InputStream in = ExchangeLabs.class.getResourceAsStream("/topologies/" + resource)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Lab.create(LabSpec.of(TopologySource.text(resource, yaml)), new ClusterModule(),
                    new ExchangeModule(), new FakeStoreModule());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a runbook, accepting confirmations. */
    public static RunReport run(Lab lab, String text) {
        return lab.run(RunbookParser.parse("test.ps1", text), RunOptions.defaults());
    }
}
