package io.github.exha.cluster.failover;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A test resource type whose behaviour each test scripts: start time, start failures, hangs and crashes. */
final class ScriptedType implements ResourceType {
    final String name;
    Duration onlineTime = Duration.ofSeconds(1);
    Duration offlineTime = Duration.ofSeconds(1);
    final Map<String, Integer> failNextOnlines = new TreeMap<>();
    final Set<String> failAlways = new TreeSet<>();
    final Set<String> hangOnline = new TreeSet<>();
    // Crashed services: "loud" ones LooksAlive notices, "quiet" ones only IsAlive notices.
    final Set<String> crashedLoud = new TreeSet<>();
    final Set<String> crashedQuiet = new TreeSet<>();
    final Map<String, String> running = new TreeMap<>();
    final Map<String, Long> attempts = new TreeMap<>();
    final List<String> violations = new ArrayList<>();
    final List<String> onlineOrder = new ArrayList<>();
    final List<String> offlineOrder = new ArrayList<>();

    ScriptedType(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Operation<Void> online(ResourceContext context) {
        String resource = context.resourceName();
        long attempt = attempts.merge(resource, 1L, Long::sum);
        Operation<Void> operation = context.kernel().operations().create("online " + resource);
        if (hangOnline.contains(resource)) {
            return operation;
        }
        context.kernel().scheduler().schedule(onlineTime, () -> {
            if (attempts.get(resource) != attempt) {
                return;
            }
            Integer failures = failNextOnlines.get(resource);
            if (failAlways.contains(resource) || failures != null && failures > 0) {
                if (failures != null) {
                    failNextOnlines.put(resource, failures - 1);
                }
                operation.fail(new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, resource + " refused to start"));
                return;
            }
            String other = running.put(resource, context.nodeName());
            if (other != null) {
                violations.add(resource + " started on " + context.nodeName() + " while running on " + other);
            }
            crashedLoud.remove(resource);
            crashedQuiet.remove(resource);
            onlineOrder.add(resource);
            operation.complete(null);
        });
        return operation;
    }

    @Override
    public Operation<Void> offline(ResourceContext context) {
        String resource = context.resourceName();
        long attempt = attempts.merge(resource, 1L, Long::sum);
        Operation<Void> operation = context.kernel().operations().create("offline " + resource);
        context.kernel().scheduler().schedule(offlineTime, () -> {
            if (attempts.get(resource) != attempt) {
                return;
            }
            running.remove(resource);
            offlineOrder.add(resource);
            operation.complete(null);
        });
        return operation;
    }

    @Override
    public void terminate(ResourceContext context) {
        attempts.merge(context.resourceName(), 1L, Long::sum);
        running.remove(context.resourceName());
    }

    @Override
    public boolean looksAlive(ResourceContext context) {
        return !crashedLoud.contains(context.resourceName());
    }

    @Override
    public boolean isAlive(ResourceContext context) {
        return !crashedLoud.contains(context.resourceName()) && !crashedQuiet.contains(context.resourceName());
    }
}
