package io.dtaas.controlplane.notification;

import java.util.Arrays;
import java.util.Optional;

/** How a channel is reached: a generic JSON webhook or a Slack-compatible incoming webhook. */
public enum ChannelType {
    WEBHOOK("webhook"),
    SLACK("slack");

    private final String wire;

    ChannelType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ChannelType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }
}
