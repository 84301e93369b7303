package io.github.exha.archfixtures.statics.compliant.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Constants of immutable types, including unmodifiable collections declared by interface. */
public final class QuorumDefaults implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_NODES = 8;
    public static final String WITNESS_SHARE = "\\\\hub\\fsw";
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    public static final Pattern NODE_NAME = Pattern.compile("[A-Z0-9-]{1,15}");
    public static final List<String> MODELS = List.of("NodeMajority", "NodeAndFileShareMajority");
    public static final Set<Integer> VOTES = Set.of(0, 1);
    public static final Map<String, Integer> LIMITS = Map.of("nodes", MAX_NODES);
    private static final Runnable NO_OP = () -> { };

    private QuorumDefaults() {
    }

    public static Runnable noOp() {
        return NO_OP;
    }
}
