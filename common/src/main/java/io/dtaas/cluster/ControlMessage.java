package io.dtaas.cluster;

import com.fasterxml.jackson.annotation.JsonValue;

/** An entry of {@link ClusterKeys#control()}: stop or pause an execution at its next batch boundary. */
public record ControlMessage(long executionId, Action action) {

    public enum Action {
        STOP("stop"),
        PAUSE("pause");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        public static Action fromWire(String name) {
            for (Action a : values()) {
                if (a.wireName.equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown control action " + name);
        }
    }
}
