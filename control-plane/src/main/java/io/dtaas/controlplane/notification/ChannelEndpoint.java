package io.dtaas.controlplane.notification;

/**
 * A channel's secrets, revealed only to send: the url (which often embeds a token, as Slack's do) and the
 * optional HMAC signing secret. {@link #toString()} hides both so they never reach a log.
 */
public record ChannelEndpoint(String url, String secret) {

    public boolean signed() {
        return secret != null && !secret.isEmpty();
    }

    @Override
    public String toString() {
        return "ChannelEndpoint[hidden]";
    }
}
